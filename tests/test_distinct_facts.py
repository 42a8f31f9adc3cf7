"""Levels 5-8 read one fact per distinct row (``signatures.distinct_facts``): rows equal
in every cell those levels read, in their errata and in their citations are one fact
with copies, and a problem found on it is repeated for each copy. A fact per row
(``facts.collect``) is the reference.

Both must report the same problems, in the same order, on the level 5-8 faults of the
fault-injection catalogue (one per code by default, all of them in the slow set), each
in a package where every table is repeated three times under fresh ids, so that almost
every fact stands for copies and every fault is there three times.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_package, one_per_code
from mutations import Mutation, apply, catalogue
from packagekit import rehash, write_rows
from packagekit import rows as csv_rows

from turkey_russia_data import validation
from turkey_russia_data.reading import DEFAULT_MAX_BYTES
from turkey_russia_data.validation import validate
from turkey_russia_data.validation.facts import Cite, Fact, Facts, collect
from turkey_russia_data.validation.problems import Problem
from turkey_russia_data.validation.signatures import distinct_facts
from turkey_russia_data.validation.source_conflicts import find_conflicts

ROOT = Path(__file__).resolve().parent.parent
FAULTS = [m for m in catalogue() if m.level >= 5 and not m.needs_texts]
LATER = "5,6,7,8"


def _builder() -> Callable[..., dict[str, Any]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import build
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return build  # type: ignore[no-any-return]


def _report(pkg: Path) -> list[dict[str, object]]:
    return [p.as_dict() for p in validate(pkg, levels=LATER).problems]


@pytest.mark.parametrize("mutation", one_per_code(FAULTS, lambda m: f"{m.code} {m.name}"))
def test_distinct_facts_report_as_a_fact_per_row(
    mutation: Mutation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    once = _report(pkg)
    assert any(p["code"] == mutation.code for p in once)
    three = tmp_path / "three"
    _builder()(three, 0, root=pkg, copies=3)
    by_distinct = _report(three)
    monkeypatch.setattr(validation, "distinct_facts", collect)
    assert _report(three) == by_distinct
    # found in the copies too (a check of one row at a time finds it in each copy; shares of
    # one whole count a part once, however many rows state it)
    assert sum(p["code"] == mutation.code for p in by_distinct) >= sum(p["code"] == mutation.code for p in once)


def test_copies_make_one_fact(tmp_path: Path) -> None:
    three = tmp_path / "three"
    made = _builder()(three, 0, copies=3)
    _, tables, problems = validation._read(three, DEFAULT_MAX_BYTES, False)
    assert not problems
    facts = distinct_facts(tables)
    per_row = collect(tables)
    # The copies under fresh ids are one fact, but for rows whose ids differ in a cell the
    # later levels read (a deal's event) or in a citation's id (a refuting one).
    assert sum(map(len, facts.by_table.values())) < sum(map(len, per_row.by_table.values())) / 2
    # the conflicts command lists the explained ones too: refuted rows, in each copy
    listed = find_conflicts(facts)
    assert listed == find_conflicts(per_row)
    shipped = validation.conflicts(ROOT)
    assert sum(c.kind == "refuted" for c in listed) == 3 * sum(c.kind == "refuted" for c in shipped)
    for name, rows in per_row.by_table.items():
        assert len(rows) == made["rows"][name]
        # every row once, under its own line and id, with the cells and citations the
        # later levels read
        assert [(f.line, f.row_id) for f in facts.rows(name)] == [(f.line, f.row_id) for f in rows]
        assert sum(1 + len(f.copies) for f in facts.by_table[name]) == len(rows)
        for fact in facts.by_table[name]:
            row = next(r for r in rows if r.row_id == fact.row_id)
            assert fact.cells == {c: row.get(c) for c in fact.cells}
            assert fact.quotes(("value", "both", "date")) == row.quotes(("value", "both", "date"))
            assert fact.corrected == row.corrected


def test_a_problem_is_repeated_for_each_copy_in_row_order() -> None:
    cite = Cite("", 0, "s", "q", "value", "supports", "")
    a = Fact("t", "t.csv", 2, "A", {"x": "1"}, (cite,), copies=((5, "D"), (7, "F")))
    b = Fact("t", "t.csv", 3, "B", {"x": "2"}, (cite,), copies=((4, "C"),))
    # a second table read from the same file: its facts and copies are its own
    c = Fact("u", "t.csv", 3, "B", {"x": "1"}, (), copies=((9, "G"),))
    facts = Facts(by_table={"t": [a, b], "u": [c]}, files={"t": "t.csv", "u": "t.csv"})

    def check(fact: Fact, _: Facts) -> Iterator[Problem]:
        for message in ("one", "two") if fact.get("x") == "1" else ("three",):
            yield fact.problem("E701", "x", message, "", "")

    out = [(p.line, p.row_id, p.message) for p in facts.each_row(check)]
    assert out == [
        (2, "A", "one"),
        (2, "A", "two"),
        (3, "B", "three"),
        (4, "C", "three"),
        (5, "D", "one"),
        (5, "D", "two"),
        (7, "F", "one"),
        (7, "F", "two"),
        (3, "B", "one"),
        (3, "B", "two"),
        (9, "G", "one"),
        (9, "G", "two"),
    ]
    assert [(f.line, f.row_id) for f in facts.rows("t")] == [(2, "A"), (3, "B"), (4, "C"), (5, "D"), (7, "F")]
    assert facts.by_id("t")["C"] is b
    assert facts.by_id("u")["G"] is c


def _naive_duplicates(pkg: Path, table: str, pk: str) -> list[tuple[str, str]]:
    """(row id, the id of the earlier row it repeats) from the CSV, with a dictionary."""
    with open(pkg / "tables" / f"{table}.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    seen: dict[tuple[str, ...], str] = {}
    out = []
    for row in rows:
        content = tuple(v for k, v in sorted(row.items()) if k not in (pk, "notes"))
        first = seen.setdefault(content, row[pk])
        if first != row[pk]:
            out.append((row[pk], first))
    return out


@pytest.mark.parametrize("mutation", [m for m in FAULTS if m.code == "E803"][:3], ids=lambda m: m.name)
def test_duplicates_on_columns_match_a_dictionary_of_rows(mutation: Mutation, tmp_path: Path) -> None:
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    table = Path(mutation.file).stem
    schema = json.loads((pkg / "schemas" / f"{table}.json").read_text("utf-8"))
    pk = schema["primaryKey"] if isinstance(schema["primaryKey"], str) else schema["primaryKey"][0]
    found = [
        (p.row_id, p.found)
        for p in validate(pkg, levels="8").problems
        if p.code == "E803" and p.file.endswith(f"{table}.csv")
    ]
    assert found
    assert found == [(r, f"same as {first}") for r, first in _naive_duplicates(pkg, table, pk)]


# Odd packages: what a record of each row reads, the distinct facts read alike.


def _both(pkg: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    by_distinct = _report(pkg)
    with monkeypatch.context() as m:
        m.setattr(validation, "distinct_facts", collect)
        assert _report(pkg) == by_distinct
    return by_distinct


def _set(pkg: Path, table: str, edit: Callable[[list[list[str]]], None]) -> None:
    path = pkg / "tables" / f"{table}.csv"
    data = csv_rows(path)
    edit(data)
    write_rows(path, data)
    rehash(pkg)


def test_a_citation_column_the_header_lacks_reads_as_empty_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = copy_package(tmp_path / "pkg")

    def drop_quote(data: list[list[str]]) -> None:
        at = data[0].index("quote")
        for r in data:
            del r[at]

    _set(pkg, "citations", drop_quote)
    found = _both(pkg, monkeypatch)
    # a stated date with no quote to state it
    assert any(p["code"] == "E501" for p in found)


def test_a_fact_table_without_its_key_column_is_read_with_empty_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = copy_package(tmp_path / "pkg")

    def scale_slip_and_no_key(data: list[list[str]]) -> None:
        data[1][data[0].index("value")] = "5"
        for r in data:
            del r[0]

    _set(pkg, "trade_flows", scale_slip_and_no_key)
    found = _both(pkg, monkeypatch)
    assert [(p["code"], p["line"], p["row_id"]) for p in found if p["code"] == "E701"] == [("E701", 2, "")]


def test_two_resources_read_from_one_file_keep_their_copies_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pkg = copy_package(tmp_path / "pkg")

    def slips(data: list[list[str]]) -> None:
        value = data[0].index("value")
        data[1][value] = data[2][value] = "5"
        data.append([*data[1][:1], *data[1][1:]])
        data[-1][0] = "TF9999"  # the first row again under a new id, with no citation

    _set(pkg, "trade_flows", slips)
    descriptor = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "trade_flows")
    descriptor["resources"].append({**resource, "name": "trade_flows_b"})
    (pkg / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    found = [(p["line"], p["row_id"]) for p in _both(pkg, monkeypatch) if p["code"] == "E701"]
    # each table's rows once, in its own order: no row of one lent to the other
    last = len(csv_rows(pkg / "tables" / "trade_flows.csv"))
    assert found == [(2, "TF0001"), (3, "TF0002"), (last, "TF9999")] * 2
