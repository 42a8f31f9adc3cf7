"""Level 7, plausibility: magnitudes within bounds for their unit and metric, and no
fact dated after every source that states it was published. Such a row is a misprint
or a scale slip ("3067 billion dollars" of defence turnover) unless the row records an
erratum, which says the curator has looked and explains the value kept.

The bounds are deliberately wide: they catch errors of orders of magnitude, not
surprising facts.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import dates
from .facts import DATE_COLUMNS, FIGURES, Fact, Facts
from .problems import Problem

Bound = tuple[float, float]

# (table, flow or metric, unit) -> bounds; "*" matches any flow or metric.
BOUNDS: dict[tuple[str, str, str], Bound] = {
    ("trade_flows", "export", "USD"): (1e5, 3e12),
    ("trade_flows", "import", "USD"): (1e5, 3e12),
    ("trade_flows", "turnover", "USD"): (1e5, 3e12),
    ("trade_flows", "target_turnover", "USD"): (1e5, 3e12),
    ("trade_flows", "industry_turnover", "USD"): (1e6, 1e12),
    ("trade_flows", "investment", "USD"): (1e5, 1e13),
    ("trade_flows", "gdp", "USD"): (1e9, 5e13),
    ("trade_flows", "gdp_per_capita", "USD"): (100, 3e5),
    ("trade_flows", "growth_rate", "percent"): (-100, 10_000),
    ("trade_flows", "tourist_arrivals", "persons"): (1, 1e9),
    ("energy_shares", "import_growth", "ratio"): (0, 1000),
    ("energy_shares", "*", "USD"): (1e5, 1e13),
    ("energy_shares", "*", "tonnes"): (1, 1e10),
    ("energy_shares", "*", "cubic_metres_per_year"): (1e6, 1e12),
    ("energy_shares", "*", "cubic_metres"): (1e6, 1e15),
    ("arms_deals", "value", "*"): (1e5, 1e12),
    ("arms_deals", "quantity", "*"): (0, 100_000),
    ("events", "fatalities", "*"): (0, 1e8),
}
# Whatever the metric, a unit has bounds of its own.
UNIT_BOUNDS: dict[str, Bound] = {
    "USD": (1, 1e14),
    "EUR": (1, 1e14),
    "percent": (-100, 10_000),
    "tonnes": (1, 1e11),
    "cubic_metres": (1, 1e15),
    "cubic_metres_per_year": (1, 1e13),
    "km": (0, 50_000),
    "count": (0, 1e9),
    "persons": (0, 1e10),
    "ratio": (0, 1000),
    "rank": (1, 300),
}
# Rows that look ahead may be dated after their source.
FORWARD = {"target_turnover", "target_share"}


def bounds_for(table: str, kind: str, unit: str) -> Bound | None:
    """The first of: this table, kind and unit; this kind in any unit; any kind in this
    unit; the unit's own bounds."""
    for key in ((table, kind, unit), (table, kind, "*"), (table, "*", unit)):
        if key in BOUNDS:
            return BOUNDS[key]
    return UNIT_BOUNDS.get(unit)


def _magnitudes(fact: Fact) -> Iterator[tuple[str, float, str, Bound | None]]:
    """(column, value, unit, bounds) for every figure of the row. A trade or energy
    figure is bounded by what it measures, the others by their column."""
    for cols in FIGURES.get(fact.table, ()):
        value = fact.number(cols.value)
        if value is None:
            continue
        unit = fact.get(cols.unit) if cols.unit else ""
        kind = fact.kind if fact.table in ("trade_flows", "energy_shares") else cols.value
        yield cols.value, value, unit, bounds_for(fact.table, kind, unit or "*")


def check_magnitudes(facts: Facts) -> Iterator[Problem]:
    for rows in facts.by_table.values():
        for fact in rows:
            if fact.get("erratum"):
                continue
            for column, value, unit, bound in _magnitudes(fact):
                if bound is None:
                    continue
                lo, hi = bound
                if not lo <= value <= hi:
                    yield fact.problem(
                        "E701",
                        column,
                        f"implausible magnitude for {column}"
                        + (f" in {unit}" if unit else "")
                        + "; a misprint or a scale slip? If the source prints it, record an erratum",
                        f"{lo:g} to {hi:g}",
                        f"{value:g}",
                    )
                elif unit == "rank" and value != int(value):
                    yield fact.problem("E701", column, "a rank is a whole number", "an integer", f"{value:g}")


def _latest_publication(fact: Fact, published: dict[str, str]) -> dates.DateRange | None:
    latest = None
    for cite in fact.cites:
        text = published.get(cite.source_id, "")
        if cite.relation != "supports" or not text:
            continue
        try:
            rng = dates.parse(text)
        except dates.EdtfError:
            continue
        if rng.end is not None and (latest is None or latest.end is None or rng.end > latest.end):
            latest = rng
    return latest


def check_dates_after_sources(facts: Facts) -> Iterator[Problem]:
    for table, rows in facts.by_table.items():
        column = DATE_COLUMNS[table][0][0]  # when it happened; a delivery may lie ahead
        for fact in rows:
            text = fact.get(column)
            if not text or fact.get("erratum") or fact.get("flow") in FORWARD or fact.get("metric") in FORWARD:
                continue
            try:
                rng = dates.parse(text)
            except dates.EdtfError:
                continue
            latest = _latest_publication(fact, facts.published)
            if latest is None or latest.end is None or rng.start is None:
                continue
            if rng.start > latest.end:
                yield fact.problem(
                    "E702",
                    column,
                    "dated after every source that states it was published",
                    f"on or before {latest.end.isoformat()}",
                    text,
                )


def check_plausibility(facts: Facts) -> Iterator[Problem]:
    yield from check_magnitudes(facts)
    yield from check_dates_after_sources(facts)
