"""EDTF (level 0-1 subset) dates: parse a date as the source states it into the range
of days it covers, without pretending to more precision than it has."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

_PART = re.compile(
    r"^(?P<year>[0-9]{2}[0-9X]{2})"
    r"(?:-(?P<month>0[1-9]|1[0-2]|2[1-4])(?:-(?P<day>0[1-9]|[12][0-9]|3[01]))?)?"
    r"(?P<qual>[~?%])?$"
)

# Coarse to fine; an interval takes the coarser precision of its two ends.
PRECISIONS = ("century", "decade", "year", "season", "month", "day")

# EDTF seasons 21-24 (northern hemisphere): first and last month.
_SEASONS = {21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 14)}


class EdtfError(ValueError):
    """A string that is not a date in the supported EDTF subset."""


@dataclass(frozen=True)
class DateRange:
    """The days an EDTF value covers. None marks an open end ("..")."""

    start: date | None
    end: date | None
    precision: str
    approximate: bool
    uncertain: bool


def _month_end(year: int, month: int) -> date:
    if month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_part(text: str) -> DateRange:
    m = _PART.match(text)
    if m is None:
        raise EdtfError(f"not an EDTF date: {text!r}")
    ytext, mtext, dtext, qual = m.group("year", "month", "day", "qual")
    unspecified = ytext.count("X")
    if "X" in ytext.rstrip("X"):
        raise EdtfError(f"unspecified digits must be trailing: {text!r}")
    if unspecified > 2:
        raise EdtfError(f"too few year digits specified: {text!r}")
    if unspecified and mtext:
        raise EdtfError(f"a month needs a fully specified year: {text!r}")
    y0, y1 = int(ytext.replace("X", "0")), int(ytext.replace("X", "9"))
    if y0 == 0:
        raise EdtfError(f"year 0 is not supported: {text!r}")
    approximate = qual in ("~", "%")
    uncertain = qual in ("?", "%")
    if mtext is None:
        precision = ("year", "decade", "century")[unspecified]
        return DateRange(date(y0, 1, 1), date(y1, 12, 31), precision, approximate, uncertain)
    month = int(mtext)
    if month > 12:
        if dtext:
            raise EdtfError(f"a season has no day: {text!r}")
        first, last = _SEASONS[month]
        return DateRange(date(y0, first, 1), _month_end(y0, last), "season", approximate, uncertain)
    if dtext is None:
        return DateRange(date(y0, month, 1), _month_end(y0, month), "month", approximate, uncertain)
    try:
        day = date(y0, month, int(dtext))
    except ValueError as exc:
        raise EdtfError(f"no such day: {text!r}") from exc
    return DateRange(day, day, "day", approximate, uncertain)


@lru_cache(maxsize=4096)
def parse(text: str) -> DateRange:
    """Parse an EDTF value: a date, or an interval "A/B" with optional open ends ".."."""
    if "/" not in text:
        return _parse_part(text)
    left, _, right = text.partition("/")
    if "/" in right:
        raise EdtfError(f"an interval has exactly one '/': {text!r}")
    if left == ".." and right == "..":
        raise EdtfError(f"an interval needs at least one end: {text!r}")
    a = None if left == ".." else _parse_part(left)
    b = None if right == ".." else _parse_part(right)
    if a is not None and b is not None and a.start is not None and b.end is not None and b.end < a.start:
        raise EdtfError(f"interval ends before it starts: {text!r}")
    ends = [p for p in (a, b) if p is not None]
    precision = min((p.precision for p in ends), key=PRECISIONS.index)
    return DateRange(
        a.start if a else None,
        b.end if b else None,
        precision,
        any(p.approximate for p in ends),
        any(p.uncertain for p in ends),
    )


def is_valid(text: str) -> bool:
    try:
        parse(text)
    except EdtfError:
        return False
    return True
