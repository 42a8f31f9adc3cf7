"""Level 8, duplicate facts: one fact stated twice, identically, under two ids.

Rows with the same fact key (x-fact-key) state the same fact; when they also agree on
every other cell but the id and the notes, the second adds nothing but a second count
of the fact. Sources that state a fact alike belong on one row, each with its citation.
Rows are grouped by their cells on the Arrow columns, in one pass: linear in rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..reading import Table
from .facts import key_values
from .kernels import group_rows, strings
from .problems import Problem
from .registry import FACT_TABLE, Code, check

# Cells that say nothing about the fact itself: two copies may differ in them.
_FREE = ("notes",)


@check(
    8,
    FACT_TABLE,
    Code(
        "E803",
        "duplicate-fact",
        "two rows state the same fact (same fact key) with the same content under different ids",
    ),
)
def check_duplicates(name: str, tables: dict[str, Table]) -> Iterator[Problem]:
    table = tables[name]
    ids = key_values(table)
    if ids is None or not table.n_rows:
        return
    pk = table.spec.primary_key[0]
    # Equal in every cell but the id and the notes (the fact key's cells among them).
    compared = [table.column(c) for c in dict.fromkeys(table.header) if c != pk and c not in _FREE]
    groups = group_rows(compared or [strings([""] * table.n_rows)])
    if len(groups.first) == table.n_rows:
        return  # every row differs from every other
    row_ids = ids.to_pylist()
    for r, f in groups.repeats():
        yield Problem(
            "E803",
            table.file,
            f"states the same fact as {row_ids[f]} (line {table.line(f)}) with the same content; "
            f"keep one row and cite every source that states it on that row",
            line=table.line(r),
            row_id=row_ids[r],
            column=pk,
            expected="a fact not stated by another row",
            found=f"same as {row_ids[f]}",
        )
