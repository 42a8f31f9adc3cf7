"""Forks by path: ``trd.open(path)`` and every command's optional PATH read the copy
they are given, or the package found from the current folder, else the installed one."""

from __future__ import annotations

import csv
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import copy_package

import turkey_russia_data as trd
from turkey_russia_data import cli
from turkey_russia_data.errors import PackageError
from turkey_russia_data.paths import data_root

EDITED_TITLE = "A title edited in the fork"


def edit_first_title(root: Path) -> str:
    """Change the first event's title in the copy at ``root``; returns its id."""
    path = root / "tables" / "events.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    title = rows[0].index("title")
    rows[1][title] = EDITED_TITLE
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return rows[1][0]


def sqlite_title(path: Path, event_id: str) -> str:
    con = sqlite3.connect(path)
    try:
        (title,) = con.execute("SELECT title FROM events WHERE event_id = ?", (event_id,)).fetchone()
    finally:
        con.close()
    return str(title)


@pytest.fixture
def fork(tmp_path: Path) -> tuple[Path, str]:
    root = copy_package(tmp_path / "fork")
    return root, edit_first_title(root)


def test_open_loads_the_fork_and_the_module_functions_the_installed_package(fork: tuple[Path, str]) -> None:
    root, event_id = fork
    pkg = trd.open(root)
    events = pkg.load("events").set_index("event_id")
    assert events.loc[event_id, "title"] == EDITED_TITLE
    assert trd.load("events").set_index("event_id").loc[event_id, "title"] != EDITED_TITLE
    # The descriptor file itself opens the same package; every table loads.
    assert trd.open(root / "datapackage.json").tables() == pkg.tables() == trd.tables()
    assert {name: len(frame) for name, frame in pkg.load_all().items()} == {
        name: len(frame) for name, frame in trd.load_all().items()
    }
    (record,) = [r for r in pkg.records("events") if r.event_id == event_id]  # type: ignore[attr-defined]
    assert record.title == EDITED_TITLE  # type: ignore[attr-defined]
    evidence = pkg.citations_for("events", event_id)
    assert len(evidence) and set(evidence["row_id"]) == {event_id}


def test_the_fork_is_validated_and_exported_from_python(fork: tuple[Path, str], tmp_path: Path) -> None:
    root, _ = fork
    pkg = trd.open(root)
    report = pkg.validate(levels="1")
    # The edit changed the file but not its declared hash: only the fork says so.
    assert [p.code for p in report.problems] == ["E124"] and report.problems[0].file == "tables/events.csv"
    assert trd.validate(levels="1").valid
    out = pkg.export(tmp_path / "fork.json")
    assert out.rows["events"] == len(pkg.load("events"))
    assert EDITED_TITLE in (tmp_path / "fork.json").read_text(encoding="utf-8")
    assert EDITED_TITLE in trd.export(tmp_path / "again.json", package=root).path.read_text(encoding="utf-8")


def test_a_path_outside_the_package_folder_is_refused(tmp_path: Path) -> None:
    root = copy_package(tmp_path / "pkg")
    text = (root / "datapackage.json").read_text(encoding="utf-8")
    (root / "datapackage.json").write_text(
        text.replace('"path": "tables/events.csv"', '"path": "../events.csv"'), encoding="utf-8"
    )
    with pytest.raises(PackageError, match="leaves the package folder"):
        trd.open(root).load("events")
    with pytest.raises(PackageError, match="no such file"):
        trd.open(tmp_path / "nowhere")


def test_cli_export_writes_the_fork_given_by_path(
    fork: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, event_id = fork
    out = tmp_path / "fork.sqlite"
    assert cli.main(["export", "--format", "sqlite", "--out", str(out), str(root)]) == 0
    assert capsys.readouterr().err == ""  # a PATH given: nothing to announce
    assert sqlite_title(out, event_id) == EDITED_TITLE


def test_commands_find_the_package_from_a_nested_folder(
    fork: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, event_id = fork
    nested = root / "tables" / "notes"
    nested.mkdir()
    monkeypatch.chdir(nested)
    assert cli.main(["show", "events", "--id", event_id]) == 0
    out, err = capsys.readouterr()
    assert EDITED_TITLE in out
    assert err == f"using package: {root.resolve() / 'datapackage.json'} (found in a parent of the current folder)\n"

    monkeypatch.chdir(root)
    assert cli.main(["validate", "--level", "1"]) == 1  # the edit broke the declared hash
    out, err = capsys.readouterr()
    assert "E124" in out
    assert err == f"using package: {root.resolve() / 'datapackage.json'} (found in current folder)\n"


def test_without_a_package_around_the_installed_one_is_used_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.find_package(empty) is None, "a datapackage.json above the temporary folder"
    monkeypatch.chdir(empty)
    assert cli.main(["tables"]) == 0
    out, err = capsys.readouterr()
    assert err == f"using package: {data_root() / 'datapackage.json'} (installed)\n"
    assert f"data version {trd.data_version()}" in out


def test_each_command_that_reads_a_package_takes_path_and_says_its_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    reading = {name for name, c in cli.COMMANDS.items() if cli.PACKAGE in c.arguments}
    assert reading >= {"validate", "conflicts", "export", "show", "tables", "versions"}
    for name in reading:
        with pytest.raises(SystemExit) as exited:
            cli.main([name, "--help"])
        assert exited.value.code == 0
        text = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
        assert "[PATH]" in text and cli.PACKAGE_DEFAULT in text, name


def test_every_command_is_documented_with_an_example(repo_root: Path) -> None:
    docs = "\n".join(p.read_text(encoding="utf-8") for p in [repo_root / "README.md", *repo_root.glob("docs/*.md")])
    for name, command in cli.COMMANDS.items():
        assert command.summary, f"{name}: no docstring"
        assert re.fullmatch(rf"turkey-russia-data {name}\b.*", command.example), f"{name}: no example in its docstring"
        assert f"turkey-russia-data {name}" in docs, f"{name}: not in README.md or docs/"


@pytest.mark.slow
def test_an_installed_wheel_opens_and_exports_a_fork(installed: Path, tmp_path: Path) -> None:
    root = copy_package(tmp_path / "fork")
    event_id = edit_first_title(root)
    script = (
        "import sys, turkey_russia_data as trd\n"
        "assert trd.__file__.startswith(sys.prefix), trd.__file__\n"
        "events = trd.open(sys.argv[1]).load('events').set_index('event_id')\n"
        "print(events.loc[sys.argv[2], 'title'])\n"
    )
    run = subprocess.run(
        [str(installed / "python"), "-c", script, str(root), event_id],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == EDITED_TITLE
    out = tmp_path / "fork.sqlite"
    export = subprocess.run(
        [str(installed / "turkey-russia-data"), "export", "--format", "sqlite", "--out", str(out), str(root)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert export.returncode == 0, export.stderr
    assert sqlite_title(out, event_id) == EDITED_TITLE
