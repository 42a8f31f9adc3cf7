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


def check_cells(table: Table) -> Iterator[Problem]:
    """Types, required, enums, patterns, dates, ranges and co-required cells."""
    fields = {f["name"]: f for f in table.schema["fields"]}
    checks: list[tuple[int, str, dict[str, Any], re.Pattern[str] | None]] = []
    for i, name in enumerate(table.header):
        field = fields.get(name)
        if field is None:
            continue
        pattern = field.get("constraints", {}).get("pattern")
        checks.append((i, name, field, re.compile(pattern) if pattern else None))
    requires = [
        (table.header.index(a), a, table.header.index(b), b)
        for a, b in table.schema.get(REQUIRES_FLAG, [])
        if a in table.header and b in table.header
    ]
    basis_cols = [(i, c) for i, c in enumerate(table.header) if c.endswith("basis")]
    derivation_at = table.header.index("derivation") if "derivation" in table.header else None

    for line, cells in table.rows:
        rid = table.row_id(cells)

        def problem(
            code: str,
            column: str,
            message: str,
            expected: str | None = None,
            found: str | None = None,
            _line: int = line,
            _rid: str | None = rid,
        ) -> Problem:
            return Problem(
                code, table.file, message, line=_line, row_id=_rid, column=column, expected=expected, found=found
            )

        for i, name, field, pattern in checks:
            value = cells[i]
            constraints = field.get("constraints", {})
            if value == "":
                if constraints.get("required") or name in table.spec.primary_key:
                    yield problem("E111", name, "required value is missing", expected="a value", found="empty")
                continue
            ftype = field.get("type", "string")
            if ftype in _TYPE_PATTERNS and not _TYPE_PATTERNS[ftype].fullmatch(value):
                yield problem("E110", name, f"not a valid {ftype}", expected=ftype, found=_short(value))
                continue
            if ftype == "boolean":
                allowed = field.get("trueValues", ["true"]) + field.get("falseValues", ["false"])
                if value not in allowed:
                    yield problem("E110", name, "not a valid boolean", expected=" or ".join(allowed), found=value)
                    continue
            enum = constraints.get("enum")
            if enum is not None and value not in enum:
                yield problem(
                    "E112", name, "not an allowed value", expected=", ".join(map(str, enum)), found=_short(value)
                )
                continue
            if pattern is not None and not pattern.fullmatch(value):
                yield problem("E113", name, "does not match the pattern", expected=pattern.pattern, found=_short(value))
                continue
            if field.get(EDTF_FLAG):
                try:
                    dates.parse(value)
                except dates.EdtfError as exc:
                    yield problem("E114", name, str(exc), expected="a real EDTF date or interval", found=value)
                    continue
            if "maxLength" in constraints and len(value) > constraints["maxLength"]:
                yield problem(
                    "E115",
                    name,
                    f"longer than {constraints['maxLength']} characters",
                    expected=f"<= {constraints['maxLength']} characters",
                    found=f"{len(value)} characters",
                )
            if ftype in _TYPE_PATTERNS:
                number = float(value)
                if "minimum" in constraints and number < constraints["minimum"]:
                    yield problem(
                        "E115", name, "below the minimum", expected=f">= {constraints['minimum']}", found=value
                    )
                if "maximum" in constraints and number > constraints["maximum"]:
                    yield problem(
                        "E115", name, "above the maximum", expected=f"<= {constraints['maximum']}", found=value
                    )
        for ia, a, ib, b in requires:
            if cells[ia] != "" and cells[ib] == "":
                yield problem("E116", b, f"{b} is required when {a} is given", expected="a value", found="empty")
        if derivation_at is not None and cells[derivation_at] == "":
            for i, c in basis_cols:
                if cells[i] == "derived":
                    yield problem(
                        "E116",
                        "derivation",
                        f"derivation is required when {c} is 'derived'",
                        expected="how the value was derived",
                        found="empty",
                    )


def primary_keys(table: Table) -> set[tuple[str, ...]]:
    idx = table.key_indices
    return {tuple(cells[i] for i in idx) for _, cells in table.rows}


def check_keys(table: Table) -> Iterator[Problem]:
    """Unique primary keys, in ascending order."""
    idx = table.key_indices
    if len(idx) != len(table.spec.primary_key):
        return
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
        valid = {tuple(cells[i] for i in ridx) for _, cells in target.rows}
        idx = [table.header.index(c) for c in cols]
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
