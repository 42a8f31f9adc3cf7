"""Level 4, which figure: of several figures in one quote, a row takes the one of its time.

Two structures of a sentence tie a figure to a time:

- a year after the figure: "from $240 billion in 2002 to $761 billion in 2019". A row
  that prints "$761 billion" must be dated within 2019.
- a change "from A to B" with no years: "jumping from 10.7 to 19.3 million tons". Among
  the rows of one table that cite the quote and take A or B, when their dates differ,
  the earliest must take A and the latest B.

The row's time is its first date column (``x-dates``); its printed figure is each
``x-figures`` asStated cell. Only quotes that carry the row's value are read, and a row
whose erratum names the figure or the date is left alone (its print is known to differ).
Rows are grouped by quote in one pass: linear in rows and citations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..reading import Table
from ..textnorm import normalise
from .facts import corrected_column, errata_of, roles_of
from .problems import Problem
from .registry import TABLES, Code, check
from .signatures import distinct_rows

# A year right after a figure: "$761 billion in 2019", "52% in 2017".
_YEAR_AFTER = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:in|as of)\s+((?:1[89]|2\d)\d\d)\b(?!\s*-|/)")
# A change between two bare figures: "from 10.7 to 19.3 million tons".
_FROM_TO = re.compile(r"\bfrom (?P<a>\d[\d.,]*) to (?P<b>\d[\d.,]*)")
_YEARS = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@lru_cache(maxsize=1 << 14)
def years(cell: str) -> tuple[int, int] | None:
    """The first and last year an EDTF date or interval covers ("2022/2024", "2008/..")."""
    found = [int(y) for y in _YEARS.findall(cell)]
    if not found:
        return None
    low, high = min(found), max(found)
    if cell.endswith("/.."):
        high = 9999
    if cell.startswith("../"):
        low = 0
    return low, high


@lru_cache(maxsize=1 << 16)
def year_after(quote: str, printed: str) -> tuple[int, ...]:
    """Cached: rows that share a quote and a printed figure share the reading."""
    return tuple(_year_after(quote, printed))


def _year_after(quote: str, printed: str) -> list[int]:
    """The years each occurrence of the printed figure is tied to (none when an
    occurrence has no year right after it: then the quote does not decide)."""
    out = []
    start = quote.find(printed)
    while start >= 0:
        m = _YEAR_AFTER.match(quote, start + len(printed))
        if m is None:
            return []
        out.append(int(m.group(1)))
        start = quote.find(printed, start + 1)
    return out


@dataclass(frozen=True)
class _Taker:
    line: int
    row_id: str
    column: str
    period: tuple[int, int]
    printed: str
    side: str  # "a" or "b"


@check(
    4,
    TABLES,
    Code(
        "E408",
        "figure-of-another-time",
        "the row takes a figure its quote ties to another year, or the other end of a 'from A to B'",
    ),
)
def check_which_figure(tables: dict[str, Table]) -> Iterator[Problem]:
    for name, table in tables.items():
        roles = roles_of(table)
        if not roles.figures or not roles.dates or len(table.spec.primary_key) != 1:
            continue
        when = roles.dates[0].column
        columns = [when, *(c for f in roles.figures for c in (f.value, f.as_stated))]
        ids = table.key_column()
        corrected = errata_of(tables, name)
        named = corrected_column(ids, corrected) if ids is not None and corrected else None
        rows = distinct_rows(table, columns, tables.get("citations"), named)
        if rows is None:
            continue
        tied_to: dict[int, list[tuple[str, str, tuple[int, ...]]]] = {}  # group -> (column, printed, years)
        taking: dict[int, list[tuple[str, str, str, int, str]]] = {}  # group -> (column, printed, quote, at, side)
        for group, (cells, quotes, fixed_in) in enumerate(zip(rows.cells, rows.quotes, rows.extra, strict=True)):
            # an erratum excuses only the cells it names: the date, or one figure's columns
            fixed = frozenset(fixed_in.split(",")) if fixed_in else frozenset()
            period = years(cells.get(when, ""))
            if period is None or when in fixed:
                continue
            for figure in roles.figures:
                printed = normalise(cells.get(figure.as_stated, ""))
                if not printed or {figure.value, figure.as_stated} & fixed:
                    continue
                for quote in (normalise(q) for q in quotes):
                    tied = year_after(quote, printed)
                    if tied and not any(period[0] <= y <= period[1] for y in tied):
                        tied_to.setdefault(group, []).append((figure.as_stated, printed, tied))
                        break
                    at = quote.find(printed)
                    for m in _FROM_TO.finditer(quote):
                        side = "a" if at == m.start("a") else "b" if at == m.start("b") else ""
                        if side:
                            taking.setdefault(group, []).append((figure.as_stated, printed, quote, m.start(), side))
        pairs: dict[tuple[str, int], list[_Taker]] = defaultdict(list)
        for group, line, row_id in rows.rows(set(tied_to) | set(taking)):
            cells = rows.cells[group]
            for column, printed, tied in tied_to.get(group, ()):
                yield Problem(
                    "E408",
                    table.file,
                    f"the quote ties {printed!r} to {tied[0]}, outside the row's {when} "
                    f"{cells.get(when)}; take the figure of that time",
                    line=line,
                    row_id=row_id,
                    column=column,
                    expected=f"the figure the quote gives for {cells.get(when)}",
                    found=f"{printed} ({tied[0]})",
                )
            period = years(cells.get(when, ""))
            assert period is not None
            for column, printed, quote, start, side in taking.get(group, ()):
                pairs[(quote, start)].append(_Taker(line, row_id, column, period, printed, side))
        yield from _pair_problems(table, when, pairs)


def _pair_problems(table: Table, when: str, pairs: dict[tuple[str, int], list[_Taker]]) -> Iterator[Problem]:
    found: list[Problem] = []
    for (quote, start), takers in pairs.items():
        if len({t.period for t in takers}) < 2:
            continue
        m = _FROM_TO.match(quote, start)
        assert m is not None
        first = min(t.period for t in takers)
        last = max(t.period for t in takers)
        for t in takers:
            wanted = "a" if t.period == first else "b" if t.period == last else t.side
            if t.side != wanted:
                found.append(
                    Problem(
                        "E408",
                        table.file,
                        f"the quote goes from {m.group('a')} to {m.group('b')}; the row is the "
                        f"{'earlier' if wanted == 'a' else 'later'} of the rows that cite it",
                        line=t.line,
                        row_id=t.row_id,
                        column=t.column,
                        expected=m.group(wanted),
                        found=t.printed,
                    )
                )
    yield from sorted(found, key=lambda p: p.line or 0)
