"""The bundle: a download that stands alone. Copied into an empty folder it validates with
frictionless and with our validator, reads with plain pandas and carries its licence,
citation, data dictionary and README."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import CliRunner
from packagekit import rehash

import turkey_russia_data as trd
from turkey_russia_data import cli


def _frictionless(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "frictionless"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "frictionless"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip bundle, written by the command line and unpacked in an empty folder."""
    work = tmp_path_factory.mktemp("bundle")
    archive = work / f"trd-{trd.__version__}.zip"
    assert cli.main(["export", "--format", "bundle", "--out", str(archive)]) == 0
    empty = work / "elsewhere"
    empty.mkdir()
    with zipfile.ZipFile(archive) as z:
        z.extractall(empty)
    (folder,) = empty.iterdir()
    assert folder.name == archive.stem
    return folder


def test_bundle_holds_every_file_and_nothing_points_outside(unpacked: Path) -> None:
    names = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    descriptor = json.loads((unpacked / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in descriptor["resources"]}
    assert names == paths | {"datapackage.json", "data-dictionary.md", "LICENSE-DATA.md", "CITATION.cff", "README.md"}
    assert all(isinstance(r["schema"], dict) for r in descriptor["resources"])
    assert descriptor["version"] == trd.data_version()


def test_frictionless_alone_accepts_the_bundle(unpacked: Path) -> None:
    result = _frictionless("validate", "--json", "datapackage.json", cwd=unpacked)
    report = json.loads(result.stdout)
    assert report["valid"] is True, [e["message"] for t in report["tasks"] for e in t["errors"]]
    assert {t["name"] for t in report["tasks"]} == set(trd.tables())


def test_our_validator_accepts_the_bundle(unpacked: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(unpacked)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("valid")


def test_plain_pandas_reads_the_bundle(unpacked: Path) -> None:
    for name in trd.tables():
        plain = pd.read_csv(unpacked / "tables" / f"{name}.csv", keep_default_na=False, na_values=[""])
        assert len(plain) == len(trd.load(name))
    events = pd.read_csv(unpacked / "tables" / "events.csv")
    assert (
        events.loc[events.event_id == "EV0002", "title"].item()
        == trd.load("events").set_index("event_id").loc["EV0002", "title"]
    )


def test_bundle_readme_names_every_file_and_how_to_read_it(unpacked: Path) -> None:
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    for path in unpacked.rglob("*"):
        if path.is_file():
            assert f"`{path.relative_to(unpacked).as_posix()}`" in readme
    for needle in ("frictionless validate datapackage.json", "pd.read_csv", "frictionless::read_package", "CC-BY-4.0"):
        assert needle in readme
    assert (unpacked / "CITATION.cff").read_bytes() == (Path(trd.__file__).parent.parent / "CITATION.cff").read_bytes()


def test_folder_bundle_equals_the_zip(unpacked: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    result = trd.export(folder, "bundle")
    assert result.rows == {n: len(trd.load(n)) for n in trd.tables()}
    for path in folder.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (unpacked / path.relative_to(folder)).read_bytes(), path


def test_zip_bundle_is_reproducible_and_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "again").mkdir()
    first, second = tmp_path / "trd.zip", tmp_path / "again" / "trd.zip"
    trd.export(first)
    trd.export(second, "bundle")
    assert first.read_bytes() == second.read_bytes()
    with pytest.raises(trd.exports.OutputExistsError):
        trd.export(first)


@pytest.mark.parametrize("fmt", ["bundle", "site", "annotations"])
@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ("path leaves the folder", "leaves the package folder"),
        ("unclosed quote", "tables/events.csv:4: E105"),
    ],
)
def test_a_fork_the_writers_cannot_read_whole_is_refused_in_one_line(
    fmt: str, fault: str, expected: str, package_copy: Path, tmp_path: Path, run_cli: CliRunner
) -> None:
    # The writers that copy every table read through the reading layer, as validate does:
    # a path out of the folder is never followed, a table never copied in part.
    if fault == "path leaves the folder":
        outside = tmp_path / "secret.csv"
        outside.write_text("not part of the package\n", encoding="utf-8")
        descriptor = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
        resource = next(r for r in descriptor["resources"] if r["name"] == "arms_deals")
        resource["path"] = "../secret.csv"
        (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    else:
        events = package_copy / "tables" / "events.csv"
        events.write_bytes(events.read_bytes().replace(b"\nEV0003,", b'\nEV0003,"', 1))
        rehash(package_copy)
    out = tmp_path / "out"
    result = run_cli("export", "--format", fmt, "--out", str(out), str(package_copy))
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
    assert not out.exists()


@pytest.mark.parametrize("fault", ["a resource without a name", "two resources of one name"])
def test_the_writers_refuse_tables_they_cannot_tell_apart(fault: str, package_copy: Path, run_cli: CliRunner) -> None:
    descriptor = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
    if fault == "a resource without a name":
        del descriptor["resources"][3]["name"]
        expected = "resource 4 has no name"
    else:
        descriptor["resources"].append({**descriptor["resources"][1], "name": descriptor["resources"][0]["name"]})
        expected = f"a second table named {descriptor['resources'][0]['name']!r}"
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = run_cli("export", "--format", "bundle", "--out", str(package_copy.parent / "out"), str(package_copy))
    assert result.returncode == 2 and expected in result.stderr, result.stderr
    assert not (package_copy.parent / "out").exists()
