"""Level 7, plausibility: magnitudes within bounds for their unit and metric, and no
fact dated after every source that states it was published. Such a row is a misprint
or a scale slip ("3067 billion dollars" of defence turnover) unless an erratum names the
column (the value, or the date), which says the curator has looked and explains the
value kept. An erratum on another column of the row excuses nothing here.

The bounds are deliberately wide: they catch errors of orders of magnitude, not
surprising facts.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import dates
from .facts import Fact, Facts
from .problems import Problem
from .registry import FACT_ROW, Code, check

Bound = tuple[float, float]

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
# Measures that look ahead: a row stating one may be dated after its source.
FORWARD = {"target_turnover", "target_share"}


def bounds_for(fact: Fact, measure: str, unit: str) -> Bound | None:
    """The first of the table's declared bounds (x-bounds) for this measure and unit,
    this measure in any unit, any measure in this unit; else the unit's own bounds."""
    return fact.roles.bound(measure, unit) or UNIT_BOUNDS.get(unit)


def _magnitudes(fact: Fact) -> Iterator[tuple[str, float, str, Bound | None]]:
    """(column, value, unit, bounds) for every figure of the row, bounded by what it
    measures (a figure with no measure column by its column's name)."""
    for cols in fact.roles.figures:
        value = fact.number(cols.value)
        if value is None:
            continue
        unit = fact.unit(cols)
        yield cols.value, value, unit, bounds_for(fact, fact.measure(cols), unit or "*")


def _looks_ahead(fact: Fact) -> bool:
    return any(f.measure and fact.get(f.measure) in FORWARD for f in fact.roles.figures)


@check(
    7,
    FACT_ROW,
    Code(
        "E701",
        "implausible-magnitude",
        "a value outside the plausible bounds for its unit and metric, with no erratum on it",
    ),
)
def check_magnitudes(fact: Fact, facts: Facts) -> Iterator[Problem]:
    for column, value, unit, bound in _magnitudes(fact):
        if bound is None or fact.corrects(column):
            continue
        lo, hi = bound
        if not lo <= value <= hi:
            yield fact.problem(
                "E701",
                column,
                f"implausible magnitude for {column}"
                + (f" in {unit}" if unit else "")
                + f"; a misprint or a scale slip? If the source prints it, record an erratum on {column}",
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


@check(
    7,
    FACT_ROW,
    Code("E702", "after-publication", "a fact dated after every source that states it was published"),
)
def check_dates_after_sources(fact: Fact, facts: Facts) -> Iterator[Problem]:
    if not fact.roles.dates:
        return  # no date roles declared: the level summary says so
    column = fact.roles.dates[0].column  # when it happened; a delivery may lie ahead
    text = fact.get(column)
    if not text or fact.corrects(column) or _looks_ahead(fact):
        return
    try:
        rng = dates.parse(text)
    except dates.EdtfError:
        return
    latest = _latest_publication(fact, facts.published)
    if latest is None or latest.end is None or rng.start is None:
        return
    if rng.start > latest.end:
        yield fact.problem(
            "E702",
            column,
            "dated after every source that states it was published",
            f"on or before {latest.end.isoformat()}",
            text,
        )
