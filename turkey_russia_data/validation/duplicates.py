"""Level 8, duplicate facts: one fact stated twice, identically, under two ids.

Rows with the same fact key (x-fact-key) state the same fact; when they also agree on
every other cell but the id and the notes, the second adds nothing but a second count
of the fact. Sources that state a fact alike belong on one row, each with its citation.
Rows are grouped by their cells in one pass: linear in rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from .facts import Fact, Facts
from .problems import Problem
from .registry import FACTS, Code, check

# Cells that say nothing about the fact itself: two copies may differ in them.
_FREE = ("notes",)


def _compared(fact: Fact, key: tuple[str, ...], skip: set[str]) -> tuple[str, ...]:
    """The columns a row's content is read from: the fact key's first, then every other
    (by name), but the id and the free-text columns. Every row of a table has them all."""
    return (*key, *sorted(c for c in fact.cells if c not in skip and c not in key))


@check(
    8,
    FACTS,
    Code(
        "E803",
        "duplicate-fact",
        "two rows state the same fact (same fact key) with the same content under different ids",
    ),
)
def check_duplicates(facts: Facts) -> Iterator[Problem]:
    for table, rows in facts.by_table.items():
        if not rows:
            continue
        roles = facts.roles.get(table)
        key = roles.fact_key if roles is not None else ()
        pk = facts.primary_keys.get(table, "")
        skip = {pk, *_FREE}
        seen: dict[tuple[str, ...], Fact] = {}
        columns = _compared(rows[0], key, skip)
        for fact in rows:
            cells = fact.cells
            content = tuple([cells.get(c, "") for c in columns])
            first = seen.setdefault(content, fact)
            if first is fact:
                continue
            yield fact.problem(
                "E803",
                pk,
                f"states the same fact as {first.row_id} (line {first.line}) with the same content; "
                f"keep one row and cite every source that states it on that row",
                "a fact not stated by another row",
                f"same as {first.row_id}",
            )
