"""Level 6, arithmetic and coherence between rows: shares within 0-100, shares of one
whole not above 100, parts against their total, delivery not before the deal, and a
deal agreeing in time with the event that records it.

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

from .. import dates
from ..figures import parse_figure
from .facts import Fact, Facts
from .problems import Problem
from .registry import FACTS, Code, check

# Shares of one whole that add up across partners (trade) or suppliers and routes (energy).
ADDITIVE = {
    "trade_flows": {"share_of_exports", "share_of_imports", "share_of_trade", "fdi_share"},
    "energy_shares": {"share_of_imports", "share_of_consumption", "share_of_energy_imports", "share_of_generation"},
}
# Flows whose values add up: a part of the goods cannot exceed all goods.
AMOUNTS = {"export", "import", "turnover"}
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


def _sum_over(parts: Iterable[Fact], part: Callable[[Fact], object]) -> tuple[float, list[Fact]]:
    """The least the parts can add up to: the lowest reading of each distinct part (two
    sources for one part count once)."""
    lowest: dict[object, tuple[float, Fact]] = {}
    for fact in parts:
        rng = figure_range(fact)
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
    groups: dict[tuple[str, ...], list[Fact]] = defaultdict(list)
    for fact in facts.rows("trade_flows"):
        partner = fact.get("partner")
        if fact.get("flow") in ADDITIVE["trade_flows"] and facts.actor_kinds.get(partner) == "state":
            groups[
                ("trade_flows", fact.get("reporter"), fact.get("flow"), fact.get("commodity"), fact.get("period"))
            ].append(fact)
    for fact in facts.rows("energy_shares"):
        if fact.get("metric") not in ADDITIVE["energy_shares"]:
            continue
        supplier, route = fact.get("supplier"), fact.get("route")
        if supplier and not route and facts.actor_kinds.get(supplier) == "state":
            dimension = "supplier"
        elif route and not supplier:
            dimension = "route"
        else:
            continue
        key: tuple[str, ...] = (
            "energy_shares",
            fact.get("country"),
            fact.get("fuel"),
            fact.get("metric"),
            fact.get("period"),
            dimension,
        )
        groups[key].append(fact)
    for whole, parts in groups.items():
        if any(f.get("unit") != "percent" for f in parts):
            continue
        total, used = _sum_over(parts, lambda f: f.get("partner") or f.get("supplier") or f.get("route"))
        if len(used) > 1 and total > 100 + TOLERANCE_PP:
            last = max(used, key=lambda f: f.row_id)
            listed = " + ".join(f"{f.row_id} {f.get('value')}" for f in sorted(used, key=lambda f: f.row_id))
            yield last.problem(
                "E602",
                "value",
                f"shares of one whole ({', '.join(k for k in whole[1:] if k)}) add up to more than 100: {listed}",
                "a sum of at most 100",
                f"{total:g}",
            )


@check(
    6,
    FACTS,
    Code("E603", "parts-vs-total", "parts do not add up to their total, or a part exceeds it"),
)
def check_parts_and_totals(facts: Facts) -> Iterator[Problem]:
    by_key: dict[tuple[str, ...], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts.rows("trade_flows"):
        key = (fact.get("reporter"), fact.get("partner"), fact.get("period"), fact.get("unit"))
        by_key[(key[0], key[1], key[2], key[3], fact.get("commodity"))][fact.get("flow")].append(fact)
    for flows in by_key.values():
        for total in flows.get("turnover", []):
            t = figure_range(total)
            for export in flows.get("export", []):
                for imp in flows.get("import", []):
                    e, i = figure_range(export), figure_range(imp)
                    if t is None or e is None or i is None:
                        continue
                    lo, hi = e[0] + i[0], e[1] + i[1]
                    if hi < t[0] or lo > t[1]:
                        yield total.problem(
                            "E603",
                            "value",
                            f"exports {export.row_id} plus imports {imp.row_id} do not make the turnover",
                            f"{_span(lo, hi)} (exports + imports)",
                            f"{_span(*t)}",
                        )
    # a part of the goods cannot exceed all goods
    for whole, flows in by_key.items():
        if whole[-1] != "total":
            continue
        for flow, totals in flows.items():
            if flow not in AMOUNTS:
                continue  # a rank or a rate of one kind of goods may well exceed the total's
            for part_key, part_flows in by_key.items():
                if part_key[:-1] != whole[:-1] or part_key[-1] == "total":
                    continue
                for part in part_flows.get(flow, []):
                    for total in totals:
                        p, t = figure_range(part), figure_range(total)
                        if p is not None and t is not None and p[0] > t[1]:
                            yield part.problem(
                                "E603",
                                "value",
                                f"{part_key[-1]} alone is larger than all goods ({total.row_id})",
                                f"at most {_span(*t)}",
                                _span(*p),
                            )
    # what a pipeline carries in its parts cannot exceed its capacity
    capacity: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    carried: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts.rows("energy_shares"):
        route = fact.get("route")
        if not route:
            continue
        line = (route, fact.get("period"), fact.get("unit"))
        if fact.get("metric") == "pipeline_capacity":
            capacity[line].append(fact)
        elif fact.get("metric") in ("import_volume", "transit_volume"):
            carried[line].append(fact)
    for line, totals in capacity.items():
        parts = carried.get(line, [])
        lo, used = _sum_over(parts, lambda f: (f.get("country"), f.get("metric")))
        if len(used) < 2:
            continue
        for total in totals:
            t = figure_range(total)
            if t is not None and lo > t[1]:
                yield total.problem(
                    "E603",
                    "value",
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
    Code("E604", "delivery-before-deal", "a delivery is dated before the deal"),
    Code("E605", "deal-event-dates", "a deal and the event that records it do not agree in time"),
)
def check_deals(facts: Facts) -> Iterator[Problem]:
    events = {f.row_id: f for f in facts.rows("events")}
    for deal in facts.rows("arms_deals"):
        agreed, delivered = _range(deal.get("date")), _range(deal.get("delivery_date"))
        if (
            agreed is not None
            and delivered is not None
            and agreed.start is not None
            and delivered.end is not None
            and delivered.end < agreed.start
        ):
            yield deal.problem(
                "E604",
                "delivery_date",
                "delivery before the deal was agreed",
                f"on or after {deal.get('date')}",
                deal.get("delivery_date"),
            )
        event = events.get(deal.get("event_id"))
        if event is None:
            continue
        when = _range(event.get("date"))
        mine = [r for r in (agreed, delivered) if r is not None]
        if when is None or not mine:
            continue
        if not any(_overlap(when, r) for r in mine):
            yield deal.problem(
                "E605",
                "date",
                f"the deal and its event {event.row_id} do not agree in time",
                f"a date overlapping {event.get('date')}",
                " / ".join(x for x in (deal.get("date"), deal.get("delivery_date")) if x),
            )


def _overlap(a: dates.DateRange, b: dates.DateRange) -> bool:
    a0, a1 = a.start or date.min, a.end or date.max
    b0, b1 = b.start or date.min, b.end or date.max
    return a0 <= b1 and b0 <= a1
