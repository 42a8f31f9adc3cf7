"""Find the dates an English sentence states: "24 November 2015", "November 24, 2015",
"July 2019", "in 2019", "2019.4" (year 2019, endnote 4), "the 1960s", "the 15th
century", "1853-56", "summer 2023", and day or month names without a year ("on 24
November"), which borrow a year stated nearby.

Each mention is the range of days it covers and its precision, in the same terms as
``dates.DateRange``, so a row's EDTF date can be compared with what a quote says.
Never raises on any input.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .textnorm import normalise

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(1[0-9]{3}|20[0-9]{2})"
_DAY = r"([0-9]{1,2})(?:st|nd|rd|th)?"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
_ORDINAL_CENTURY = {
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}

_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}(?![0-9])")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}(?![0-9])")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},? (?:of )?{_YEAR}(?![0-9])")
_DAY_MONTH = re.compile(rf"\b{_DAY} (?:of )?{_MONTH}(?![a-z])")
_MONTH_DAY = re.compile(rf"\b{_MONTH} {_DAY}\b")
_MONTH_ONLY = re.compile(rf"\b{_MONTH}(?![a-z])")
_SEASON_YEAR = re.compile(r"\b(spring|summer|autumn|fall|winter) (?:of )?" + _YEAR + r"(?![0-9])")
_YEAR_RANGE_SHORT = re.compile(r"(?<![0-9$.,])(1[0-9]{3}|20[0-9]{2}) ?[-/] ?([0-9]{2})(?![0-9])")
_BARE_YEAR = re.compile(r"(?<![0-9$.,])" + _YEAR + r"(?!,[0-9]{3})(?![0-9])(?! ?(?:%|per ?cent|billion|million|km\b))")
_DECADE = re.compile(r"\b(1[0-9]{2}|20[0-9])0'?s\b")
_CENTURY = re.compile(r"\b(?:([0-9]{1,2})(?:st|nd|rd|th)|(" + "|".join(_ORDINAL_CENTURY) + r"))[- ]century\b")

# Words that make "May" a verb and "March" a noun, not a month.
_NOT_MONTH_BEFORE = re.compile(r"(?:\b(?:it|they|we|he|she|this|that|which|who|you|i|or|and)\s*)$")


@dataclass(frozen=True)
class Mention:
    start: date
    end: date
    precision: str  # century | decade | year | season | month | day
    yearless: bool = False


def _month_end(year: int, month: int) -> date:
    if month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> Mention | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return Mention(d, d, "day")


def _year(year: int) -> Mention:
    return Mention(date(year, 1, 1), date(year, 12, 31), "year")


def _is_month(text: str, m: re.Match[str], group: int) -> bool:
    word = m.group(group)
    return not (word in ("may", "march") and _NOT_MONTH_BEFORE.search(text[: m.start()]))


def mentions(text: str) -> list[Mention]:
    """Every date the text states, coarse and fine ("24 November 2015" also gives
    November 2015 and 2015 only through the day itself: one mention per phrase)."""
    if not isinstance(text, str):
        return []
    t = normalise(text[:5000]).lower()
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    def take(m: re.Match[str], mention: Mention | None) -> None:
        if mention is not None:
            found.append(mention)
            taken.append((m.start(), m.end()))

    for m in _DAY_MONTH_YEAR.finditer(t):
        if free(m):
            take(m, _day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1))))
    for m in _MONTH_DAY_YEAR.finditer(t):
        if free(m):
            take(m, _day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2))))
    for m in _SEASON_YEAR.finditer(t):
        if free(m):
            first, last = _SEASONS[m.group(1)]
            year = int(m.group(2))
            take(m, Mention(date(year, first, 1), _month_end(year, last), "season"))
    for m in _MONTH_YEAR.finditer(t):
        if free(m) and _is_month(t, m, 1):
            year, month = int(m.group(2)), MONTHS[m.group(1)]
            take(m, Mention(date(year, month, 1), _month_end(year, month), "month"))
    for m in _YEAR_RANGE_SHORT.finditer(t):
        if free(m):
            first = int(m.group(1))
            last = first - first % 100 + int(m.group(2))
            if last > first:
                found.append(_year(first))
                take(m, _year(last))
    for m in _DECADE.finditer(t):
        if free(m):
            start = int(m.group(1)) * 10
            take(m, Mention(date(start, 1, 1), date(start + 9, 12, 31), "decade"))
    for m in _CENTURY.finditer(t):
        if free(m):
            number = int(m.group(1)) if m.group(1) else _ORDINAL_CENTURY[m.group(2)]
            if 1 <= number <= 21:
                start = max((number - 1) * 100, 1)
                take(m, Mention(date(start, 1, 1), date((number - 1) * 100 + 99, 12, 31), "century"))
    for m in _BARE_YEAR.finditer(t):
        if free(m):
            take(m, _year(int(m.group(1))))
    years = sorted({f.start.year for f in found if f.precision in ("year", "month", "day", "season")})
    # A day or month without a year borrows every year the text states ("on 24 November").
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1), (_MONTH_ONLY, None, 1)):
        for m in pattern.finditer(t):
            if not free(m) or not _is_month(t, m, month_group):
                continue
            month = MONTHS[m.group(month_group)]
            if pattern is _MONTH_ONLY and len(m.group(1)) <= 3 and m.group(1) not in ("may",):
                continue  # "mar", "jun" alone are too often something else
            taken.append((m.start(), m.end()))
            for year in years:
                if day_group is None:
                    found.append(Mention(date(year, month, 1), _month_end(year, month), "month", yearless=True))
                else:
                    d = _day(year, month, int(m.group(day_group)))
                    if d is not None:
                        found.append(Mention(d.start, d.end, "day", yearless=True))
    return found


_ORDER = ("century", "decade", "year", "season", "month", "day")


def states(mention: Mention, start: date | None, end: date | None, precision: str) -> bool:
    """Whether a mention states a date part with this range and precision: the same
    days, or a finer date within them (a quote may be more precise than the row)."""
    if start is None or end is None:
        return False
    if mention.start == start and mention.end == end:
        return True
    finer = _ORDER.index(mention.precision) > _ORDER.index(precision)
    return finer and start <= mention.start and mention.end <= end
