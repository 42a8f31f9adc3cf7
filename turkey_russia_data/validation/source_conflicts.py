"""Level 8, conflicts between sources: the same fact stated differently, and rows a
citation refutes. Both kinds are kept in the data (no source is silently preferred);
each must be explained by the row, with an erratum or a note starting "CONFLICT:".

``find_conflicts`` lists them all, explained or not, for the ``conflicts`` command;
``check_conflicts`` turns the unexplained ones into problems.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

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


def explanation(fact: Fact) -> str:
    notes = fact.get("notes")
    if "CONFLICT:" in notes:
        return notes[notes.index("CONFLICT:") :]
    return fact.get("erratum")


def _sources(fact: Fact) -> list[str]:
    return sorted({c.source_id for c in fact.cites if c.relation == "supports"})


def _disagree(a: Fact, b: Fact, column: str) -> bool:
    if a.figure(column) is not None:
        ra, rb = figure_range(a, column), figure_range(b, column)
        return ra is not None and rb is not None and (ra[1] < rb[0] or rb[1] < ra[0])
    return bool(a.get(column)) and bool(b.get(column)) and a.get(column) != b.get(column)


def find_conflicts(facts: Facts) -> list[Conflict]:
    found: list[Conflict] = []
    for table, roles in facts.roles.items():
        # rows sharing the fact key state the same fact; they must agree on what is compared
        key_columns = roles.fact_key
        if not key_columns or not roles.compared:
            continue
        groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
        for fact in facts.rows(table):
            groups[tuple(fact.get(c) for c in key_columns)].append(fact)
        for rows in groups.values():
            for i, a in enumerate(rows):
                for b in rows[i + 1 :]:
                    for column in roles.compared:
                        if not _disagree(a, b, column):
                            continue
                        why = explanation(a) or explanation(b)
                        found.append(
                            Conflict(
                                "disagreement",
                                table,
                                (a.row_id, b.row_id),
                                column,
                                (a.get(column), b.get(column)),
                                tuple(sorted(set(_sources(a)) | set(_sources(b)))),
                                bool(why),
                                why,
                            )
                        )
    for rows in facts.by_table.values():
        for fact in rows:
            refuting = [c for c in fact.cites if c.relation == "refutes"]
            if refuting:
                why = explanation(fact)
                found.append(
                    Conflict(
                        "refuted",
                        fact.table,
                        (fact.row_id,),
                        "",
                        tuple(c.citation_id for c in refuting),
                        tuple(sorted({c.source_id for c in refuting})),
                        bool(why),
                        why,
                    )
                )
    return found


@check(
    8,
    FACTS,
    Code("E801", "unexplained-disagreement", "two rows state the same fact differently and neither says why"),
    Code("E802", "unexplained-refutation", "a row refuted by a citation does not say why it is kept"),
)
def check_conflicts(facts: Facts) -> Iterator[Problem]:
    files = facts.files
    lines = {(f.table, f.row_id): f.line for rows in facts.by_table.values() for f in rows}
    for conflict in find_conflicts(facts):
        if conflict.explained:
            continue
        row_id = conflict.row_ids[-1]
        if conflict.kind == "disagreement":
            yield Problem(
                "E801",
                files[conflict.table],
                f"{conflict.row_ids[0]} and {row_id} state the same fact differently ({', '.join(conflict.sources)}); "
                "keep both and explain with a note containing 'CONFLICT:' or an erratum",
                line=lines[(conflict.table, row_id)],
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
                line=lines[(conflict.table, row_id)],
                row_id=row_id,
                column="notes",
                expected="a note containing 'CONFLICT:' or an erratum",
                found="none",
            )
