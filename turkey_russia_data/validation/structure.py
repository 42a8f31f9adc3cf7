"""Level 1 (structure) and level 2 (evidence) checks on tables read as strings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import dates
from ..schema import EDTF_FLAG, REQUIRES_FLAG
from ..vocab import FACT_TABLES
from .package_io import Table
from .problems import Problem

_TYPE_PATTERNS = {
    "integer": re.compile(r"-?[0-9]+"),
    "number": re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"),
}


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


_Verdict = tuple[str, str, str | None, str | None]  # code, message, expected, found


def _cell_verdicts(value: str, field: dict[str, Any], pattern: re.Pattern[str] | None) -> list[_Verdict]:
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
        return [("E113", "does not match the pattern", pattern.pattern, _short(value))]
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


def check_cells(table: Table) -> Iterator[Problem]:
    """Types, required, enums, patterns, dates, ranges and co-required cells.

    Each distinct value of a column is checked once and only the rows holding a value
    with a problem are visited again: columns repeat their values (codes, enums, dates),
    so this is what keeps the check linear in rows with a small constant. Problems come
    out in row order, columns in header order, as a row-by-row scan would give them.
    """
    fields = {f["name"]: f for f in table.schema["fields"]}
    rows = table.rows
    found: list[tuple[int, int, int, Problem]] = []

    def add(r: int, order: int, code: str, column: str, message: str, expected: str | None, fnd: str | None) -> None:
        line, cells = rows[r]
        problem = Problem(
            code,
            table.file,
            message,
            line=line,
            row_id=table.row_id(cells),
            column=column,
            expected=expected,
            found=fnd,
        )
        found.append((r, order, len(found), problem))

    for i, name in enumerate(table.header):
        field = fields.get(name)
        if field is None:
            continue
        raw_pattern = field.get("constraints", {}).get("pattern")
        pattern = re.compile(raw_pattern) if raw_pattern else None
        column = table.columns[i]
        required = bool(field.get("constraints", {}).get("required")) or name in table.spec.primary_key
        verdicts = {v: _cell_verdicts(v, field, pattern) for v in set(column) if v != ""}
        bad = {v for v, found_here in verdicts.items() if found_here}
        if not bad and not (required and "" in column):
            continue
        for r, value in enumerate(column):
            if value == "":
                if required:
                    add(r, i, "E111", name, "required value is missing", "a value", "empty")
            elif value in bad:
                for code, message, expected, fnd in verdicts[value]:
                    add(r, i, code, name, message, expected, fnd)

    after = len(table.header)
    for a, b in table.schema.get(REQUIRES_FLAG, []):
        if a in table.header and b in table.header:
            ia, ib = table.header.index(a), table.header.index(b)
            for r, (_, cells) in enumerate(rows):
                if cells[ia] != "" and cells[ib] == "":
                    add(r, after, "E116", b, f"{b} is required when {a} is given", "a value", "empty")
    if "derivation" in table.header:
        derivation_at = table.header.index("derivation")
        basis_cols = [(i, c) for i, c in enumerate(table.header) if c.endswith("basis")]
        for r, (_, cells) in enumerate(rows):
            if cells[derivation_at] == "":
                for i, c in basis_cols:
                    if cells[i] == "derived":
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


def primary_keys(table: Table) -> set[tuple[str, ...]]:
    idx = table.key_indices
    return {tuple(cells[i] for i in idx) for _, cells in table.rows}


def check_keys(table: Table) -> Iterator[Problem]:
    """Unique primary keys, in ascending order."""
    idx = table.key_indices
    if len(idx) != len(table.spec.primary_key):
        return
    if len(idx) == 1:
        # One key column: plain strings compare and hash like 1-tuples, and cost less.
        i = idx[0]
        values = list(table.columns[i])
        settled = len(set(values)) == len(values) and values == sorted(values)
    else:
        keys = [tuple(cells[i] for i in idx) for _, cells in table.rows]
        settled = len(set(keys)) == len(keys) and keys == sorted(keys)
    if settled:
        return  # the usual case, settled by two C-level passes
    seen: dict[tuple[str, ...], int] = {}
    previous: tuple[str, ...] | None = None
    column = ",".join(table.spec.primary_key)
    for line, cells in table.rows:
        key = tuple(cells[i] for i in idx)
        rid = "/".join(key)
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


def check_foreign_keys(table: Table, tables: dict[str, Table]) -> Iterator[Problem]:
    for fk in table.schema.get("foreignKeys", []):
        cols = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
        ref = fk["reference"]
        target_name = ref.get("resource") or table.spec.name
        target = tables.get(target_name)
        if target is None or any(c not in table.header for c in cols):
            continue
        ref_cols = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
        if any(c not in target.header for c in ref_cols):
            continue
        ridx = [target.header.index(c) for c in ref_cols]
        valid = set(zip(*(target.columns[i] for i in ridx), strict=True))
        idx = [table.header.index(c) for c in cols]
        empty = ("",) * len(idx)
        if not set(zip(*(table.columns[i] for i in idx), strict=True)) - valid - {empty}:
            continue  # every key found: no need to visit the rows one by one
        for line, cells in table.rows:
            key = tuple(cells[i] for i in idx)
            if all(v == "" for v in key):
                continue
            if key not in valid:
                yield Problem(
                    "E121",
                    table.file,
                    f"not found in {target_name}.{','.join(ref_cols)}",
                    line=line,
                    row_id=table.row_id(cells),
                    column=",".join(cols),
                    expected=f"a key of {target_name}",
                    found="/".join(key),
                )


def check_citation_targets(citations: Table, tables: dict[str, Table]) -> Iterator[Problem]:
    """Every citation points at an existing fact row (frictionless cannot express this)."""
    if "table" not in citations.header or "row_id" not in citations.header:
        return
    it, ir = citations.header.index("table"), citations.header.index("row_id")
    # a fact table whose header lacks its key column has that reported already; its rows
    # cannot be targets, and citations pointing at it are not reported twice
    keys = {
        name: {k[0] for k in primary_keys(t)}
        for name, t in tables.items()
        if name in FACT_TABLES and len(t.key_indices) == len(t.spec.primary_key)
    }
    for line, cells in citations.rows:
        target, row_id = cells[it], cells[ir]
        if target not in keys:
            continue  # an unknown table name is an enum problem, reported already
        if row_id not in keys[target]:
            yield Problem(
                "E202",
                citations.file,
                f"no row {row_id!r} in {target}",
                line=line,
                row_id=citations.row_id(cells),
                column="row_id",
                expected=f"an id of {target}",
                found=row_id,
            )


def check_evidence(tables: dict[str, Table]) -> Iterator[Problem]:
    """Level 2: every fact row has at least one supporting citation."""
    citations = tables.get("citations")
    if citations is None:
        return
    h = citations.header
    if not all(c in h for c in ("table", "row_id", "relation")):
        return
    it, ir, irel = h.index("table"), h.index("row_id"), h.index("relation")
    supported = {(c[it], c[ir]) for _, c in citations.rows if c[irel] == "supports"}
    for name in FACT_TABLES:
        table = tables.get(name)
        if table is None or len(table.spec.primary_key) != 1:
            continue
        pk = table.spec.primary_key[0]
        if pk not in table.header:
            continue
        i = table.header.index(pk)
        for line, cells in table.rows:
            if (name, cells[i]) not in supported:
                yield Problem(
                    "E201",
                    table.file,
                    "no citation supports this row",
                    line=line,
                    row_id=cells[i],
                    column=pk,
                    expected="at least one citation with relation 'supports'",
                    found="none",
                )
