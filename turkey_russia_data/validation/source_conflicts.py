"""Level 8, conflicts between sources: the same fact stated differently, and rows a
citation refutes. Both kinds are kept in the data (no source is silently preferred);
each must be explained by the row, with a note containing "CONFLICT:" or an erratum: for a
disagreement, an erratum on the column compared; for a refutation, one on any column.

``find_conflicts`` lists them all, explained or not, for the ``conflicts`` command;
``check_conflicts`` turns the unexplained ones into problems.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from .coherence import figure_range
from .facts import Fact, Facts
from .problems import Problem
from .registry import FACTS, Code, check


@dataclass(frozen=True)
class Conflict:
    kind: str  # "disagreement" | "refuted"
    table: str
    row_ids: tuple[str, ...]
    column: str
    values: tuple[str, ...]
    sources: tuple[str, ...]
    explained: bool
    explanation: str

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "table": self.table,
            "row_ids": list(self.row_ids),
            "column": self.column,
            "values": list(self.values),
            "sources": list(self.sources),
            "explained": self.explained,
            "explanation": self.explanation,
        }


def explanation(fact: Fact, column: str | None = None) -> str:
    """What explains the row's disagreement on ``column`` (None: its refutation): a note
    containing "CONFLICT:", else an erratum naming that column (any column for a
    refutation), told by the row's erratum note."""
    notes = fact.get("notes")
    if "CONFLICT:" in notes:
        return notes[notes.index("CONFLICT:") :]
    named = sorted(fact.corrected) if column is None else [column] if fact.corrects(column) else []
    if not named:
        return ""
    return fact.get("erratum") or f"erratum on {', '.join(named)}"


def _sources(fact: Fact) -> list[str]:
    return sorted({c.source_id for c in fact.cites if c.relation == "supports"})


def _disagree(a: Fact, b: Fact, column: str) -> bool:
    if a.figure(column) is not None:
        ra, rb = figure_range(a, column), figure_range(b, column)
        return ra is not None and rb is not None and (ra[1] < rb[0] or rb[1] < ra[0])
    return bool(a.get(column)) and bool(b.get(column)) and a.get(column) != b.get(column)


def _disagreeing(rows: list[Fact], columns: tuple[str, ...]) -> list[tuple[int, int, int]]:
    """The pairs (i, j, column index), i < j, of rows of one fact group that disagree on a
    compared column (``_disagree``), in the order a loop over all pairs would give them.

    Rows are put in classes by what they state in the column (the cell, or the figure's
    range; an empty cell or a figure without a range disagrees with nothing). Identical
    statements form one class, so a group of k of them costs k, not k squared. A column
    whose ranges all share a point (the greatest low end is at most the least high end)
    holds no disagreement; otherwise each row is compared with the classes that disagree
    with its own, found by bisection over the ranges sorted by their ends. Every class
    visited for a row yields at least one reported pair (with a row before it or after
    it), so the work is the rows plus the pairs reported."""
    found: list[tuple[int, int, int]] = []
    for c, column in enumerate(columns):
        is_figure = bool(rows) and rows[0].figure(column) is not None
        classes: dict[object, list[int]] = defaultdict(list)
        of_row: list[object] = []
        for i, fact in enumerate(rows):
            key: object = figure_range(fact, column) if is_figure else (fact.get(column) or None)
            of_row.append(key)
            if key is not None:
                classes[key].append(i)
        if len(classes) < 2:
            continue
        if is_figure:
            ranges = [cast(tuple[float, float], k) for k in classes]
            if max(r[0] for r in ranges) <= min(r[1] for r in ranges):
                continue
            by_hi = sorted(ranges, key=lambda r: r[1])
            by_lo = sorted(ranges, key=lambda r: r[0])
            his = [r[1] for r in by_hi]
            los = [r[0] for r in by_lo]
        for i, key in enumerate(of_row):
            if key is None:
                continue
            if is_figure:
                lo, hi = cast(tuple[float, float], key)
                # disjoint: the other's high end below my low end, or its low end above my high end
                others: list[object] = [*by_hi[: bisect_left(his, lo)], *by_lo[bisect_right(los, hi) :]]
            else:
                others = [k for k in classes if k != key]
            for other in others:
                positions = classes[other]
                found.extend((i, j, c) for j in positions[bisect_right(positions, i) :])
    found.sort()
    return found


def find_conflicts(facts: Facts) -> list[Conflict]:
    return [conflict for conflict, _ in _conflicts(facts)]


Row = tuple[int, str, Fact]  # a row's line and id, and the fact that stands for it


def _rows(fact: Fact) -> list[Row]:
    return [(line, row_id, fact) for line, row_id in ((fact.line, fact.row_id), *fact.copies)]


def _conflicts(facts: Facts) -> list[tuple[Conflict, int]]:
    """Each conflict, with the line of the row it is reported on (its last row)."""
    found: list[tuple[Conflict, int]] = []
    for table, roles in facts.roles.items():
        # rows sharing the fact key state the same fact; they must agree on what is compared
        key_columns = roles.fact_key
        if not key_columns or not roles.compared:
            continue
        groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
        for fact in facts.by_table.get(table, []):  # one per distinct row, in order of their first rows
            groups[tuple(fact.get(c) for c in key_columns)].append(fact)
        for rows in groups.values():
            if len(rows) < 2:
                continue  # the copies of one fact state it alike
            # Two distinct facts that disagree: so does every row of one with every row of
            # the other, in the order a pass over the group's rows would meet the pairs.
            pairs: list[tuple[Row, Row, int]] = []
            for i, j, c in _disagreeing(rows, roles.compared):
                pairs += [(min(x, y), max(x, y), c) for x in _rows(rows[i]) for y in _rows(rows[j])]
            pairs.sort(key=lambda pair: (pair[0][0], pair[1][0], pair[2]))
            for (_, id_a, a), (line, id_b, b), c in pairs:
                column = roles.compared[c]
                why = explanation(a, column) or explanation(b, column)
                conflict = Conflict(
                    "disagreement",
                    table,
                    (id_a, id_b),
                    column,
                    (a.get(column), b.get(column)),
                    tuple(sorted(set(_sources(a)) | set(_sources(b)))),
                    bool(why),
                    why,
                )
                found.append((conflict, line))
    for table, facts_of in facts.by_table.items():
        refuted: list[tuple[Conflict, int]] = []
        for fact in facts_of:
            refuting = [c for c in fact.cites if c.relation == "refutes"]
            if not refuting:
                continue
            why = explanation(fact)
            for line, row_id, _ in _rows(fact):
                conflict = Conflict(
                    "refuted",
                    table,
                    (row_id,),
                    "",
                    tuple(c.citation_id for c in refuting),
                    tuple(sorted({c.source_id for c in refuting})),
                    bool(why),
                    why,
                )
                refuted.append((conflict, line))
        found += sorted(refuted, key=lambda item: item[1])
    return found


@check(
    8,
    FACTS,
    Code("E801", "unexplained-disagreement", "two rows state the same fact differently and neither says why"),
    Code("E802", "unexplained-refutation", "a row refuted by a citation does not say why it is kept"),
)
def check_conflicts(facts: Facts) -> Iterator[Problem]:
    files = facts.files
    for conflict, line in _conflicts(facts):
        if conflict.explained:
            continue
        row_id = conflict.row_ids[-1]
        if conflict.kind == "disagreement":
            yield Problem(
                "E801",
                files[conflict.table],
                f"{conflict.row_ids[0]} and {row_id} state the same fact differently ({', '.join(conflict.sources)}); "
                f"keep both and explain with a note containing 'CONFLICT:' or an erratum on {conflict.column}",
                line=line,
                row_id=row_id,
                column=conflict.column,
                expected=conflict.values[0],
                found=conflict.values[1],
            )
        else:
            yield Problem(
                "E802",
                files[conflict.table],
                f"refuted by {', '.join(conflict.values)} ({', '.join(conflict.sources)}) but the row does not say why",
                line=line,
                row_id=row_id,
                column="notes",
                expected="a note containing 'CONFLICT:' or an erratum",
                found="none",
            )
