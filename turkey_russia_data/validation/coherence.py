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
from bisect import bisect_left, bisect_right
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
from .registry import FACT_ROW, FACTS, Code, check

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
    FACT_ROW,
    Code("E601", "share-bounds", "a share lies outside 0-100 percent"),
)
def check_share_bounds(fact: Fact, facts: Facts) -> Iterator[Problem]:
    """A figure whose measure the schema declares a share (x-figures "shares") lies in 0-100 percent."""
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
    """Each total against each combination of one row per part measure. Rows of one
    measure that read as the same range are one class; a total is compared with the
    least and greatest sums first, and only the combinations that can miss it are
    listed (``_missing_sums``), so a group costs its rows plus the problems it reports."""
    column = figure.value
    for measures in _by(facts, table, figure, rule.within).values():
        totals = measures.get(rule.total, [])
        if not totals:
            continue
        # A combination with a part that has no range is skipped, as is a total without one.
        lists = [_ranged(measures.get(m, []), column) for m in rule.parts]
        if any(not rows for rows in lists):
            continue
        classes = [_classes(rows) for rows in lists]
        least_hi = sum(min(r[1] for r in c) for c in classes)
        most_lo = sum(max(r[0] for r in c) for c in classes)
        missed: dict[tuple[float, float], list[tuple[int, ...]]] = {}
        for total in totals:
            t = figure_range(total, column)
            if t is None:
                continue
            if least_hi >= t[0] + _slack(least_hi, t[0]) and most_lo <= t[1] - _slack(most_lo, t[1]):
                continue  # no combination can miss this total
            if t not in missed:
                missed[t] = _missing_sums(classes, t)
            for combo in missed[t]:
                parts = [lists[k][i] for k, i in enumerate(combo)]
                ranges = [p[1] for p in parts]
                lo = sum(r[0] for r in ranges)
                hi = sum(r[1] for r in ranges)
                named = " plus ".join(f"{m} {p[0].row_id}" for m, p in zip(rule.parts, parts, strict=True))
                yield total.problem(
                    "E603",
                    column,
                    f"{named} do not make the {rule.total}",
                    f"{_span(lo, hi)} ({' + '.join(rule.parts)})",
                    f"{_span(*t)}",
                )


Ranged = tuple[Fact, tuple[float, float]]


def _ranged(rows: list[Fact], column: str) -> list[Ranged]:
    out = []
    for fact in rows:
        rng = figure_range(fact, column)
        if rng is not None:
            out.append((fact, rng))
    return out


def _classes(rows: list[Ranged]) -> dict[tuple[float, float], list[int]]:
    """Positions of the rows by the range they read as, in row order."""
    out: dict[tuple[float, float], list[int]] = defaultdict(list)
    for i, (_, rng) in enumerate(rows):
        out[rng].append(i)
    return out


def _slack(*values: float) -> float:
    """Room for the rounding of sums taken in another order: pruning with it never drops a
    combination the exact test (in ``_sums``) would report."""
    finite = [abs(v) for v in values if math.isfinite(v)]
    return 1e-9 * (1.0 + max(finite, default=0.0))


def _missing_sums(classes: list[dict[tuple[float, float], list[int]]], t: tuple[float, float]) -> list[tuple[int, ...]]:
    """The combinations (a position in each part list) whose sum of ranges cannot meet
    ``t``, in the order of ``itertools.product`` over the lists.

    A depth-first walk over the distinct ranges of each part: a range is followed only
    if the sum can still fall below or rise above ``t`` with the most extreme ranges of
    the parts left, so every branch followed ends in at least one combination reported.
    The candidate ranges at each depth are a prefix of the ranges sorted by their high
    end and a suffix of those sorted by their low end (bisection)."""
    n = len(classes)
    by_hi = [sorted(c, key=lambda r: r[1]) for c in classes]
    by_lo = [sorted(c, key=lambda r: r[0]) for c in classes]
    his = [[r[1] for r in s] for s in by_hi]
    los = [[r[0] for r in s] for s in by_lo]
    # the least high end and the greatest low end the parts after depth d can add
    rest_hi = [0.0] * (n + 1)
    rest_lo = [0.0] * (n + 1)
    for d in range(n - 1, -1, -1):
        rest_hi[d] = rest_hi[d + 1] + his[d][0]
        rest_lo[d] = rest_lo[d + 1] + los[d][-1]
    found: list[tuple[tuple[float, float], ...]] = []

    def walk(d: int, chosen: tuple[tuple[float, float], ...], hi: float, lo: float) -> None:
        if d == n:
            if sum(r[1] for r in chosen) < t[0] or sum(r[0] for r in chosen) > t[1]:
                found.append(chosen)
            return
        # follow r when hi + r.hi + rest_hi[d+1] < t0, or lo + r.lo + rest_lo[d+1] > t1
        below = t[0] - hi - rest_hi[d + 1]
        above = t[1] - lo - rest_lo[d + 1]
        below += _slack(below, t[0], hi, rest_hi[d + 1])
        above -= _slack(above, t[1], lo, rest_lo[d + 1])
        candidates = set(by_hi[d][: bisect_left(his[d], below)])
        candidates.update(by_lo[d][bisect_right(los[d], above) :])
        for r in candidates:
            walk(d + 1, (*chosen, r), hi + r[1], lo + r[0])

    walk(0, (), 0.0, 0.0)
    combos = [combo for ranges in found for combo in product(*(c[r] for c, r in zip(classes, ranges, strict=True)))]
    combos.sort()
    return combos


def _subsets(facts: Facts, table: str, figure: FigureRole, subset: Subset) -> Iterator[Problem]:
    """A part of the goods cannot exceed all goods. Each part row is compared with the
    totals' ranges sorted by their high end: only the totals it exceeds are visited."""
    column = figure.value
    by_key = _by(facts, table, figure, (*subset.within, subset.column))
    # the part keys under each whole, in the order the old pairwise loop met them
    parts_of: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in by_key:
        if key[-1] != subset.all:
            parts_of[key[:-1]].append(key)
    for whole, measures in by_key.items():
        if whole[-1] != subset.all:
            continue
        for measure, totals in measures.items():
            if measure not in subset.measures:
                continue
            ranged = _ranged(totals, column)
            if not ranged:
                continue
            ends = sorted((rng[1], i) for i, (_, rng) in enumerate(ranged))
            for part_key in parts_of.get(whole[:-1], []):
                for part in by_key[part_key].get(measure, []):
                    p = figure_range(part, column)
                    if p is None or p[0] <= ends[0][0]:
                        continue
                    exceeded = sorted(i for _, i in ends[: bisect_left(ends, (p[0], -1))])
                    for i in exceeded:
                        total, t = ranged[i]
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
    FACT_ROW,
    Code("E604", "delivery-before-deal", "a date lies before the date it may not precede (a delivery before the deal)"),
    Code(
        "E605",
        "deal-event-dates",
        "a row and the row it refers to that records it do not agree in time (a deal and its event)",
    ),
)
def check_deals(fact: Fact, facts: Facts) -> Iterator[Problem]:
    """The schema's date order (x-dates "notBefore") and rows that must agree in time
    with the rows they refer to (x-agrees-in-time)."""
    roles = fact.roles
    for role in roles.dates:
        yield from _not_before(fact, role)
    mine = [r for r in (_range(fact.get(d.column)) for d in roles.dates) if r is not None]
    for column in roles.agrees_in_time:
        target = facts.references.get(fact.table, {}).get(column, "")
        if not mine or not facts.roles.get(target, Roles()).dates:
            continue
        other = facts.by_id(target).get(fact.get(column))
        if other is None:
            continue
        first = facts.roles[target].dates[0].column
        when = _range(other.get(first))
        if when is not None and not any(_overlap(when, r) for r in mine):
            yield fact.problem(
                "E605",
                roles.dates[0].column,
                f"the row and the {target} row {fact.get(column)} that records it do not agree in time",
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
