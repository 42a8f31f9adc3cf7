"""The validator's outputs as contracts: the JSON report against its published schema,
GitHub annotations, level and code selection, and the pre-commit hook definition."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, CliRunner
from packagekit import rehash, rows, write_rows

import turkey_russia_data as trd
from turkey_russia_data.validation import CODES, LEVELS, validate
from turkey_russia_data.validation.output import as_github

SCHEMA = json.loads((ROOT / "docs" / "validation-report.schema.json").read_text("utf-8"))


def _break(pkg: Path) -> None:
    """Two faults at different levels: a value ten times too large, a share above 100."""
    path = pkg / "tables" / "trade_flows.csv"
    data = rows(path)
    h = data[0]
    for r in data[1:]:
        if r[0] == "TF0002":
            r[h.index("value")] = "289000000000"
        if r[0] == "TF0012":
            r[h.index("value")] = "156"
    write_rows(path, data)
    rehash(pkg)


def test_schema_is_a_valid_json_schema_and_knows_every_code_and_level() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    pattern = re.compile(SCHEMA["properties"]["problems"]["items"]["properties"]["code"]["pattern"])
    assert all(pattern.fullmatch(code) for code in CODES)
    assert SCHEMA["properties"]["levels"]["items"]["properties"]["name"]["enum"] == list(LEVELS.values())


@pytest.mark.parametrize("args", [[], ["--level", "1-3"], ["--select", "E4,E6"], ["--ignore", "values"]])
def test_json_reports_follow_the_schema(package_copy: Path, run_cli: CliRunner, args: list[str]) -> None:
    _break(package_copy)
    result = run_cli("validate", str(package_copy), "--format", "json", *args)
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert result.returncode == (0 if report["valid"] else 1)
    assert report["counts"] == {
        code: sum(1 for p in report["problems"] if p["code"] == code)
        for code in {p["code"] for p in report["problems"]}
    }


def test_clean_report_follows_the_schema(run_cli: CliRunner) -> None:
    report = json.loads(run_cli("validate", "--format", "json").stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["valid"] and report["problems"] == [] and report["sources"] is None
    statuses = {lv["name"]: lv["status"] for lv in report["levels"]}
    assert statuses.pop("quotes") == "not verified"
    assert set(statuses.values()) == {"ok"}


def test_levels_select_and_ignore(package_copy: Path) -> None:
    _break(package_copy)
    full = validate(package_copy)
    assert {p.code for p in full.problems} >= {"E403", "E601"}
    values_only = validate(package_copy, levels="values")
    assert {p.level for p in values_only.problems} == {4}
    assert values_only.levels["coherence"] == "not run" and values_only.levels["values"] == "failed"
    ignored = validate(package_copy, ignore=["E403", "value-mismatch"])
    assert not ignored.by_code("E403") and ignored.by_code("E601")
    assert ignored.silenced == len(full.by_code("E403"))
    selected = validate(package_copy, select="share-bounds")
    assert [(p.code, p.row_id) for p in selected.problems] == [("E601", "TF0012")]
    assert selected.levels["values"] == "not run"


def test_github_annotations_escape_and_summarise(package_copy: Path) -> None:
    _break(package_copy)
    report = validate(package_copy, select="E601")
    lines = as_github(report).splitlines()
    assert lines[0].startswith("::error file=tables/trade_flows.csv,line=13,title=E601 share-bounds::")
    assert lines[-1].startswith("::notice title=turkey-russia-data validate::package: ")
    assert "%0A" in lines[-1] and "\n" not in lines[-1]


def test_the_python_api_is_usable_in_a_users_own_tests() -> None:
    report = trd.validate(levels="1-2,4-8")
    assert report.valid, report.problems[:3]
    assert report.exit_code == 0 and report.levels["quotes"] == "not run"
    assert not report.by_code("E403")
    found = trd.conflicts()
    assert found and all(c.explained for c in found)
    assert {c.kind for c in found} == {"refuted"}


def test_pre_commit_hook_definition() -> None:
    hook, release_hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "turkey-russia-data-validate"
    assert release_hook["id"] == "turkey-russia-data-release-check"
    assert release_hook["entry"] == "python -m turkey_russia_data.release --check"
    assert re.search(release_hook["files"], "releases/retired.csv")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert hook["entry"].split()[:2] == ["turkey-russia-data", "validate"]
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'turkey-russia-data = "turkey_russia_data.cli:main"' in pyproject
    files = re.compile(hook["files"])
    for path in ("datapackage.json", "schemas/events.json", "tables/events.csv"):
        assert files.search(path), path
    for path in ("README.md", "turkey_russia_data/cli.py", "tables/notes.txt"):
        assert not files.search(path), path


def test_documented_ci_snippet_runs_the_validator() -> None:
    doc = (ROOT / "docs" / "validation.md").read_text("utf-8")
    assert "turkey-russia-data-validate" in doc
    assert "turkey-russia-data validate . --format github" in doc
    for code, (_, name, meaning) in CODES.items():
        assert f"| {code} | {name} | {meaning} |" in doc, f"{code} is not documented as it is"
