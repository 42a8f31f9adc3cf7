"""The installed wheel, not the checkout: build sdist and wheel (the wheel from the sdist),
install the wheel into a fresh virtual environment and use it from outside the checkout."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

# Building the sdist and the wheel and installing it into a fresh venv takes tens of seconds.
pytestmark = pytest.mark.slow


def test_wheel_carries_the_data_once(wheel: Path, repo_root: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    data = [n for n in names if n.startswith("turkey_russia_data/data/")]
    csvs = sorted(Path(n).name for n in data if n.endswith(".csv") and "/tables/" in n)
    assert csvs == sorted(p.name for p in (repo_root / "tables").glob("*.csv"))
    assert "turkey_russia_data/data/datapackage.json" in names
    assert len([n for n in data if n.endswith(".json") and "/schemas/" in n]) == len(csvs)
    assert "turkey_russia_data/py.typed" in names
    assert not [n for n in names if n.endswith(".txt") and "sources" in n]


def test_installed_wheel_loads_every_table(installed: Path, tmp_path: Path) -> None:
    python = installed / "python"
    script = (
        "import turkey_russia_data as trd, sys\n"
        "assert trd.__file__.startswith(sys.prefix), trd.__file__\n"
        "frames = trd.load_all()\n"
        "assert set(frames) == set(trd.tables())\n"
        "assert all(len(f) for f in frames.values())\n"
        "print(trd.__version__, sum(len(f) for f in frames.values()))\n"
    )
    run = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert run.returncode == 0, run.stderr
    validate = subprocess.run(
        [str(installed / "turkey-russia-data"), "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "turkey_russia_data/data/datapackage.json" in validate.stdout


def test_installed_wheel_passes_every_level_with_the_texts(installed: Path, sources_dir: Path, tmp_path: Path) -> None:
    import json

    run = subprocess.run(
        [str(installed / "turkey-russia-data"), "validate", "--sources", str(sources_dir), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    report = json.loads(run.stdout)
    assert run.returncode == 0, report["problems"][:5]
    assert [lv["status"] for lv in report["levels"]] == ["ok"] * 8
    assert report["package"].endswith("turkey_russia_data/data/datapackage.json")


def test_wheel_carries_the_release_history_and_citation(wheel: Path, repo_root: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    records = {f"turkey_russia_data/data/releases/{p.name}" for p in (repo_root / "releases").iterdir()}
    assert records and records <= names
    assert "turkey_russia_data/data/CITATION.cff" in names


def test_installed_wheel_diffs_versions_and_cites(installed: Path, tmp_path: Path) -> None:
    script = (
        "import turkey_russia_data as trd\n"
        "d = trd.diff('0.2.0', '1.0.0')\n"
        "assert d.required == 'major', d.required\n"
        "assert [c.row_id for c in d.table('sources').changed][0] == 'bardakci-feasible'\n"
        "assert trd.diff(trd.__version__).empty, 'the installed data is its recorded release'\n"
        "assert trd.cite().startswith('turkey-russia-data maintainers. (')\n"
        "assert trd.cite('swp-alignment', style='bibtex').startswith('@techreport{swp-alignment,')\n"
    )
    run = subprocess.run([str(installed / "python"), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    versions = subprocess.run(
        [str(installed / "turkey-russia-data"), "versions"], capture_output=True, text=True, cwd=tmp_path
    )
    assert versions.returncode == 0 and versions.stdout.split()[0] == "0.2.0", versions.stdout + versions.stderr


def test_wheel_metadata_declares_both_licences_and_no_frictionless(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as z:
        (name,) = [n for n in z.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = z.read(name).decode("utf-8")
        assert "turkey_russia_data/data/LICENSE-DATA.md" in z.namelist()  # the bundle carries it
    assert "License-Expression: MIT AND CC-BY-4.0" in metadata.splitlines()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist: frictionless")]
    assert requires and all("extra ==" in line for line in requires)
