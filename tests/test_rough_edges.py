"""Small things a new user meets first: the API is discoverable, a typo is an error, a
missing folder is one line, the README's commands and examples say what happens, the
metadata declares both licences, output is readable and its plurals agree."""

from __future__ import annotations

import ast
import pydoc
import re
from pathlib import Path

import pytest
from conftest import ROOT

import turkey_russia_data as trd
from turkey_russia_data import cli
from turkey_russia_data.curation import checklist
from turkey_russia_data.errors import UnusableInputError

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_dir_offers_the_whole_api() -> None:
    names = dir(trd)
    for name in ("load", "load_all", "validate", "records", "citations_for", "export", "diff", "cite", "Event"):
        assert name in names, name


def test_help_lists_the_api_without_a_flood() -> None:
    text = pydoc.render_doc(trd, renderer=pydoc.plaintext)
    description = text[text.index("DESCRIPTION") : text.index("PACKAGE CONTENTS")]
    for name in ("load(", "validate(", "records(", "citations_for(", "export(", "diff(", "cite(", "UnknownTableError"):
        assert name in description, name
    functions = text[text.index("\nFUNCTIONS") :]
    assert "load(name: 'str')" in functions and "validate(" in functions
    assert "Methods inherited from builtins" not in text
    assert len(text.splitlines()) < 600


def test_citations_for_an_unknown_row_is_an_error() -> None:
    with pytest.raises(KeyError) as caught:
        trd.citations_for("events", "EV9999")
    assert isinstance(caught.value, UnusableInputError)
    assert str(caught.value) == "no row 'EV9999' in events"
    assert len(trd.citations_for("events", "EV0002")) >= 2


def test_checklist_with_a_missing_sources_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        checklist.main(["--root", str(ROOT), "--write", "--sources", str(tmp_path / "texts")])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and err.count("\n") == 1 and "no such folder" in err


def _readme_commands() -> list[str]:
    return re.findall(r"^```sh\n# \d\. .*\n(.*)\n```", README, re.M)


def test_readme_command_1_installs_no_test_tools_and_ci_mirrors_both() -> None:
    first, second = _readme_commands()
    assert "[test]" not in first and "pip install -q -e ." in first
    assert '.[test]"' in second and second.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert first in ci and second in ci


def test_no_install_instruction_names_an_unpublished_version() -> None:
    assert not re.search(r'pip install "?turkey-russia-data==', README)


def test_frictionless_is_not_a_runtime_dependency_and_no_module_imports_it() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.startswith("frictionless") for d in project["dependencies"])
    assert any(d.startswith("frictionless") for d in project["optional-dependencies"]["test"])
    assert project["license"] == "MIT AND CC-BY-4.0"
    for path in (ROOT / "turkey_russia_data").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "frictionless" for a in node.names), path
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] != "frictionless", path


def test_show_prints_narrow_lines_and_unknowns_one_way(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert cli.main(["show", "events", "--limit", "0"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "NaN" not in out and "<NA>" not in out and "None" not in out
    assert cli.main(["show", "events", "--id", "EV0002"]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines() if not line.startswith("  [")) <= 100


def test_one_problem_is_singular(package_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events = package_copy / "tables" / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",institutional,", ",no_such_category,", 1)
    events.write_text("".join(lines), encoding="utf-8")
    assert cli.main(["validate", str(package_copy), "--level", "1", "--ignore", "E124"]) == 1
    out = capsys.readouterr().out
    assert "INVALID: 1 problem\n" in out + "\n" and "1 problems" not in out
