"""Level 5, date support: a date marked 'stated' is stated, at the row's precision or
finer, in a supporting quote that carries the date. A derived date says how it was
derived (checked at level 1, E116)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from .. import dates
from ..datetext import Mention, mentions, states
from .facts import DATE, Fact, Facts
from .problems import Problem
from .registry import FACT_ROW, Code, check

# Reading the dates a text states is the costly step, and many rows (and many copies of a
# package in one process) share their date quotes: each distinct text is read once.
# Mentions are immutable, so sharing them is safe.
_read = lru_cache(maxsize=1 << 16)(mentions)


def as_edtf(m: Mention) -> str:
    """How a mention would be written in a date column."""
    y = m.start.year
    if m.precision == "century":
        return f"{str(y // 100).zfill(2)}XX"
    if m.precision == "decade":
        return f"{str(y // 10).zfill(3)}X"
    if m.precision == "year":
        return str(y)
    if m.precision == "season":
        return f"{y}-{ {3: 21, 6: 22, 9: 23, 12: 24}[m.start.month] }"
    if m.precision == "month":
        return f"{y}-{m.start.month:02d}"
    return m.start.isoformat()


def _ends(value: str) -> list[tuple[str, dates.DateRange]]:
    parts = value.split("/") if "/" in value else [value]
    return [(p, dates.parse(p)) for p in parts if p != ".."]


def check_date(
    fact: Fact, column: str, basis: str, read: Callable[[str], list[Mention]] = mentions
) -> Iterator[Problem]:
    value = fact.get(column)
    if not value or fact.get(basis) != "stated":
        return
    try:
        ends = _ends(value)
    except dates.EdtfError:
        return  # reported at level 1 (E114)
    quotes = fact.quotes(DATE)
    if not quotes and not any(c.relation == "supports" for c in fact.cites):
        return  # no supporting citation at all: E201 at level 2 says so
    if not quotes:
        yield fact.problem(
            "E502",
            column,
            f"{column} is marked stated but no supporting quote carries a date",
            "a citation with supports 'date' or 'both', or the basis 'derived' with a derivation",
            ", ".join(sorted({c.supports for c in fact.cites if c.relation == "supports"})),
        )
        return
    said = read(" | ".join(quotes))
    for part, rng in ends:
        if any(states(m, rng.start, rng.end, rng.precision) for m in said):
            continue
        found = ", ".join(dict.fromkeys(as_edtf(m) for m in said)) or "no date"
        yield fact.problem(
            "E501",
            column,
            f"{column} {part!r} is not stated in the quotes that carry the date",
            f"{part} ({rng.precision}) in a quote",
            found,
        )


@check(
    5,
    FACT_ROW,
    Code(
        "E501", "date-not-stated", "a date marked 'stated' is not stated, at its precision, in a quote that carries it"
    ),
    Code("E502", "no-date-quote", "a date marked 'stated' has no supporting quote that carries a date"),
)
def check_date_support(fact: Fact, facts: Facts) -> Iterator[Problem]:
    for role in fact.roles.dates:
        yield from check_date(fact, role.column, role.basis, _read)
