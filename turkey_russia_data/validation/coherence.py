"""Level 6, arithmetic and coherence between rows: shares within 0-100, shares of one
whole not above 100, parts against their total, a date not before the one it follows
(delivery and deal), and a row agreeing in time with the row that records it (a deal
and its event). What adds up to what is the schema's to say (docs/roles.md).

Figures are compared as ranges: an exact figure stands for what rounds to it ("$28.9
billion" is 28.85-28.95 billion), "more than 34" for 34 and up, "almost 70" for 63-70,
"approximately 80" for 72-88. Two figures disagree only when their ranges cannot meet.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import partial
from itertools import product

from .. import dates
from ..figures import parse_figure
from ..roles import Capacity, DateRole, FigureRole, Roles, Subset, Sum
from .facts import Fact, Facts
from .problems import Problem
from .registry import FACTS, Code, check

TOLERANCE_PP = 0.5  # percentage points of rounding allowed when shares are added

_DIGITS = re.compile(r"[0-9][0-9,]*(?:\.([0-9]+))?")


def value_range(value: float, qualifier: str, printed: str) -> tuple[float, float]:
    """The values a figure admits given its qualifier and the digits printed."""
    step = 0.01 * abs(value)
    figure = parse_figure(printed) if printed else None
    m = _DIGITS.search(printed or "")
    if figure is not None and figure.printed and m is not None:
        # half a unit of the last printed digit, at the scale the row's value is in:
        # "$28.9 billion" -> 0.05 billion
        decimals = len(m.group(1) or "")
        step = 0.5 * 10.0**-decimals * abs(value / figure.printed)
    low, high = sorted((value * 0.9, value))
    if qualifier in ("more_than", "at_least"):
        return value, math.inf
    if qualifier in ("less_than", "up_to"):
        return -math.inf, value
    if qualifier == "nearly":
        return low, high
    if qualifier == "approximately":
        return tuple(sorted((value * 0.9, value * 1.1)))  # type: ignore[return-value]
    return value - step, value + step


def figure_range(fact: Fact, column: str = "value") -> tuple[float, float] | None:
    cols = fact.figure(column)
    value = fact.number(column)
    if cols is None or value is None:
        return None
    return value_range(value, fact.get(cols.qualifier) or "exact", fact.get(cols.as_stated))


@check(
    6,
    FACTS,
    Code("E601", "share-bounds", "a share lies outside 0-100 percent"),
)
def check_share_bounds(facts: Facts) -> Iterator[Problem]:
    """A figure whose measure the schema declares a share (x-figures "shares") lies in 0-100 percent."""
    for rows in facts.by_table.values():
        for fact in rows:
            for figure in fact.roles.figures:
                value = fact.number(figure.value)
                if (
                    value is not None
                    and not 0 <= value <= 100
                    and fact.unit(figure) == "percent"
                    and fact.measure(figure) in figure.shares
                ):
                    yield fact.problem(
                        "E601", figure.value, "a share outside 0-100 percent", "0 to 100", fact.get(figure.value)
                    )


def _sum_over(parts: Iterable[Fact], part: Callable[[Fact], object], column: str) -> tuple[float, list[Fact]]:
    """The least the parts can add up to: the lowest reading of each distinct part (two
    sources for one part count once)."""
    lowest: dict[object, tuple[float, Fact]] = {}
    for fact in parts:
        rng = figure_range(fact, column)
        if rng is None:
            continue
        key = part(fact)
        if key not in lowest or rng[0] < lowest[key][0]:
            lowest[key] = (max(rng[0], 0.0), fact)
    return sum(v for v, _ in lowest.values()), [f for _, f in lowest.values()]


@check(
    6,
    FACTS,
    Code("E602", "shares-over-100", "shares of one whole add up to more than 100 percent"),
)
def check_shares_of_one_whole(facts: Facts) -> Iterator[Problem]:
    """The schema's x-wholes: shares of one whole, one row per part, add up to at most 100."""
    for table, roles in facts.roles.items():
        for whole in roles.wholes:
            figure = roles.figure(whole.figure)
            if figure is None:
                continue
            groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
            for fact in facts.rows(table):
                part = fact.get(whole.part)
                if (
                    fact.measure(figure) in whole.measures
                    and part
                    and not any(fact.get(c) for c in whole.without)
                    and (whole.part_kind is None or facts.actor_kinds.get(part) == whole.part_kind)
                ):
                    groups[tuple(fact.get(c) for c in whole.whole)].append(fact)
            for key, parts in groups.items():
                if any(f.unit(figure) != "percent" for f in parts):
                    continue
                total, used = _sum_over(parts, partial(Fact.get, column=whole.part), figure.value)
                if len(used) > 1 and total > 100 + TOLERANCE_PP:
                    last = max(used, key=lambda f: f.row_id)
                    listed = " + ".join(
                        f"{f.row_id} {f.get(figure.value)}" for f in sorted(used, key=lambda f: f.row_id)
                    )
                    named = ", ".join(k for k in (*key, whole.part) if k)
                    yield last.problem(
                        "E602",
                        figure.value,
                        f"shares of one whole ({named}) add up to more than 100: {listed}",
                        "a sum of at most 100",
                        f"{total:g}",
                    )


def _by(
    facts: Facts, table: str, figure: FigureRole, within: tuple[str, ...]
) -> dict[tuple[str, ...], dict[str, list[Fact]]]:
    """The rows of a table by their ``within`` cells, then by what they measure."""
    out: dict[tuple[str, ...], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts.rows(table):
        out[tuple(fact.get(c) for c in within)][fact.measure(figure)].append(fact)
    return out


@check(6, FACTS, Code("E603", "parts-vs-total", "parts do not add up to their total, or a part exceeds it"))
def check_parts_and_totals(facts: Facts) -> Iterator[Problem]:
    """The schema's x-sums, x-subsets and x-capacities."""
    for table, roles in facts.roles.items():
        for rule in roles.sums:
            figure = roles.figure(rule.figure)
            if figure is not None:
                yield from _sums(facts, table, figure, rule)
        for subset in roles.subsets:
            figure = roles.figure(subset.figure)
            if figure is not None:
                yield from _subsets(facts, table, figure, subset)
        for capacity in roles.capacities:
            figure = roles.figure(capacity.figure)
            if figure is not None:
                yield from _capacities(facts, table, figure, capacity)


def _sums(facts: Facts, table: str, figure: FigureRole, rule: Sum) -> Iterator[Problem]:
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


def _subsets(facts: Facts, table: str, figure: FigureRole, subset: Subset) -> Iterator[Problem]:
    """A part of the goods cannot exceed all goods."""
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


def _capacities(facts: Facts, table: str, figure: FigureRole, capacity: Capacity) -> Iterator[Problem]:
    """What a line carries in its parts cannot exceed its capacity."""
    column = figure.value
    totals: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    carried: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for fact in facts.rows(table):
        line = tuple(fact.get(c) for c in capacity.within)
        if not line[0]:
            continue
        if fact.measure(figure) == capacity.total:
            totals[line].append(fact)
        elif fact.measure(figure) in capacity.parts:
            carried[line].append(fact)
    for line, rows in totals.items():
        parts = carried.get(line, [])
        lo, used = _sum_over(parts, lambda f: tuple(f.get(c) for c in capacity.part), column)
        if len(used) < 2:
            continue
        for total in rows:
            t = figure_range(total, column)
            if t is not None and lo > t[1]:
                yield total.problem(
                    "E603",
                    column,
                    f"the volumes carried by {line[0]} ({', '.join(p.row_id for p in parts)}) exceed its capacity",
                    f"at least {_span(lo, lo)}",
                    _span(*t),
                )


def _span(lo: float, hi: float) -> str:
    if lo == hi:
        return f"{lo:.6g}"
    if math.isinf(hi):
        return f">= {lo:.6g}"
    if math.isinf(lo):
        return f"<= {hi:.6g}"
    return f"{lo:.6g}-{hi:.6g}"


def _range(text: str) -> dates.DateRange | None:
    if not text:
        return None
    try:
        return dates.parse(text)
    except dates.EdtfError:
        return None


@check(
    6,
    FACTS,
    Code("E604", "delivery-before-deal", "a date lies before the date it may not precede (a delivery before the deal)"),
    Code(
        "E605",
        "deal-event-dates",
        "a row and the row it refers to that records it do not agree in time (a deal and its event)",
    ),
)
def check_deals(facts: Facts) -> Iterator[Problem]:
    """The schema's date order (x-dates "notBefore") and rows that must agree in time
    with the rows they refer to (x-agrees-in-time)."""
    for table, roles in facts.roles.items():
        links = [(c, facts.references.get(table, {}).get(c, "")) for c in roles.agrees_in_time]
        targets = {t: {f.row_id: f for f in facts.rows(t)} for _, t in links if facts.roles.get(t, Roles()).dates}
        for fact in facts.rows(table):
            for role in roles.dates:
                yield from _not_before(fact, role)
            mine = [r for r in (_range(fact.get(d.column)) for d in roles.dates) if r is not None]
            for column, target in links:
                other = targets.get(target, {}).get(fact.get(column))
                if other is None or not mine:
                    continue
                first = facts.roles[target].dates[0].column
                when = _range(other.get(first))
                if when is not None and not any(_overlap(when, r) for r in mine):
                    yield fact.problem(
                        "E605",
                        roles.dates[0].column,
                        f"the row and the {target} row {other.row_id} that records it do not agree in time",
                        f"a date overlapping {other.get(first)}",
                        " / ".join(x for x in (fact.get(d.column) for d in roles.dates) if x),
                    )


def _not_before(fact: Fact, role: DateRole) -> Iterator[Problem]:
    if role.not_before is None:
        return
    earlier, later = _range(fact.get(role.not_before)), _range(fact.get(role.column))
    if (
        earlier is not None
        and later is not None
        and earlier.start is not None
        and later.end is not None
        and later.end < earlier.start
    ):
        yield fact.problem(
            "E604",
            role.column,
            f"{role.column} before {role.not_before}",
            f"on or after {fact.get(role.not_before)}",
            fact.get(role.column),
        )


def _overlap(a: dates.DateRange, b: dates.DateRange) -> bool:
    a0, a1 = a.start or date.min, a.end or date.max
    b0, b1 = b.start or date.min, b.end or date.max
    return a0 <= b1 and b0 <= a1
