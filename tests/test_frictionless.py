"""frictionless is the reference client for our format: it must find the package valid,
and catch what our validator catches on a broken copy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _frictionless(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "frictionless"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "frictionless"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_frictionless_validates_the_package(repo_root: Path) -> None:
    result = _frictionless("validate", "--json", "datapackage.json", cwd=repo_root)
    report = json.loads(result.stdout)
    errors = [e["message"] for task in report["tasks"] for e in task["errors"]] + [
        e["message"] for e in report["errors"]
    ]
    assert report["valid"] is True, errors
    assert result.returncode == 0
    assert {t["name"] for t in report["tasks"]} >= {
        "events",
        "trade_flows",
        "energy_shares",
        "arms_deals",
        "member_state_positions",
        "sources",
        "actors",
        "citations",
    }


def test_frictionless_and_we_both_reject_a_bad_enum(package_copy: Path) -> None:
    from turkey_russia_data import validate

    path = package_copy / "tables" / "energy_shares.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace(",natural_gas,", ",natgas,", 1), encoding="utf-8")
    result = _frictionless("validate", "--json", "datapackage.json", cwd=package_copy)
    report = json.loads(result.stdout)
    types = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert "constraint-error" in types
    ours = validate(package_copy)
    # the descriptor still holds the old hash: both clients flag the edited file
    assert "hash-count" in types
    assert ours.by_code("E112") and ours.by_code("E124")
