"""The generated data dictionary (docs/data-dictionary.md): current, complete, and true to the
schemas and the data. The Markdown is parsed back rather than compared with the generator's own
helpers, so that a wrong rendering cannot agree with itself."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_package

from turkey_russia_data import dictionary

DOC = Path("docs/data-dictionary.md")
WRITE_HINT = "run python -m turkey_russia_data.dictionary --write"
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")
_CODE = re.compile(r"`([^`]*)`")


# --- reading the package and the Markdown back ---------------------------------------------


def _descriptor(root: Path) -> dict[str, Any]:
    descriptor: dict[str, Any] = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return descriptor


def _schema(root: Path, resource: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((root / resource["schema"]).read_text(encoding="utf-8"))
    return schema


def _columns(root: Path, resource: dict[str, Any]) -> dict[str, list[str]]:
    """Each column's cells, in row order."""
    with (root / resource["path"]).open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    return {name: [row[i] for row in body] for i, name in enumerate(header)}


def _cells(line: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in _UNESCAPED_BAR.split(line.strip())[1:-1]]


def _sections(text: str) -> dict[str, list[str]]:
    """The lines under each second-level heading, by heading text."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        else:
            current.append(line)
    return sections


def _table(lines: list[str], first_header: str) -> list[dict[str, str]]:
    """The rows of the Markdown table whose header starts with first_header, as dicts."""
    start = next(i for i, line in enumerate(lines) if line.startswith("|") and _cells(line)[0] == first_header)
    header = _cells(lines[start])
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = _cells(line)
        assert len(cells) == len(header), f"malformed table row: {line}"
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def _code_in(cell: str) -> str:
    """The (first) code span of a cell."""
    match = _CODE.search(cell)
    assert match, f"no code span in {cell!r}"
    return match.group(1)


def _column_rows(section: list[str]) -> dict[str, dict[str, str]]:
    return {_code_in(r["Column"]): r for r in _table(section, "Column")}


def _listed(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else fields


def _stated_rows(section: list[str]) -> int:
    line = next(line for line in section if line.startswith("- **Rows:**"))
    return int(line.removeprefix("- **Rows:**").strip())


@pytest.fixture(scope="module")
def text() -> str:
    return (ROOT / DOC).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sections(text: str) -> dict[str, list[str]]:
    return _sections(text)


RESOURCES = _descriptor(ROOT)["resources"]
TABLES = [r["name"] for r in RESOURCES]


# --- the committed file -------------------------------------------------------------------


def test_committed_dictionary_is_current(repo_root: Path) -> None:
    committed = (repo_root / DOC).read_text(encoding="utf-8")
    assert committed == dictionary.render(repo_root), WRITE_HINT


def test_output_is_deterministic_lf_and_ends_with_one_newline(repo_root: Path) -> None:
    first, second = dictionary.render(repo_root), dictionary.render(repo_root)
    assert first == second
    assert "\r" not in first
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert dictionary.files(repo_root) == {repo_root / DOC: first}


def test_head_states_generator_version_and_conventions(text: str, repo_root: Path) -> None:
    head = text.split("\n## ", 1)[0]
    assert "python -m turkey_russia_data.dictionary --write" in head
    assert "do not edit by hand" in head
    assert f"**{_descriptor(repo_root)['version']}**" in head
    conventions = "\n".join(_sections(text)["Conventions"])
    for needle in ("empty cell means unknown", "EDTF", "full scale", "`unit`", "`*_as_stated`"):
        assert needle in conventions


# --- completeness and faithfulness to the schemas --------------------------------------------


def test_contents_lists_every_table_with_its_row_count(sections: dict[str, list[str]], repo_root: Path) -> None:
    contents = {_code_in(r["Table"]): r for r in _table(sections["Contents"], "Table")}
    assert list(contents) == TABLES
    for resource in RESOURCES:
        row = contents[resource["name"]]
        rows = len(next(iter(_columns(repo_root, resource).values())))
        assert int(row["Rows"]) == rows, resource["name"]
        assert row["Title"] == resource["title"]
        assert row["Description"] == resource["description"]
        assert f"(#{resource['name']})" in row["Table"]


@pytest.mark.parametrize("resource", RESOURCES, ids=TABLES)
def test_table_section_has_every_column_with_type_required_and_enum(
    resource: dict[str, Any], sections: dict[str, list[str]], repo_root: Path
) -> None:
    assert resource["name"] in sections, f"no heading for table {resource['name']}"
    section = sections[resource["name"]]
    schema = _schema(repo_root, resource)
    documented = _column_rows(section)
    assert list(documented) == [f["name"] for f in schema["fields"]]
    for field in schema["fields"]:
        row = documented[field["name"]]
        constraints = field.get("constraints", {})
        words = row["Type"].split(" ", 1)
        assert words[0] == field.get("type", "string"), field["name"]
        assert ("EDTF date" in row["Type"]) == bool(field.get("x-edtf")), field["name"]
        assert row["Required"] == ("yes" if constraints.get("required") else "no"), field["name"]
        assert row["Description"] == field.get("description", ""), field["name"]
        if "enum" in constraints:
            assert _CODE.findall(row["Allowed values"]) == constraints["enum"], field["name"]
            assert row["Allowed values"].endswith("(ordered)") == bool(field.get("categoriesOrdered"))
        elif field.get("x-edtf"):
            assert row["Allowed values"] == "EDTF (level 1)"
        elif "pattern" in constraints:
            assert _CODE.findall(row["Allowed values"]) == [constraints["pattern"]], field["name"]


@pytest.mark.parametrize("resource", RESOURCES, ids=TABLES)
def test_table_facts_match_schema(resource: dict[str, Any], sections: dict[str, list[str]], repo_root: Path) -> None:
    section = "\n".join(sections[resource["name"]])
    schema = _schema(repo_root, resource)
    assert f"`{resource['path']}`" in section
    pk = schema.get("primaryKey", [])
    pk_line = next(line for line in section.splitlines() if line.startswith("- **Primary key:**"))
    assert _CODE.findall(pk_line) == ([pk] if isinstance(pk, str) else pk)
    for key in schema.get("foreignKeys", []):
        target = key["reference"]["resource"] or resource["name"]
        own, theirs = _listed(key["fields"]), _listed(key["reference"]["fields"])
        arrow = ", ".join(f"`{f}`" for f in own) + " → " + ", ".join(f"`{target}.{f}`" for f in theirs)
        assert arrow in section
    if schema.get("x-fact-key"):
        line = next(line for line in section.splitlines() if line.startswith("- **Fact key**"))
        assert _CODE.findall(line.split(":", 1)[1]) == schema["x-fact-key"]
    for figure in schema.get("x-figures", []):
        line = next(line for line in section.splitlines() if line.startswith(f"- **Figure:** `{figure['value']}`"))
        assert f"printed `{figure['asStated']}`" in line
    for first, second in schema.get("x-requires", []):
        assert f"`{first}` requires `{second}`" in section


def test_same_table_reference_is_named(sections: dict[str, list[str]]) -> None:
    # actors.country refers to actors itself through resource ""
    assert "`country` → `actors.actor_id` (same table)" in "\n".join(sections["actors"])


# --- faithfulness to the data --------------------------------------------------------------


@pytest.mark.parametrize("resource", RESOURCES, ids=TABLES)
def test_stated_row_count_is_the_csv_row_count(
    resource: dict[str, Any], sections: dict[str, list[str]], repo_root: Path
) -> None:
    with (repo_root / resource["path"]).open(encoding="utf-8", newline="") as fh:
        rows = sum(1 for _ in csv.reader(fh)) - 1
    assert _stated_rows(sections[resource["name"]]) == rows


@pytest.mark.parametrize("resource", RESOURCES, ids=TABLES)
def test_examples_occur_in_their_column(
    resource: dict[str, Any], sections: dict[str, list[str]], repo_root: Path
) -> None:
    data = _columns(repo_root, resource)
    for name, row in _column_rows(sections[resource["name"]]).items():
        shown = _CODE.findall(row["Examples"])
        values = [" ".join(v.splitlines()) for v in data[name] if v]
        assert len(shown) <= 3 and len(set(shown)) == len(shown), name
        # a column with values shows some
        assert bool(shown) == bool(values), name
        for example in shown:
            assert len(example) <= 40, example
            if example.endswith("…"):
                assert any(v.startswith(example[:-1]) and len(v) > 40 for v in values), (name, example)
            else:
                assert example in values, (name, example)


@pytest.mark.parametrize("resource", RESOURCES, ids=TABLES)
def test_units_come_from_the_schema_or_the_data(
    resource: dict[str, Any], sections: dict[str, list[str]], repo_root: Path
) -> None:
    schema = _schema(repo_root, resource)
    fields = {f["name"]: f for f in schema["fields"]}
    data = _columns(repo_root, resource)
    for name, row in _column_rows(sections[resource["name"]]).items():
        cell = row["Unit"]
        if not cell:
            continue
        assert fields[name]["type"] in ("number", "integer"), f"{name} is not numeric but has unit {cell!r}"
        if cell.startswith("see "):
            unit_column, *listed = _CODE.findall(cell)
            used = {u for u, v in zip(data[unit_column], data[name], strict=True) if v and u}
            assert set(listed) == used, (name, cell)
        else:
            assert cell.lower() in fields[name].get("description", "").lower(), (name, cell)


def test_known_units(sections: dict[str, list[str]]) -> None:
    trade = _column_rows(sections["trade_flows"])
    assert trade["value"]["Unit"].startswith("see `unit`:")
    assert "`USD`" in trade["value"]["Unit"]
    assert trade["value_as_stated"]["Unit"] == ""
    assert _column_rows(sections["events"])["fatalities"]["Unit"] == "deaths"
    assert _column_rows(sections["arms_deals"])["value"]["Unit"].startswith("see `currency`:")


# --- --check and --write ----------------------------------------------------------------------


def test_changed_schema_makes_check_fail_and_write_fix_it(
    tmp_path: Path, repo_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = copy_package(tmp_path / "pkg")
    (copy / "docs").mkdir()
    shutil.copy(repo_root / DOC, copy / DOC)
    assert dictionary.main(["--root", str(copy), "--check"]) == 0

    schema_path = copy / "schemas" / "events.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    category = next(f for f in schema["fields"] if f["name"] == "category")
    category["constraints"]["enum"].append("cyber")
    category["description"] = "Kind of event (changed in this test)."
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    capsys.readouterr()

    assert dictionary.main(["--root", str(copy), "--check"]) == 1
    assert WRITE_HINT in capsys.readouterr().err
    assert (copy / DOC).read_text(encoding="utf-8") == (repo_root / DOC).read_text(encoding="utf-8")

    assert dictionary.main(["--root", str(copy), "--write"]) == 0
    assert dictionary.main(["--root", str(copy), "--check"]) == 0
    row = _column_rows(_sections((copy / DOC).read_text(encoding="utf-8"))["events"])["category"]
    assert _CODE.findall(row["Allowed values"])[-1] == "cyber"
    assert row["Description"] == "Kind of event (changed in this test)."


def test_check_fails_when_the_file_is_missing(tmp_path: Path) -> None:
    copy = copy_package(tmp_path / "pkg")
    assert dictionary.main(["--root", str(copy), "--check"]) == 1
    assert dictionary.main(["--root", str(copy), "--write"]) == 0
    assert (copy / DOC).is_file()


def test_module_runs_as_a_command(repo_root: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "turkey_russia_data.dictionary", "--check"],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
