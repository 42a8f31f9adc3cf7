"""The release command on temporary copies of the repository: a corrected title gives a
patch release that passes every check, an added row a minor one, a renamed column a major
one; a smaller --bump is refused; the CHANGELOG gets a section and keeps the others.

Every expectation is derived from the latest release record and the files, so that these
tests hold after any future release."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_package
from packagekit import rows, write_rows

from turkey_russia_data import cli, release
from turkey_russia_data.versioning import check, recorded_versions
from turkey_russia_data.versioning.record import record_path
from turkey_russia_data.versioning.semver import next_version

LATEST = recorded_versions(ROOT)[-1]
DATE = "2030-01-02"
# What the release command reads and writes, copied as a clone of the repository has it.
_COPIED = (
    "datapackage.json",
    "schemas",
    "tables",
    "releases",
    "CHANGELOG.md",
    "CITATION.cff",
    "README.md",
    "DATASHEET.md",
    "docs/data-dictionary.md",
    "docs/curation",
    "turkey_russia_data/_version.py",
)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A copy of the repository's data, release history, documents and version file."""
    dest = tmp_path / "clone"
    for name in _COPIED:
        source, target = ROOT / name, dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return dest


def version_of(pkg: Path) -> str:
    version: str = json.loads((pkg / "datapackage.json").read_text("utf-8"))["version"]
    return version


def edit_cell(pkg: Path, table: str, column: str, change: str) -> str:
    """Append ``change`` to ``column`` of the table's first row; that row's id."""
    path = pkg / "tables" / f"{table}.csv"
    data = rows(path)
    data[1][data[0].index(column)] += change
    write_rows(path, data)
    return data[1][0]


def run(*argv: str) -> int:
    return cli.main(list(argv))


@pytest.mark.slow
def test_corrected_title_is_released_as_a_patch_that_passes_every_check(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert version_of(clone) == LATEST, "the repository's data is its latest release"
    row_id = edit_cell(clone, "events", "title", " (corrected)")

    assert run("release", str(clone), "--date", DATE) == 0, capsys.readouterr()
    new = next_version(LATEST, "patch")
    assert version_of(clone) == new
    assert f'__version__ = "{new}"' in (clone / "turkey_russia_data" / "_version.py").read_text("utf-8")
    assert record_path(clone, new).is_file()
    assert json.loads(record_path(clone, new).read_text("utf-8"))["released"] == DATE
    assert f'version: "{new}"' in (clone / "CITATION.cff").read_text("utf-8")
    changelog = (clone / "CHANGELOG.md").read_text("utf-8")
    section = changelog[changelog.index(f"## [{new}] - {DATE}") : changelog.index(f"## [{LATEST}]")]
    assert f"- `events`: {row_id} (title)" in section
    assert changelog.index("## [Unreleased]") < changelog.index(f"## [{new}]"), "Unreleased stays first"
    capsys.readouterr()

    assert run("release", str(clone), "--check") == 0, capsys.readouterr().out
    assert check(clone) == []
    capsys.readouterr()
    assert run("diff", str(record_path(clone, LATEST)), str(clone)) == 1
    assert f"~ {row_id}\n      title:" in capsys.readouterr().out
    assert run("validate", str(clone)) == 0, capsys.readouterr().out

    # a second run has nothing to release and changes nothing
    before = {p: p.read_bytes() for p in clone.rglob("*") if p.is_file()}
    assert run("release", str(clone)) == 0
    assert "nothing to release" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in clone.rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_added_row_is_released_as_minor(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = clone / "tables" / "trade_flows.csv"
    data = rows(path)
    numbers = [int(m.group(1)) for r in data[1:] if (m := re.fullmatch(r"TF(\d+)", r[0]))]
    new_id = f"TF{max(numbers) + 100:04d}"  # never used, never retired
    write_rows(path, [*data, [new_id, *data[1][1:]]])

    assert run("release", str(clone), "--date", DATE) == 0, capsys.readouterr()
    assert version_of(clone) == next_version(LATEST, "minor")
    changelog = (clone / "CHANGELOG.md").read_text("utf-8")
    assert f"### Added\n\n- `trade_flows`: {new_id}\n" in changelog


@pytest.mark.slow
def test_a_row_retired_in_a_minor_release_is_checked_against_that_version(
    clone: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row retired at the version the changes need (here minor, a row is also added):
    the release checks its retirement against that version, not the next patch."""
    path = clone / "tables" / "trade_flows.csv"
    data = rows(path)
    numbers = [int(m.group(1)) for r in data[1:] if (m := re.fullmatch(r"TF(\d+)", r[0]))]
    write_rows(path, [*data, [f"TF{max(numbers) + 100:04d}", *data[1][1:]]])
    citations = clone / "tables" / "citations.csv"
    cites = rows(citations)
    per_row: dict[str, int] = {}
    for c in cites[1:]:
        per_row[c[2]] = per_row.get(c[2], 0) + 1
    gone = next(c for c in cites[1:] if per_row[c[2]] > 1)  # the row keeps another citation
    write_rows(citations, [c for c in cites if c is not gone])
    minor = next_version(LATEST, "minor")
    with (clone / "releases" / "retired.csv").open("a", encoding="utf-8", newline="") as fh:
        fh.write(f"citations,{gone[0]},{minor},,A second citation of the same row; retired to test the release.\n")

    assert run("release", str(clone), "--date", DATE) == 0, capsys.readouterr()
    assert version_of(clone) == minor
    assert run("release", str(clone), "--check") == 0, capsys.readouterr()


@pytest.mark.slow
def test_renamed_column_is_released_as_major(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a fork of the data alone: no _version.py, the version lives in datapackage.json
    (clone / "turkey_russia_data" / "_version.py").unlink()
    schema_path = clone / "schemas" / "actors.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    renamed = schema["fields"][-1]["name"]
    schema["fields"][-1]["name"] = renamed + "_text"
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    table = clone / "tables" / "actors.csv"
    data = rows(table)
    data[0][-1] = renamed + "_text"
    write_rows(table, data)

    assert run("release", str(clone), "--date", DATE) == 0, capsys.readouterr()
    new = next_version(LATEST, "major")
    assert version_of(clone) == new
    descriptor = json.loads((clone / "datapackage.json").read_text("utf-8"))
    assert descriptor["created"] == f"{DATE}T00:00:00Z"
    assert check(clone) == []
    assert f"- `actors`: field '{renamed}' removed or renamed" in (clone / "CHANGELOG.md").read_text("utf-8")


@pytest.mark.slow
def test_a_fork_of_the_data_alone_is_released_in_its_datapackage_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fork = copy_package(tmp_path / "fork", releases=True)  # no _version.py, docs or CHANGELOG
    schemas = {p.name: p.read_bytes() for p in (fork / "schemas").iterdir()}
    row_id = edit_cell(fork, "events", "title", " (corrected)")
    assert run("release", str(fork), "--date", DATE) == 0, capsys.readouterr()
    assert version_of(fork) == next_version(LATEST, "patch")
    assert json.loads((fork / "datapackage.json").read_text("utf-8"))["created"] == f"{DATE}T00:00:00Z"
    assert {p.name: p.read_bytes() for p in (fork / "schemas").iterdir()} == schemas, "a fork's schemas are its own"
    assert sorted(p.name for p in fork.iterdir()) == ["datapackage.json", "releases", "schemas", "tables"]
    assert check(fork) == [] and run("validate", str(fork)) == 0
    capsys.readouterr()
    assert run("diff", LATEST, str(fork)) == 1 and f"~ {row_id}" in capsys.readouterr().out


@pytest.mark.slow
def test_a_smaller_bump_than_required_is_refused(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_cell(clone, "events", "title", " (corrected)")
    assert run("release", str(clone), "--bump", "patch") == 0
    capsys.readouterr()
    path = clone / "tables" / "trade_flows.csv"
    data = rows(path)
    write_rows(path, [*data, ["TF9999", *data[1][1:]]])
    before = version_of(clone)
    assert run("release", str(clone), "--bump", "patch") == 1
    err = capsys.readouterr().err
    assert "--bump patch is smaller than the changes require: minor" in err
    assert "run turkey-russia-data release --bump minor" in err and len(err.strip().splitlines()) == 1
    assert version_of(clone) == before and not record_path(clone, next_version(before, "patch")).exists()

    assert run("release", str(clone), "--bump", "major") == 0
    assert version_of(clone) == next_version(before, "major")


def test_check_names_the_file_and_the_command_that_fixes_it(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_cell(clone, "events", "title", " (corrected)")
    assert release.main(["--root", str(clone), "--check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith("datapackage.json: R101 not-bumped") for line in out)
    problems = [line for line in out if not line.endswith("release problems")]
    assert problems and all(
        line.endswith("run turkey-russia-data release") or "run turkey-russia-data release (" in line
        for line in problems
    ), problems
    assert not any("set it to" in line for line in out), "the version is never edited by hand"
    assert any(line.startswith("datapackage.json: out of date") for line in out), "the file hash is stale"


@pytest.mark.slow
def test_a_version_edited_by_hand_in_datapackage_json_is_set_right(clone: Path) -> None:
    # the loop of the old message: the descriptor is generated, so the release command owns it
    edit_cell(clone, "events", "title", " (corrected)")
    descriptor = json.loads((clone / "datapackage.json").read_text("utf-8"))
    descriptor["version"] = "0.0.1"
    (clone / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert run("release", str(clone)) == 0
    assert version_of(clone) == next_version(LATEST, "patch") and check(clone) == []


def test_unfixable_problems_stop_the_release(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = clone / "tables" / "trade_flows.csv"
    data = rows(path)
    write_rows(path, data[:-1])  # a released row gone without a recorded retirement
    assert run("release", str(clone)) == 1
    out = capsys.readouterr().out
    assert "R104 row-disappeared" in out and "nothing was released" in out
    assert version_of(clone) == LATEST and recorded_versions(clone)[-1] == LATEST


def test_unusable_input_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("release", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no datapackage.json" in err and len(err.splitlines()) == 1
    assert run("release", str(ROOT), "--check", "--sources", str(tmp_path / "missing")) == 2
    assert "--sources DIR" in capsys.readouterr().err


def test_changelog_sections_are_kept() -> None:
    text = "# Changelog\n\n## [Unreleased]\n\n- a\n\n## [1.0.0] - 2026-01-01\n\n- b\n"
    out = release.open_section(text, "## [1.0.1] - 2026-02-02\n\n- c\n\n")
    assert (
        out
        == "# Changelog\n\n## [Unreleased]\n\n- a\n\n## [1.0.1] - 2026-02-02\n\n- c\n\n## [1.0.0] - 2026-01-01\n\n- b\n"
    )
    assert release.has_section(out, "1.0.1") and not release.has_section(out, "1.0.2")


def test_the_repository_is_released() -> None:
    """Every derived file is current, the data is its latest release, the CHANGELOG has its section."""
    assert release.problems(ROOT, None) == []


@pytest.mark.slow
def test_a_dry_run_lists_the_files_and_writes_nothing(clone: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit_cell(clone, "events", "title", " (corrected)")
    before = {p: p.read_bytes() for p in clone.rglob("*") if p.is_file()}
    assert run("release", str(clone), "--dry-run") == 0
    out = capsys.readouterr().out
    new = next_version(LATEST, "patch")
    assert f"would write releases/{new}.json" in out and "would write CHANGELOG.md" in out
    assert {p: p.read_bytes() for p in clone.rglob("*") if p.is_file()} == before


def test_a_version_set_back_by_hand_returns_to_the_release_it_holds(tmp_path: Path) -> None:
    fork = copy_package(tmp_path / "fork", releases=True)
    descriptor = json.loads((fork / "datapackage.json").read_text("utf-8"))
    descriptor["version"] = "0.0.1"
    (fork / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert run("release", str(fork)) == 0
    released = json.loads(record_path(fork, LATEST).read_text("utf-8"))["released"]
    after = json.loads((fork / "datapackage.json").read_text("utf-8"))
    assert (after["version"], after["created"]) == (LATEST, f"{released}T00:00:00Z")
    assert check(fork) == [] and recorded_versions(fork) == recorded_versions(ROOT)
