"""The validator from the command line: exit codes, one located line per problem,
and no traceback or write for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import CliRunner
from packagekit import rehash, rows, write_rows


def set_cell(pkg: Path, table: str, row_index: int, column: str, value: str) -> tuple[int, str]:
    """Change one cell (row_index counts data rows from 0); return (line, row id)."""
    path = pkg / "tables" / f"{table}.csv"
    data = rows(path)
    data[row_index + 1][data[0].index(column)] = value
    write_rows(path, data)
    rehash(pkg)
    return row_index + 2, data[row_index + 1][0]


def problem_lines(out: str, code: str) -> list[str]:
    return [line for line in out.splitlines() if f" {code} " in line]


def test_shipped_package_is_clean(run_cli: CliRunner) -> None:
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "valid" in result.stdout.splitlines()[-1]
    assert "level 3 quotes       not verified" in result.stdout
    assert "source texts: none given (quotes not verified)" in result.stdout


def test_clean_with_source_texts(run_cli: CliRunner, sources_dir: Path) -> None:
    result = run_cli("validate", "--sources", str(sources_dir), "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0, report["problems"][:5]
    assert [(lv["level"], lv["name"], lv["status"]) for lv in report["levels"]] == [
        (1, "structure", "ok"),
        (2, "evidence", "ok"),
        (3, "quotes", "ok"),
        (4, "values", "ok"),
        (5, "dates", "ok"),
        (6, "coherence", "ok"),
        (7, "plausibility", "ok"),
        (8, "conflicts", "ok"),
    ]


def test_wrong_type(package_copy: Path, run_cli: CliRunner) -> None:
    line, rid = set_cell(package_copy, "trade_flows", 2, "value", "28.9 billion")
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E110")
    assert hits == [
        f"tables/trade_flows.csv:{line}: E110 type-error, row {rid}, column value: not a valid number "
        "(expected number; found 28.9 billion)"
    ]
    assert "Traceback" not in result.stderr


def test_duplicate_id(package_copy: Path, run_cli: CliRunner) -> None:
    path = package_copy / "tables" / "arms_deals.csv"
    data = rows(path)
    data.insert(2, list(data[1]))
    write_rows(path, data)
    rehash(package_copy)
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E120")
    assert len(hits) == 1
    assert hits[0].startswith(f"tables/arms_deals.csv:3: E120 duplicate-key, row {data[1][0]}, column deal_id:")
    assert "first on line 2" in hits[0]


def test_dangling_foreign_key(package_copy: Path, run_cli: CliRunner) -> None:
    line, rid = set_cell(package_copy, "energy_shares", 0, "country", "XYZ")
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E121")
    assert hits == [
        f"tables/energy_shares.csv:{line}: E121 foreign-key, row {rid}, column country: not found in "
        "actors.actor_id (expected a key of actors; found XYZ)"
    ]


def test_citation_pointing_at_no_row(package_copy: Path, run_cli: CliRunner) -> None:
    line, cid = set_cell(package_copy, "citations", 0, "row_id", "EV9999")
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E202")
    assert len(hits) == 1 and hits[0].startswith(
        f"tables/citations.csv:{line}: E202 citation-target, row {cid}, column row_id: no row 'EV9999' in events"
    )


def test_uncited_fact_row(package_copy: Path, run_cli: CliRunner) -> None:
    path = package_copy / "tables" / "citations.csv"
    data = rows(path)
    cited = data[1][data[0].index("row_id")]
    kept = [data[0]] + [r for r in data[1:] if r[data[0].index("row_id")] != cited]
    write_rows(path, kept)
    rehash(package_copy)
    result = run_cli("validate", str(package_copy), "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["row_id"], p["level_name"]) for p in problems] == [("E201", cited, "evidence")]


def test_malformed_csv_unclosed_quote(package_copy: Path, run_cli: CliRunner) -> None:
    path = package_copy / "tables" / "events.csv"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines[3] = lines[3].replace(",", ',"', 1)
    path.write_text("".join(lines), encoding="utf-8")
    rehash(package_copy)
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E105")
    assert len(hits) == 1 and hits[0].startswith("tables/events.csv:4: E105 malformed-csv")
    assert "Traceback" not in result.stderr


def test_missing_file(package_copy: Path, run_cli: CliRunner) -> None:
    (package_copy / "tables" / "arms_deals.csv").unlink()
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E101")
    assert hits == [
        "tables/arms_deals.csv: E101 resource-error: resource 'arms_deals': file not found (expected a CSV file)"
    ]


@pytest.mark.parametrize(
    ("mutate", "code", "line"),
    [
        (lambda b: b"\xef\xbb\xbf" + b, "E103", 1),
        (lambda b: b.replace(b"\n", b"\r\n"), "E104", 1),
        (lambda b: b.replace(b"\n", b"\n\x00", 1), "E105", 2),
        (lambda b: b.replace(b"Ukraine", b"Ukr\xe4ine", 1), "E102", None),
        (lambda b: b.replace(b"\n", b",extra\n", 2).replace(b",extra\n", b"\n", 1), "E107", 2),
        (lambda b: b.replace(b"event_id,date", b"event_id,when", 1), "E106", 1),
        (lambda b: b"", "E105", 1),
    ],
    ids=["bom", "crlf", "nul", "latin1", "ragged", "header", "empty"],
)
def test_damaged_files(package_copy: Path, run_cli: CliRunner, mutate, code: str, line: int | None) -> None:
    path = package_copy / "tables" / "events.csv"
    path.write_bytes(mutate(path.read_bytes()))
    rehash(package_copy)
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1, result.stdout
    hits = problem_lines(result.stdout, code)
    assert hits, result.stdout
    assert hits[0].startswith("tables/events.csv:")
    if line is not None:
        assert hits[0].startswith(f"tables/events.csv:{line}: {code}")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("path_value", "why"),
    [
        ("../outside.csv", "leaves the package folder"),
        ("/etc/passwd", "is absolute"),
        ("https://example.org/events.csv", "is remote"),
    ],
)
def test_unsafe_resource_paths(package_copy: Path, run_cli: CliRunner, path_value: str, why: str) -> None:
    descriptor = json.loads((package_copy / "datapackage.json").read_text("utf-8"))
    descriptor["resources"][0]["path"] = path_value
    (package_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    result = run_cli("validate", str(package_copy))
    assert result.returncode == 1
    hits = problem_lines(result.stdout, "E101")
    assert len(hits) == 1 and why in hits[0] and "column path" in hits[0]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p / "nowhere", "no such file"),
        (lambda p: ((p / "datapackage.json").write_text("{not json", encoding="utf-8"), p)[1], "not valid JSON"),
        (lambda p: ((p / "datapackage.json").write_text("[]", encoding="utf-8"), p)[1], "not a data package"),
    ],
    ids=["missing", "not-json", "not-package"],
)
def test_unusable_input_exits_2(package_copy: Path, run_cli: CliRunner, setup, message: str) -> None:
    target = setup(package_copy)
    result = run_cli("validate", str(target))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert "Traceback" not in result.stderr


def test_validation_never_writes(package_copy: Path, run_cli: CliRunner) -> None:
    set_cell(package_copy, "events", 0, "category", "war")

    def snapshot() -> dict[str, bytes]:
        return {str(p): p.read_bytes() for p in sorted(package_copy.rglob("*")) if p.is_file()}

    before = snapshot()
    run_cli("validate", str(package_copy), "--format", "json")
    assert snapshot() == before


def test_json_and_github_formats(package_copy: Path, run_cli: CliRunner) -> None:
    line, rid = set_cell(package_copy, "events", 0, "category", "war")
    report = json.loads(run_cli("validate", str(package_copy), "--format", "json").stdout)
    assert report["valid"] is False
    (problem,) = report["problems"]
    assert problem | {"expected": None} == {
        "level": 1,
        "level_name": "structure",
        "name": "enum",
        "code": "E112",
        "file": "tables/events.csv",
        "line": line,
        "row_id": rid,
        "column": "category",
        "message": "not an allowed value",
        "expected": None,
        "found": "war",
    }
    github = run_cli("validate", str(package_copy), "--format", "github").stdout
    assert github.startswith(f"::error file=tables/events.csv,line={line},title=E112 enum::")


def test_tables_and_show(run_cli: CliRunner) -> None:
    tables = run_cli("tables")
    assert tables.returncode == 0 and tables.stdout.startswith("events")
    shown = run_cli("show", "arms_deals", "--format", "csv", "--limit", "0")
    assert shown.returncode == 0 and shown.stdout.startswith("deal_id,deal_type,")
    one = run_cli("show", "events", "--id", "EV0001")
    assert one.returncode == 0 and "evidence:" in one.stdout
    bad = run_cli("show", "eventz")
    assert bad.returncode == 2 and "valid tables: events, trade_flows" in bad.stderr
