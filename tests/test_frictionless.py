"""frictionless is the reference client for our format: it must find the package valid,
and catch what our validator catches on a broken copy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

# frictionless reads every table in Python: seconds per package.
pytestmark = pytest.mark.slow


def _frictionless(package: Path) -> dict[str, Any]:
    """What ``frictionless validate --json datapackage.json`` reports, in this process."""
    frictionless = pytest.importorskip("frictionless")  # here, so that collecting stays light
    report: dict[str, Any] = frictionless.validate(str(package / "datapackage.json")).to_dict()
    return report


def test_frictionless_validates_the_package(repo_root: Path) -> None:
    report = _frictionless(repo_root)
    errors = [e["message"] for task in report["tasks"] for e in task["errors"]] + [
        e["message"] for e in report["errors"]
    ]
    assert report["valid"] is True, errors
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
    report = _frictionless(package_copy)
    types = {e["type"] for task in report["tasks"] for e in task["errors"]}
    assert "constraint-error" in types
    ours = validate(package_copy)
    # the descriptor still holds the old hash: both clients flag the edited file
    assert "hash-count" in types
    assert ours.by_code("E112") and ours.by_code("E124")
