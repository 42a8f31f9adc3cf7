"""Versioning: the release check on scratch copies of the repository (a changed value, an
added row, a retired id, a reused id, schema changes with too small a bump), and the
diff between two real recorded versions, 0.2.0 and 1.0.0.

The scratch copies start at the latest release, whatever it is: versions, ids and row
counts are read from the records and files, never written here (the 0.2.0 -> 1.0.0 diff
compares two release records, which never change)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, copy_package
from packagekit import rehash, rows, write_rows

import turkey_russia_data as trd
from turkey_russia_data import cli, release
from turkey_russia_data.versioning import as_dict, as_markdown, as_text, check, diff, recorded_versions
from turkey_russia_data.versioning.record import render
from turkey_russia_data.versioning.semver import covers, next_version

DIFF_SCHEMA = json.loads((ROOT / "docs" / "diff.schema.json").read_text("utf-8"))
# The scratch copies start at the latest release; the versions a release after it may take.
LATEST = recorded_versions(ROOT)[-1]
PATCH, MINOR, MAJOR = next_version(LATEST, "patch"), next_version(LATEST, "minor"), next_version(LATEST, "major")
# Released rows the tests edit, drop or tamper with (released ids stay, so these exist).
FLOW, LAST_FLOW = rows(ROOT / "tables" / "trade_flows.csv")[1][0], rows(ROOT / "tables" / "trade_flows.csv")[-1][0]
FIRST_EVENT = rows(ROOT / "tables" / "events.csv")[1][0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch copy of the repository's data package with its release history."""
    return copy_package(tmp_path / "repo", releases=True)


def set_version(pkg: Path, version: str) -> None:
    path = pkg / "datapackage.json"
    descriptor = json.loads(path.read_text("utf-8"))
    descriptor["version"] = version
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def edit(pkg: Path, table: str, row_id: str, **cells: str) -> None:
    path = pkg / "tables" / f"{table}.csv"
    data = rows(path)
    header = data[0]
    (row,) = [r for r in data[1:] if r[0] == row_id]
    for column, value in cells.items():
        row[header.index(column)] = value
    write_rows(path, data)
    rehash(pkg)


def cell(pkg: Path, table: str, row_id: str, column: str) -> str:
    data = rows(pkg / "tables" / f"{table}.csv")
    return next(r for r in data[1:] if r[0] == row_id)[data[0].index(column)]


def codes(pkg: Path) -> list[tuple[str, str | None, str | None]]:
    return [(p.code, p.table, p.row_id) for p in check(pkg)]


def record(pkg: Path) -> None:
    assert release.main(["--root", str(pkg), "--write"]) in (0, 1)


# --- the shipped history ---------------------------------------------------------------


def test_shipped_versioning_is_sound_and_current_version_is_recorded() -> None:
    assert check(ROOT) == []
    assert trd.__version__ in recorded_versions(ROOT)
    path, text = release.record_file(ROOT)
    assert path == ROOT / "releases" / f"{trd.__version__}.json"
    assert path.read_text("utf-8") == text, "releases/<version>.json is stale: run turkey-russia-data release"


def test_release_record_holds_counts_file_hashes_and_a_hash_per_row() -> None:
    rec = json.loads((ROOT / "releases" / f"{trd.__version__}.json").read_text("utf-8"))
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    assert rec["format"] == "turkey-russia-data/release/1" and rec["version"] == descriptor["version"]
    for resource in descriptor["resources"]:
        t = rec["tables"][resource["name"]]
        assert "sha256:" + t["sha256"] == resource["hash"]
        assert t["rows"] == len(t["row_sha256"]) == len(t["values"]) == len(rows(ROOT / resource["path"])) - 1
    retired = {(r["table"], r["row_id"]) for r in rec["retired"]}
    assert retired == {(r[0], r[1]) for r in rows(ROOT / "releases" / "retired.csv")[1:]}
    assert {("trade_flows", "TF0028"), ("citations", "CI00081"), ("citations", "CI00082")} <= retired, (
        "retirements are never withdrawn"
    )


# --- a changed value --------------------------------------------------------------------


def test_changed_value_without_a_bump_is_rejected(repo: Path) -> None:
    edit(repo, "trade_flows", FLOW, value=cell(repo, "trade_flows", FLOW, "value") + "0")
    (problem,) = check(repo)
    assert (problem.code, problem.file, problem.column) == ("R101", "datapackage.json", "version")
    assert (problem.expected, problem.found) == (PATCH, LATEST)
    assert "trade_flows: 1 rows changed" in problem.message


def test_changed_value_with_a_patch_bump_is_accepted_once_recorded(repo: Path) -> None:
    old = cell(repo, "trade_flows", FLOW, "value")
    edit(repo, "trade_flows", FLOW, value=old + "0")
    set_version(repo, PATCH)
    assert codes(repo) == [("R109", None, None)]
    record(repo)
    assert check(repo) == []
    d = diff(repo / "releases" / f"{LATEST}.json", repo)
    assert d.required == "patch"
    (change,) = d.table("trade_flows").changed
    assert (change.row_id, change.fields) == (FLOW, {"value": (old, old + "0")})


# --- an added row -----------------------------------------------------------------------


def _add_trade_flow(pkg: Path, new_id: str) -> None:
    path = pkg / "tables" / "trade_flows.csv"
    data = rows(path)
    copy = list(next(r for r in data[1:] if r[0] == FLOW))
    copy[0] = new_id
    write_rows(path, [*data, copy])
    cites = pkg / "tables" / "citations.csv"
    cdata = rows(cites)
    quote = next(r for r in cdata[1:] if r[1] == "trade_flows" and r[2] == FLOW)
    write_rows(cites, [*cdata, ["CI99999", "trade_flows", new_id, *quote[3:]]])
    rehash(pkg)


def test_added_row_needs_a_minor_bump(repo: Path) -> None:
    _add_trade_flow(repo, "TF0099")
    set_version(repo, PATCH)
    record(repo)
    (problem,) = check(repo)
    assert (problem.code, problem.file, problem.expected) == ("R102", f"releases/{PATCH}.json", MINOR)
    assert "is a patch bump, but the changes need minor" in problem.message
    assert "trade_flows: 1 rows added" in problem.message

    (repo / "releases" / f"{PATCH}.json").unlink()
    set_version(repo, MINOR)
    record(repo)
    assert check(repo) == []
    added = diff(LATEST, repo / "releases" / f"{MINOR}.json").table("trade_flows").added
    assert [row_id for row_id, _ in added] == ["TF0099"]


# --- a retired id -----------------------------------------------------------------------


def _drop(pkg: Path, table: str, row_id: str) -> None:
    path = pkg / "tables" / f"{table}.csv"
    write_rows(path, [r for r in rows(path) if r[0] != row_id])
    cites = pkg / "tables" / "citations.csv"
    write_rows(cites, [r for r in rows(cites) if not (r[1] == table and r[2] == row_id)])
    rehash(pkg)


def test_row_disappearing_without_retirement_is_rejected(repo: Path) -> None:
    _drop(repo, "trade_flows", LAST_FLOW)
    set_version(repo, PATCH)
    found = codes(repo)
    assert ("R104", "trade_flows", LAST_FLOW) in found
    gone = [c for c in found if c[0] == "R104" and c[1] == "citations"]
    assert gone, "the row's citations disappeared too and must be reported"


def test_retired_id_with_recorded_retirement_is_accepted(repo: Path) -> None:
    cited = [r[0] for r in rows(repo / "tables" / "citations.csv")[1:] if r[1] == "trade_flows" and r[2] == LAST_FLOW]
    _drop(repo, "trade_flows", LAST_FLOW)
    retired = repo / "releases" / "retired.csv"
    lines = [f"trade_flows,{LAST_FLOW},{PATCH},,Test retirement.\n"] + [
        f"citations,{c},{PATCH},,Test retirement.\n" for c in cited
    ]
    retired.write_text(retired.read_text("utf-8") + "".join(lines), encoding="utf-8")
    set_version(repo, PATCH)
    record(repo)
    assert check(repo) == []
    removed = diff(LATEST, repo / "releases" / f"{PATCH}.json").table("trade_flows").removed
    assert [(r.row_id, r.retirement and r.retirement.reason) for r in removed] == [(LAST_FLOW, "Test retirement.")]


def test_deleting_a_row_other_tables_refer_to_needs_a_major_bump(repo: Path) -> None:
    path = repo / "tables" / "actors.csv"
    unused = rows(path)[-1][0]  # the release check does not look at foreign keys; the validator does
    write_rows(path, [r for r in rows(path) if r[0] != unused])
    rehash(repo)
    retired = repo / "releases" / "retired.csv"
    retired.write_text(retired.read_text("utf-8") + f"actors,{unused},{MINOR},,Test.\n", encoding="utf-8")
    set_version(repo, MINOR)
    record(repo)
    (problem,) = check(repo)
    assert problem.code == "R102" and problem.expected == MAJOR
    assert "refer to this table" in problem.message


# --- a reused id --------------------------------------------------------------------------


def test_retired_id_used_again_is_rejected(repo: Path) -> None:
    _add_trade_flow(repo, "TF0028")
    set_version(repo, MINOR)
    assert ("R105", "trade_flows", "TF0028") in codes(repo)


def test_id_reused_for_a_different_fact_is_rejected(repo: Path) -> None:
    reporter, partner = cell(repo, "trade_flows", FLOW, "reporter"), cell(repo, "trade_flows", FLOW, "partner")
    assert reporter != partner
    edit(repo, "trade_flows", FLOW, reporter=partner, partner=reporter)
    set_version(repo, PATCH)
    found = [p for p in check(repo) if p.code == "R106"]
    assert [(p.row_id, p.column, p.expected, p.found) for p in found] == [
        (FLOW, "reporter", reporter, partner),
        (FLOW, "partner", partner, reporter),
    ]
    assert "needs a new id" in found[0].message


def test_withdrawn_retirement_is_rejected(repo: Path) -> None:
    retired = repo / "releases" / "retired.csv"
    retired.write_text("".join(x for x in retired.read_text("utf-8").splitlines(True) if "TF0028" not in x), "utf-8")
    assert ("R108", "trade_flows", "TF0028") in codes(repo)


# --- schema changes -------------------------------------------------------------------------


def _edit_schema(pkg: Path, table: str, change) -> None:  # type: ignore[no-untyped-def]
    path = pkg / "schemas" / f"{table}.json"
    schema = json.loads(path.read_text("utf-8"))
    change(schema)
    path.write_text(json.dumps(schema, indent=2), encoding="utf-8")


def test_field_added_without_a_major_bump_is_rejected(repo: Path) -> None:
    _edit_schema(repo, "actors", lambda s: s["fields"].append({"name": "wikidata", "type": "string"}))
    path = repo / "tables" / "actors.csv"
    write_rows(path, [[*r, "wikidata" if i == 0 else ""] for i, r in enumerate(rows(path))])
    rehash(repo)
    set_version(repo, MINOR)
    record(repo)
    (problem,) = check(repo)
    assert (problem.code, problem.expected) == ("R102", MAJOR)
    assert "actors: field 'wikidata' added" in problem.message

    (repo / "releases" / f"{MINOR}.json").unlink()
    set_version(repo, MAJOR)
    record(repo)
    assert check(repo) == []


def test_any_role_declaration_changed_is_a_patch(repo: Path) -> None:
    # Every x- property says what the checks read (docs/roles.md), those of later issues
    # too: changing one is descriptive metadata, and it must be released.
    def declare(schema: dict) -> None:  # type: ignore[type-arg]
        schema["x-actors"] = [*schema.get("x-actors", []), {"column": "actor_id"}]

    _edit_schema(repo, "member_state_positions", declare)
    (problem,) = [p for p in check(repo) if p.code == "R101"]
    assert problem.expected == PATCH and "'x-actors' changed" in problem.message
    set_version(repo, PATCH)
    record(repo)
    assert check(repo) == []


def test_constraint_tightened_needs_major_and_loosened_needs_minor(repo: Path) -> None:
    def tighten(schema: dict) -> None:  # type: ignore[type-arg]
        field = next(f for f in schema["fields"] if f["name"] == "notes")
        assert not field.get("constraints", {}).get("required")
        field.setdefault("constraints", {})["required"] = True

    _edit_schema(repo, "member_state_positions", tighten)
    set_version(repo, MINOR)
    record(repo)
    (problem,) = check(repo)
    assert problem.code == "R102" and "constraint required tightened" in problem.message

    shutil.rmtree(repo)
    copy_package(repo, releases=True)

    def loosen(schema: dict) -> None:  # type: ignore[type-arg]
        field = next(f for f in schema["fields"] if f["name"] == "quote")
        field["constraints"]["maxLength"] += 100

    _edit_schema(repo, "citations", loosen)
    set_version(repo, PATCH)
    record(repo)
    (problem,) = check(repo)
    assert problem.code == "R102" and problem.expected == MINOR and "maxLength loosened" in problem.message


def test_version_going_backwards_is_rejected(repo: Path) -> None:
    set_version(repo, "0.9.0")
    found = codes(repo)
    # R103 says why; rows retired after 0.9.0 then also read as retired in the future (R108)
    assert ("R103", None, None) in found and {code for code, *_ in found} <= {"R103", "R108"}


def test_tampered_release_record_is_rejected(repo: Path) -> None:
    path = repo / "releases" / f"{LATEST}.json"
    rec = json.loads(path.read_text("utf-8"))
    rec["tables"]["events"]["values"][FIRST_EVENT][3] = "A title edited after the release"
    path.write_text(render(rec), "utf-8")
    # the record no longer matches itself, and the data no longer matches the record
    assert codes(repo) == [("R107", "events", FIRST_EVENT), ("R101", None, None)]
    path.write_text("{not json", "utf-8")
    (problem, *_) = check(repo)
    assert (problem.code, problem.file) == ("R107", f"releases/{LATEST}.json")


def test_a_broken_record_is_reported_with_the_path_of_its_own_copy(tmp_path: Path) -> None:
    # Release histories are cached by the records' content: a record that cannot be read
    # is reported with its path, so two copies with the same broken record differ.
    copies = [copy_package(tmp_path / name, releases=True) for name in ("one", "two")]
    for repo in copies:
        (repo / "releases" / f"{LATEST}.json").write_text('{"format": "another"}', "utf-8")
    for repo in copies:
        (problem, *_) = check(repo)
        assert problem.code == "R107" and str(repo / "releases") in problem.message, problem.message


def test_semver_rules() -> None:
    assert covers("1.0.0", "2.0.0", "major") and not covers("1.0.0", "1.1.0", "major")
    assert covers("0.2.0", "0.3.0", "major"), "before 1.0.0 a minor bump may break"
    assert covers("1.0.0", "1.0.1", "patch") and not covers("1.0.0", "1.0.0", "patch")
    assert next_version("1.2.3", "minor") == "1.3.0" and next_version("0.2.0", "major") == "0.3.0"


# --- the diff on two real versions ------------------------------------------------------------


def test_diff_between_the_two_recorded_versions() -> None:
    d = trd.diff("0.2.0", "1.0.0")
    assert (d.old.version, d.new.version, d.required) == ("0.2.0", "1.0.0", "major")
    assert [(r.bump, r.table, r.what) for r in d.reasons if r.bump == "major"] == [
        ("major", "sources", "field 'document_type' added")
    ]
    sources = d.table("sources")
    assert {c.row_id: c.fields for c in sources.changed} == {
        "bardakci-feasible": {"document_type": ("", "journal_article")},
        "ceip-entanglement": {"document_type": ("", "report")},
        "mammadov-security": {"document_type": ("", "article")},
        "pierini-balancing": {"document_type": ("", "article")},
        "swp-alignment": {"document_type": ("", "report")},
    }
    assert all(not t.added and not t.removed for t in d.tables)
    assert all(t.unchanged for t in d.tables if t.name in ("events", "actors", "event_actors"))

    report = as_dict(d)
    jsonschema.validate(report, DIFF_SCHEMA)
    assert report["counts"] == {"added": 0, "removed": 0, "changed": 5}
    assert (report["bump_made"], report["bump_required"], report["bump_sufficient"]) == ("major", "major", True)

    text = as_text(d)
    assert "version bump: major; the changes need: major" in text
    assert "  ~ bardakci-feasible\n      document_type: (empty) -> 'journal_article'" in text
    assert "unchanged: events (176 rows), actors (71 rows), event_actors (410 rows)" in text
    assert "- `sources`: field 'document_type' added (filled in 5 rows)" in as_markdown(d)


def test_diff_json_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(DIFF_SCHEMA)


def test_diff_cli(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["diff", LATEST, str(repo)]) == 0
    events = len(rows(repo / "tables" / "events.csv")) - 1
    assert f"unchanged: events ({events} rows)" in capsys.readouterr().out
    edit(repo, "events", FIRST_EVENT, title="A changed title")
    assert cli.main(["diff", str(repo / "releases" / f"{LATEST}.json"), str(repo), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    jsonschema.validate(out, DIFF_SCHEMA)
    (table,) = [t for t in out["tables"] if t["changed"]]
    assert table["name"] == "events" and table["changed"][0]["id"] == FIRST_EVENT
    assert table["changed"][0]["fields"]["title"]["new"] == "A changed title"
    for bad, message in (
        (["diff", "7.7.7"], "no release record for version 7.7.7"),
        (["diff", str(repo / "missing")], "no such file"),
        (["diff", str(repo / "tables" / "events.csv")], "not valid JSON"),
    ):
        assert cli.main(bad) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_versions_cli_lists_the_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["versions"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in out] == recorded_versions(ROOT)
    descriptor = json.loads((ROOT / "datapackage.json").read_text("utf-8"))
    total = sum(len(rows(ROOT / r["path"])) - 1 for r in descriptor["resources"])
    assert (
        out[-1].startswith(f"{trd.__version__} ") and f"{len(descriptor['resources'])} tables, {total} rows" in out[-1]
    )


# --- the documentation ---------------------------------------------------------------------


def test_documented_examples_hold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from doc_examples import run_file

    monkeypatch.chdir(tmp_path)
    assert run_file(ROOT / "docs" / "versioning.md").checked >= 2


def test_every_release_check_code_is_documented() -> None:
    from turkey_russia_data.versioning import CODES

    doc = (ROOT / "docs" / "versioning.md").read_text("utf-8")
    for code, (name, meaning) in CODES.items():
        assert f"| {code} | {name} | {meaning} |" in doc, code
