"""Levels 6 and 8 compare rows within their group through aggregates (least and
greatest sums, ranges sorted by their ends, classes of identical statements) instead of
every pair or every combination. The pairwise loops they replace are kept here as the
reference: on generated groups both must report the same problems and conflicts, in the
same order.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from itertools import product
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from turkey_russia_data.roles import FigureRole, Roles, Subset, Sum, parse_roles
from turkey_russia_data.validation import coherence, source_conflicts
from turkey_russia_data.validation.coherence import _by, _span, figure_range
from turkey_russia_data.validation.facts import Fact, Facts
from turkey_russia_data.validation.problems import Problem
from turkey_russia_data.validation.source_conflicts import Conflict, _disagree, _sources, explanation

ROOT = Path(__file__).resolve().parent.parent
TABLE = "trade_flows"
ROLES, _ = parse_roles(json.loads((ROOT / "schemas" / f"{TABLE}.json").read_text("utf-8")))


# The reference: the loops over every combination and every pair, as they were.


def naive_sums(facts: Facts, table: str, figure: FigureRole, rule: Sum) -> Iterator[Problem]:
    column = figure.value
    for measures in _by(facts, table, figure, rule.within).values():
        for total in measures.get(rule.total, []):
            t = figure_range(total, column)
            for parts in product(*(measures.get(m, []) for m in rule.parts)):
                ranges = [figure_range(p, column) for p in parts]
                if t is None or any(r is None for r in ranges):
                    continue
                lo = sum(r[0] for r in ranges if r is not None)
                hi = sum(r[1] for r in ranges if r is not None)
                if hi < t[0] or lo > t[1]:
                    named = " plus ".join(f"{m} {p.row_id}" for m, p in zip(rule.parts, parts, strict=True))
                    yield total.problem(
                        "E603",
                        column,
                        f"{named} do not make the {rule.total}",
                        f"{_span(lo, hi)} ({' + '.join(rule.parts)})",
                        f"{_span(*t)}",
                    )


def naive_subsets(facts: Facts, table: str, figure: FigureRole, subset: Subset) -> Iterator[Problem]:
    column = figure.value
    by_key = _by(facts, table, figure, (*subset.within, subset.column))
    for whole, measures in by_key.items():
        if whole[-1] != subset.all:
            continue
        for measure, totals in measures.items():
            if measure not in subset.measures:
                continue
            for part_key, part_measures in by_key.items():
                if part_key[:-1] != whole[:-1] or part_key[-1] == subset.all:
                    continue
                for part in part_measures.get(measure, []):
                    for total in totals:
                        p, t = figure_range(part, column), figure_range(total, column)
                        if p is not None and t is not None and p[0] > t[1]:
                            yield part.problem(
                                "E603",
                                column,
                                f"{part_key[-1]} alone is larger than all goods ({total.row_id})",
                                f"at most {_span(*t)}",
                                _span(*p),
                            )


def naive_disagreements(facts: Facts) -> list[Conflict]:
    found: list[Conflict] = []
    for table, roles in facts.roles.items():
        groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
        for fact in facts.rows(table):
            groups[tuple(fact.get(c) for c in roles.fact_key)].append(fact)
        for rows in groups.values():
            for i, a in enumerate(rows):
                for b in rows[i + 1 :]:
                    for column in roles.compared:
                        if _disagree(a, b, column):
                            why = explanation(a, column) or explanation(b, column)
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
    return found


# Generated groups: few distinct keys so that groups are large, few distinct figures so
# that identical statements repeat, every qualifier (open ranges included), and cells
# that give no range at all.

VALUES = ["", "x", "0", "5", "5", "10", "10", "10.5", "15", "20", "28.9", "100", "-3"]
QUALIFIERS = ["exact", "exact", "", "approximately", "nearly", "more_than", "at_least", "less_than", "up_to"]
AS_STATED = ["", "", "10", "$28.9 billion", "about 15", "20.25", "5"]


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    return {
        "reporter": draw(st.sampled_from(["TUR", "RUS"])),
        "partner": "RUS",
        "flow": draw(st.sampled_from(["turnover", "export", "import", "export", "import"])),
        "commodity": draw(st.sampled_from(["total", "total", "gas", "wheat"])),
        "unit": "USD",
        "period": draw(st.sampled_from(["2021", "2022"])),
        "value": draw(st.sampled_from(VALUES)),
        "qualifier": draw(st.sampled_from(QUALIFIERS)),
        "value_as_stated": draw(st.sampled_from(AS_STATED)),
        "notes": draw(st.sampled_from(["", "", "", "CONFLICT: two sources"])),
        "erratum": "",
    }


def package(cells: list[dict[str, str]], roles: Roles = ROLES) -> Facts:
    facts = [
        Fact(TABLE, "tables/trade_flows.csv", i + 2, f"TF{i:04d}", {"flow_id": f"TF{i:04d}", **c}, (), roles)
        for i, c in enumerate(cells)
    ]
    return Facts(by_table={TABLE: facts}, files={TABLE: "tables/trade_flows.csv"}, roles={TABLE: roles})


def both(cells: list[dict[str, str]], roles: Roles) -> tuple[list[Problem], list[Problem], list[Conflict]]:
    facts = package(cells, roles)
    figure = roles.figure("value")
    assert figure is not None
    new = list(coherence.check_parts_and_totals(facts))
    old = [p for rule in roles.sums for p in naive_sums(facts, TABLE, figure, rule)]
    old += [p for subset in roles.subsets for p in naive_subsets(facts, TABLE, figure, subset)]
    return new, old, naive_disagreements(facts)


def test_the_generated_roles_are_the_shipped_ones() -> None:
    # The reference covers what the schema declares: sums and subsets, no capacities.
    assert ROLES.sums and ROLES.subsets and not ROLES.capacities
    assert ROLES.fact_key and ROLES.compared == ("value",)


@settings(max_examples=300, deadline=None)
@given(st.lists(rows(), max_size=40))
def test_parts_totals_and_conflicts_match_the_pairwise_reference(cells: list[dict[str, str]]) -> None:
    new, old, disagreements = both(cells, ROLES)
    assert new == old
    found = [c for c in source_conflicts.find_conflicts(package(cells)) if c.kind == "disagreement"]
    assert found == disagreements


# Three parts (one measure twice) and a compared text column: deeper combinations and
# the classes of plain cells.
THREE = replace(
    ROLES,
    sums=tuple(replace(s, parts=(*s.parts, "export")) for s in ROLES.sums),
    compared=("value", "notes"),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(rows(), max_size=25))
def test_three_part_sums_and_text_columns_match_the_reference(cells: list[dict[str, str]]) -> None:
    new, old, disagreements = both(cells, THREE)
    assert new == old
    found = [c for c in source_conflicts.find_conflicts(package(cells, THREE)) if c.kind == "disagreement"]
    assert found == disagreements


def test_a_large_group_of_identical_statements_is_cheap() -> None:
    # 3,000 copies of one consistent trade block: the pairwise loops took 4.5M pairs and
    # 27 billion combinations; grouped, a few figure readings per row.
    block = [
        {"flow": "turnover", "value": "30", "value_as_stated": ""},
        {"flow": "export", "value": "10", "value_as_stated": ""},
        {"flow": "import", "value": "20", "value_as_stated": ""},
    ]
    base = {"reporter": "TUR", "partner": "RUS", "commodity": "total", "unit": "USD", "period": "2021"}
    cells = [{**base, "qualifier": "exact", "notes": "", "erratum": "", **b} for _ in range(3000) for b in block]
    calls = 0
    original = coherence.figure_range

    def counted(fact: Fact, column: str = "value") -> tuple[float, float] | None:
        nonlocal calls
        calls += 1
        return original(fact, column)

    coherence.figure_range = counted
    source_conflicts.figure_range = counted
    try:
        facts = package(cells)
        assert list(coherence.check_parts_and_totals(facts)) == []
        assert [c for c in source_conflicts.find_conflicts(facts) if c.kind == "disagreement"] == []
    finally:
        coherence.figure_range = original
        source_conflicts.figure_range = original
    assert calls <= 5 * len(cells)
