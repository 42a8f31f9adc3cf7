"""Level 1 (structure) and level 2 (evidence) checks on tables read as strings.

The checks run as Arrow compute kernels over whole columns: they find the few cells that
may be wrong, and only those are looked at in Python, by the same code that words every
problem (``_cell_verdicts``). A kernel may flag a cell that is fine (the Python check
then clears it) but never passes one that is not. Patterns are RE2 in both (Arrow's
kernel and ``reading.patterns``), so no cell is ever matched by a backtracking engine;
anything not expressible in kernels (an EDTF date) is settled per distinct value in
Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .. import dates
from ..reading import Table
from ..reading.patterns import compile_pattern
from ..schema import EDTF_FLAG, REQUIRES_FLAG
from .facts import fact_tables
from .kernels import any_of, equals, integer, number, rows_where, string, strings
from .problems import Problem
from .registry import TABLE, TABLE_IN_PACKAGE, TABLES, Code, check

_TYPE_PATTERNS = {
    "integer": re.compile(r"-?[0-9]+"),
    "number": re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"),
}


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_Verdict = tuple[str, str, str | None, str | None]  # code, message, expected, found


def _cell_verdicts(value: str, field: dict[str, Any], pattern: Any | None) -> list[_Verdict]:
    """What is wrong with one non-empty cell value of a field (empty list: nothing)."""
    constraints = field.get("constraints", {})
    ftype = field.get("type", "string")
    if ftype in _TYPE_PATTERNS and not _TYPE_PATTERNS[ftype].fullmatch(value):
        return [("E110", f"not a valid {ftype}", ftype, _short(value))]
    if ftype == "boolean":
        allowed = field.get("trueValues", ["true"]) + field.get("falseValues", ["false"])
        if value not in allowed:
            return [("E110", "not a valid boolean", " or ".join(allowed), value)]
    enum = constraints.get("enum")
    if enum is not None and value not in enum:
        return [("E112", "not an allowed value", ", ".join(map(str, enum)), _short(value))]
    if pattern is not None and not pattern.fullmatch(value):
        return [("E113", "does not match the pattern", str(constraints["pattern"]), _short(value))]
    if field.get(EDTF_FLAG):
        try:
            dates.parse(value)
        except dates.EdtfError as exc:
            return [("E114", str(exc), "a real EDTF date or interval", value)]
    out: list[_Verdict] = []
    if "maxLength" in constraints and len(value) > constraints["maxLength"]:
        limit = constraints["maxLength"]
        out.append(("E115", f"longer than {limit} characters", f"<= {limit} characters", f"{len(value)} characters"))
    if ftype in _TYPE_PATTERNS:
        number = float(value)
        if "minimum" in constraints and number < constraints["minimum"]:
            out.append(("E115", "below the minimum", f">= {constraints['minimum']}", value))
        if "maximum" in constraints and number > constraints["maximum"]:
            out.append(("E115", "above the maximum", f"<= {constraints['maximum']}", value))
    return out


def _may_fail(column: Any, field: dict[str, Any], pattern: str | None) -> Any | None:
    """A boolean mask over a column's non-empty cells: True where ``_cell_verdicts`` may
    find something. None when a constraint has no exact kernel: check every distinct value."""
    if field.get(EDTF_FLAG):
        return None
    constraints = field.get("constraints", {})
    ftype = field.get("type", "string")
    masks: list[Any] = []
    try:
        if ftype in _TYPE_PATTERNS:
            well_formed = pc.match_substring_regex(column, f"^(?:{_TYPE_PATTERNS[ftype].pattern})$")
            masks.append(pc.invert(well_formed))
            bounds = [(k, constraints[k]) for k in ("minimum", "maximum") if k in constraints]
            if bounds:
                numbers = pc.cast(pc.if_else(well_formed, column, string("0")), pa.float64())
                for key, bound in bounds:
                    if not isinstance(bound, (int, float)) or isinstance(bound, bool):
                        return None
                    limit = number(bound)
                    masks.append(pc.less(numbers, limit) if key == "minimum" else pc.greater(numbers, limit))
        elif ftype == "boolean":
            allowed = field.get("trueValues", ["true"]) + field.get("falseValues", ["false"])
            masks.append(pc.invert(pc.is_in(column, value_set=strings([str(v) for v in allowed]))))
        enum = constraints.get("enum")
        if enum is not None:
            members = strings([v for v in enum if isinstance(v, str)])
            masks.append(pc.invert(pc.is_in(column, value_set=members)))
        if pattern is not None:
            masks.append(pc.invert(pc.match_substring_regex(column, f"^(?:{pattern})$")))
        if "maxLength" in constraints:
            limit = constraints["maxLength"]
            if not isinstance(limit, int) or isinstance(limit, bool):
                return None
            masks.append(pc.greater(pc.utf8_length(column), integer(limit)))
    except (pa.ArrowException, ValueError, TypeError):
        return None  # a kernel refused (RE2 syntax, a number Arrow does not parse): use Python
    mask = any_of(masks)
    return pc.is_null(column) if mask is None else mask  # is_null: all false, cells are never null


@check(
    1,
    TABLE,
    Code("E110", "type-error", "a cell is not of the field's type"),
    Code("E111", "required", "a required cell is empty"),
    Code("E112", "enum", "a cell is not one of the allowed values"),
    Code("E113", "pattern", "a cell does not match the field's pattern"),
    Code("E114", "invalid-date", "a date matches the pattern but is not a real date or interval"),
    Code("E115", "constraint", "a cell breaks a minimum, maximum or length constraint"),
    Code("E116", "co-required", "a cell is filled but a cell it requires is empty"),
)
def check_cells(table: Table) -> Iterator[Problem]:
    """Types, required, enums, patterns, dates, ranges and co-required cells.

    Kernels pick the cells that may be wrong; each distinct value among them is judged
    once in Python, and only the rows holding a value with a problem are visited.
    Problems come out in row order, columns in header order, as a row-by-row scan would
    give them.
    """
    fields = {f["name"]: f for f in table.schema["fields"]}
    found: list[tuple[int, int, int, Problem]] = []

    def add(r: int, order: int, code: str, column: str, message: str, expected: str | None, fnd: str | None) -> None:
        problem = Problem(
            code,
            table.file,
            message,
            line=table.line(r),
            row_id=table.row_id_at(r),
            column=column,
            expected=expected,
            found=fnd,
        )
        found.append((r, order, len(found), problem))

    if not table.n_rows:
        return
    for i, name in enumerate(table.header):
        field = fields.get(name)
        if field is None:
            continue
        raw_pattern = field.get("constraints", {}).get("pattern")
        pattern = compile_pattern(raw_pattern)[0] if raw_pattern else None
        column = table.data[i]
        empty = equals(column, "")
        required = bool(field.get("constraints", {}).get("required")) or name in table.spec.primary_key
        if required and pc.any(empty).as_py():
            for r in rows_where(empty):
                add(r, i, "E111", name, "required value is missing", "a value", "empty")
        mask = _may_fail(column, field, pattern.pattern if pattern is not None else None)
        suspects = column if mask is None else pc.filter(column, pc.and_(mask, pc.invert(empty)))
        verdicts = {v: _cell_verdicts(v, field, pattern) for v in pc.unique(suspects).to_pylist() if v != ""}
        bad = [v for v, said in verdicts.items() if said]
        if not bad:
            continue
        for r in rows_where(pc.is_in(column, value_set=strings(bad))):
            for code, message, expected, fnd in verdicts[column[r].as_py()]:
                add(r, i, code, name, message, expected, fnd)

    after = len(table.header)
    for a, b in table.schema.get(REQUIRES_FLAG, []):
        ca, cb = table.column(a), table.column(b)
        if ca is not None and cb is not None:
            for r in rows_where(pc.and_(pc.invert(equals(ca, "")), equals(cb, ""))):
                add(r, after, "E116", b, f"{b} is required when {a} is given", "a value", "empty")
    derivation = table.column("derivation")
    bases = [c for c, name in zip(table.data, table.header, strict=True) if name.endswith("basis")]
    if derivation is not None and bases:
        derived = any_of([equals(basis, "derived") for basis in bases])
        for r in rows_where(pc.and_(equals(derivation, ""), derived)):
            for c, basis in zip(table.header, table.data, strict=True):
                if c.endswith("basis") and basis[r].as_py() == "derived":
                    add(
                        r,
                        after + 1,
                        "E116",
                        "derivation",
                        f"derivation is required when {c} is 'derived'",
                        "how the value was derived",
                        "empty",
                    )
    found.sort(key=lambda item: item[:3])
    for *_, problem in found:
        yield problem


def _keys(table: Table, indices: list[int]) -> Any:
    """One string per row for a (possibly composite) key. Cells hold no NUL (a file with
    one is refused), so joining on NUL neither merges keys nor changes their order."""
    if len(indices) == 1:
        return table.data[indices[0]]
    return pc.binary_join_element_wise(*(table.data[i] for i in indices), string("\x00"))


@check(
    1,
    TABLE,
    Code("E120", "duplicate-key", "two rows share a primary key"),
    Code("E123", "unsorted", "rows are not sorted by primary key"),
)
def check_keys(table: Table) -> Iterator[Problem]:
    """Unique primary keys, in ascending order."""
    idx = table.key_indices
    if len(idx) != len(table.spec.primary_key) or not table.n_rows:
        return
    keys = _keys(table, idx)
    n = len(keys)
    # Strictly ascending keys are unique and in order: the usual case, settled by one
    # kernel. Arrow compares strings byte by byte, which in UTF-8 is code-point order.
    if n < 2 or pc.all(pc.greater(keys.slice(1), keys.slice(0, n - 1))).as_py():
        return
    seen: dict[tuple[str, ...], int] = {}
    previous: tuple[str, ...] | None = None
    column = ",".join(table.spec.primary_key)
    for r, key in enumerate(zip(*(table.values(i) for i in idx), strict=True)):
        rid = "/".join(key)
        line = table.line(r)
        if key in seen:
            yield Problem(
                "E120",
                table.file,
                f"duplicate primary key (first on line {seen[key]})",
                line=line,
                row_id=rid,
                column=column,
                expected="a unique key",
                found=rid,
            )
        else:
            seen[key] = line
        if previous is not None and key < previous:
            yield Problem(
                "E123",
                table.file,
                "row out of order",
                line=line,
                row_id=rid,
                column=column,
                expected=f"after {'/'.join(previous)}",
                found=rid,
            )
        previous = key


@check(
    1,
    TABLE_IN_PACKAGE,
    Code("E121", "foreign-key", "a code does not exist in the table it refers to"),
)
def check_foreign_keys(table: Table, tables: dict[str, Table]) -> Iterator[Problem]:
    for fk in table.schema.get("foreignKeys", []):
        cols = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target_name = ref.get("resource") or table.spec.name
        target = tables.get(target_name)
        if target is None or any(c not in table.header for c in cols) or not table.n_rows:
            continue
        ref_cols = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        if any(c not in target.header for c in ref_cols) or len(ref_cols) != len(cols):
            continue
        idx = [table.header.index(c) for c in cols]
        ref_idx = [target.header.index(c) for c in ref_cols]
        valid = _keys(target, ref_idx) if target.n_rows else strings([])
        blank = equals(table.data[idx[0]], "")
        for i in idx[1:]:
            blank = pc.and_(blank, equals(table.data[i], ""))
        missing = pc.and_(pc.invert(pc.is_in(_keys(table, idx), value_set=valid)), pc.invert(blank))
        for r in rows_where(missing):
            yield Problem(
                "E121",
                table.file,
                f"not found in {target_name}.{','.join(ref_cols)}",
                line=table.line(r),
                row_id=table.row_id_at(r),
                column=",".join(cols),
                expected=f"a key of {target_name}",
                found="/".join(str(table.data[i][r].as_py()) for i in idx),
            )


def _fact_keys(tables: dict[str, Table]) -> dict[str, Any]:
    """Each fact table's ids, for tables whose key column is present."""
    keys = {name: tables[name].key_column() for name in fact_tables(tables)}
    return {name: ids for name, ids in keys.items() if ids is not None}


@check(
    2,
    TABLES,
    Code("E202", "citation-target", "a citation points at a row that does not exist"),
)
def check_citation_targets(tables: dict[str, Table]) -> Iterator[Problem]:
    """Every citation points at an existing fact row (frictionless cannot express this)."""
    citations = tables.get("citations")
    if citations is None:
        return
    target, row_id = citations.column("table"), citations.column("row_id")
    if target is None or row_id is None or not citations.n_rows:
        return
    # a fact table whose header lacks its key column has that reported already; its rows
    # cannot be targets, and citations pointing at it are not reported twice. An unknown
    # table name is an enum problem, reported already.
    dangling = any_of(
        [
            pc.and_(equals(target, name), pc.invert(pc.is_in(row_id, value_set=keys)))
            for name, keys in _fact_keys(tables).items()
        ]
    )
    if dangling is None:
        return
    for r in rows_where(dangling):
        name, rid = target[r].as_py(), row_id[r].as_py()
        yield Problem(
            "E202",
            citations.file,
            f"no row {rid!r} in {name}",
            line=citations.line(r),
            row_id=citations.row_id_at(r),
            column="row_id",
            expected=f"an id of {name}",
            found=rid,
        )


@check(
    2,
    TABLES,
    Code("E201", "uncited", "a fact row has no supporting citation"),
)
def check_evidence(tables: dict[str, Table]) -> Iterator[Problem]:
    """Level 2: every fact row has at least one supporting citation."""
    citations = tables.get("citations")
    if citations is None:
        return
    target, row_id, relation = (citations.column(c) for c in ("table", "row_id", "relation"))
    if target is None or row_id is None or relation is None:
        return
    supports = equals(relation, "supports") if citations.n_rows else None
    for name in fact_tables(tables):
        table = tables.get(name)
        ids = table.key_column() if table is not None and table.n_rows else None
        if table is None or ids is None:
            continue
        cited = strings([]) if supports is None else pc.filter(row_id, pc.and_(supports, equals(target, name)))
        for r in rows_where(pc.invert(pc.is_in(ids, value_set=cited))):
            yield Problem(
                "E201",
                table.file,
                "no citation supports this row",
                line=table.line(r),
                row_id=ids[r].as_py(),
                column=table.spec.primary_key[0],
                expected="at least one citation with relation 'supports'",
                found="none",
            )
