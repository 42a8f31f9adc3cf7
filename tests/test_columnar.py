"""The validator's fast paths against the plain ones they stand in for.

- The Arrow CSV reader is taken only where it reads exactly what the strict reader
  (``csv.reader(strict=True)``) reads; otherwise the strict reader decides.
- Column kernels pick the cells that may be wrong; the Python check of every distinct
  value is the reference.
- Level 4 judges each distinct (figure, quotes) signature once; judging every fact row
  on its own is the reference.

Each pair must report the same problems, in the same order, on the broken copies of
the fault-injection catalogue (one fault per code by default, all of them in the slow set)
and on a synthetic package large enough to be memory-mapped.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_package, one_per_code
from hypothesis import given, settings
from hypothesis import strategies as st
from mutations import Mutation, apply, catalogue, rehash

from turkey_russia_data import reading as pio
from turkey_russia_data.reading import csv as reading_csv
from turkey_russia_data.reading import threads
from turkey_russia_data.reading.arrow_csv import read_columns
from turkey_russia_data.textnorm import normalise
from turkey_russia_data.validation import _read, agency, clear_caches, structure, validate
from turkey_russia_data.validation.actors import Names
from turkey_russia_data.validation.facts import collect, references, roles_of
from turkey_russia_data.validation.problems import Problem
from turkey_russia_data.validation.registry import CHECKS
from turkey_russia_data.validation.signatures import quotes_of
from turkey_russia_data.validation.value_support import check_fact, check_table_values, check_value_support
from turkey_russia_data.vocab import FACT_TABLES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = catalogue()
STRUCTURAL = [m for m in CATALOGUE if m.level in (1, 2) and not m.needs_texts]
# The faults of the value checks (E401-E405); the other level 4 checks read no signatures.
_VALUE_CODES = {c.code for k in CHECKS if k.run is check_table_values for c in k.codes}
VALUES = [m for m in CATALOGUE if m.code in _VALUE_CODES and not m.needs_texts]


def _strict(data: bytes) -> list[list[str]] | None:
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True))
    except (csv.Error, UnicodeDecodeError):
        return None


# --- the reader ---------------------------------------------------------------------

_PIECES = [b"a", b"b", b",", b'"', b'""', b"\n", b" ", "é".encode(), b"\r", b"\x00", b"\xff"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_fast_reader_reads_what_the_strict_reader_reads(pieces: list[bytes]) -> None:
    data = b"h1,h2\n" + b"".join(pieces)
    fast = read_columns(data)
    if fast is None:
        return  # declined: the strict reader decides
    header, columns = fast
    strict = _strict(data)
    assert strict is not None, f"the fast reader accepted what the strict reader refuses: {data!r}"
    assert header == strict[0]
    assert [list(row) for row in zip(*(c.to_pylist() for c in columns), strict=True)] == strict[1:]


@pytest.mark.parametrize(
    "body",
    [
        b'"x"y,2\n',  # text after a closing quote
        b'"a,"b,2\n',  # the same, the closing quote after a comma inside the cell
        b'1,"x\n',  # unclosed quote on the last line
        b'"x\ny",2\n',  # a cell spanning lines
        b"1,2\n\n3,4\n",  # a blank line
        b"1,2,3\n",  # too many cells
        b"1,2\r\n",  # CR (normalised by the caller first)
        b"1,\xff\n",  # not UTF-8
    ],
)
def test_the_fast_reader_declines_what_it_would_read_leniently(body: bytes) -> None:
    assert read_columns(b"h1,h2\n" + body) is None


def test_the_fast_reader_reads_quoted_cells() -> None:
    fast = read_columns(b'h1,h2\n"a, b","say ""hi"""\nx"y,\n')
    assert fast is not None
    assert [c.to_pylist() for c in fast[1]] == [["a, b", 'x"y'], ['say "hi"', ""]]


def test_every_shipped_table_takes_the_fast_reader() -> None:
    for path in sorted((ROOT / "tables").glob("*.csv")):
        data = path.read_bytes()
        fast = read_columns(data)
        assert fast is not None, path.name
        assert [list(r) for r in zip(*(c.to_pylist() for c in fast[1]), strict=True)] == _strict(data)[1:]


# --- whole reports on the catalogue --------------------------------------------------


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the strict reader, and only the Python check of every distinct value."""
    monkeypatch.setattr(reading_csv, "read_columns", lambda data: None)
    monkeypatch.setattr(structure, "_may_fail", lambda column, field, pattern: None)


def _report(pkg: Path, levels: str) -> list[dict[str, object]]:
    return [p.as_dict() for p in validate(pkg, levels=levels).problems]


@pytest.mark.parametrize("mutation", one_per_code(STRUCTURAL, lambda m: f"L{m.level} {m.name}"))
def test_fast_and_plain_paths_report_alike(mutation: Mutation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    fast = _report(pkg, "1,2,4")
    assert any(p["code"] == mutation.code for p in fast)
    _plain(monkeypatch)
    assert _report(pkg, "1,2,4") == fast


@pytest.mark.parametrize("mutation", one_per_code(VALUES, lambda m: m.name))
def test_level_4_by_signature_matches_row_by_row(mutation: Mutation, tmp_path: Path) -> None:
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    _, tables, _ = _read(pkg, pio.DEFAULT_MAX_BYTES, False)
    by_signature = list(check_value_support(tables))
    facts = collect(tables)
    by_row = [p for name in FACT_TABLES for fact in facts.rows(name) for p in check_fact(fact)]
    assert by_signature == by_row
    assert any(p.code == mutation.code and p.row_id == mutation.row_id for p in by_signature)


def test_threads_change_nothing_in_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sources_dir: Path
) -> None:
    # Test workers run the validator on one thread (tests/conftest.py); here it runs on
    # several, with every side task on a thread of its own, and must report the same.
    pkg = copy_package(tmp_path / "pkg")
    for mutation in STRUCTURAL[:3]:
        apply(mutation, pkg)
    one = [p.as_dict() for p in validate(pkg, sources=sources_dir).problems]
    assert one
    monkeypatch.setattr(threads, "CORES", 4)
    monkeypatch.setattr(threads, "SIDE_THREAD_BYTES", 0)
    clear_caches()  # so that the caches are filled again, from several threads at once
    assert [p.as_dict() for p in validate(pkg, sources=sources_dir).problems] == one


# --- a package large enough to be memory-mapped --------------------------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import build
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("synthetic") / "pkg"
    build(out, 30_000)
    assert (out / "tables" / "citations.csv").stat().st_size > pio.MiB  # read through a memory map
    return out


def _broken_copy(src: Path, dest: Path, change: bytes, to: bytes, count: int = 1) -> Path:
    import shutil

    shutil.copytree(src, dest)
    path = dest / "tables" / "citations.csv"
    data = path.read_bytes()
    assert change in data
    path.write_bytes(data.replace(change, to, count))
    rehash(dest)
    return dest


def test_a_large_synthetic_package_is_valid(synthetic: Path) -> None:
    report = validate(synthetic, levels="1,2,4,5,6,7,8")
    assert report.valid, [str(p) for p in report.problems[:5]]
    assert report.tables["citations"].rows > 10_000


@pytest.mark.parametrize(
    ("name", "change", "to", "code"),
    [
        ("CRLF", b"\n", b"\r\n", "E104"),
        ("text after a closing quote", b'",', b'"x,', "E105"),
        ("unknown relation", b",both,supports,", b",both,maybe,", "E112"),
        ("duplicate id", b"\nCI", b"\nCI", "E120"),
    ],
)
def test_large_files_report_as_the_strict_reader_does(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, change: bytes, to: bytes, code: str
) -> None:
    pkg = _broken_copy(synthetic, tmp_path / "pkg", change, to, -1 if name == "CRLF" else 1)
    if code == "E120":  # repeat the second row's id on the first row
        path = pkg / "tables" / "citations.csv"
        lines = path.read_bytes().split(b"\n")
        lines[1] = lines[2].split(b",", 1)[0] + b"," + lines[1].split(b",", 1)[1]
        path.write_bytes(b"\n".join(lines))
        rehash(pkg)
    fast = _report(pkg, "1,2")
    assert code in {p["code"] for p in fast}, name
    _plain(monkeypatch)
    assert _report(pkg, "1,2") == fast


# --- what the validator loads -------------------------------------------------------


def test_validation_imports_neither_pandas_nor_frictionless() -> None:
    code = (
        "import sys, turkey_russia_data as trd\n"
        "assert trd.validate(levels='1,2,4,5,6,7,8').valid\n"
        "print(sorted(m for m in ('pandas', 'frictionless', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- event roles (E410) by signature against every link row ------------------------


def _roles_row_by_row(tables: dict[str, Any]) -> list[Problem]:
    """E410 as it was first written: every link row visited, its fact row's quotes read."""
    found: list[Problem] = []
    names = Names.of(tables)
    for table in tables.values():
        for role in roles_of(table).actors:
            if role.role is None:
                continue
            pk = table.spec.primary_key[0] if len(table.spec.primary_key) == 1 else None
            owner = references(table.schema, table.spec.name).get(role.of, "") if role.of else table.spec.name
            quotes = quotes_of(owner, table.column(role.of or pk or ""), tables.get("citations"))
            empty = [""] * table.n_rows
            owners = table.values_of(role.of or pk) or empty
            actors = table.values_of(role.column) or empty
            values = table.values_of(role.role) or empty
            keys = table.values_of(pk) if pk else None
            members: dict[str, set[str]] = defaultdict(set)
            for owner_id, actor in zip(owners, actors, strict=True):
                members[owner_id].add(actor)
            for r, (owner_id, actor, value) in enumerate(zip(owners, actors, values, strict=True)):
                if not actor or value not in role.doer + role.done_to:
                    continue
                ours = members[owner_id]
                said = [
                    s
                    for quote in quotes.get(owner_id, ())
                    for s in agency.statements(names.mark(normalise(quote)))
                    if s[0] in ours and s[1] in ours
                ]
                against = agency.contradicts(role, value, actor, said)
                if against is not None:
                    row_id = keys[r] if keys is not None else f"{owner_id}/{actor}"
                    found.append(agency.role_problem(table, role, r, row_id, owner_id, actor, value, against))
    return found


ROLE_FAULTS = [m for m in CATALOGUE if m.code == "E410"]
SLOW_ROLE_FAULTS = [pytest.param(m, marks=pytest.mark.slow) for m in ROLE_FAULTS[2:]]


@pytest.mark.parametrize("mutation", ROLE_FAULTS[:2] + SLOW_ROLE_FAULTS, ids=lambda m: m.name)
def test_event_roles_by_signature_match_every_link_row(mutation: Mutation, tmp_path: Path) -> None:
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    _, tables, _ = _read(pkg, pio.DEFAULT_MAX_BYTES, False)
    once = list(agency.check_roles(tables))
    assert once == _roles_row_by_row(tables)
    assert any(p.row_id == mutation.row_id for p in once)
    # three copies of the package: rows alike are judged once, and reported each
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import build
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    build(tmp_path / "three", 0, root=pkg, copies=3)
    _, tables, _ = _read(tmp_path / "three", pio.DEFAULT_MAX_BYTES, False)
    thrice = list(agency.check_roles(tables))
    assert thrice == _roles_row_by_row(tables)
    assert len(thrice) == 3 * len(once)
