"""Read a figure as printed in English prose: "$28.9 billion", "almost 40 percent",
"thirty-three", "10,884", "second-biggest", "fourfold".

``parse_figure`` returns the number at full scale with what the words say about its
unit and exactness, or None when the text holds no figure. It never raises: the
validator feeds it whatever a table contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .textnorm import normalise

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_FOLDS = {"twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "tenfold": 10, "doubled": 2, "tripled": 3}

# Words before (or inside) a figure that make it inexact, mapped to the qualifier
# vocabulary. Longest phrases first so "more than" wins over "more".
QUALIFIER_WORDS: tuple[tuple[str, str], ...] = (
    ("approximately", "approximately"),
    ("around", "approximately"),
    ("about", "approximately"),
    ("roughly", "approximately"),
    ("some", "approximately"),
    ("an estimated", "approximately"),
    ("estimated", "approximately"),
    ("almost", "nearly"),
    ("nearly", "nearly"),
    ("close to", "nearly"),
    ("just under", "nearly"),
    ("more than", "more_than"),
    ("over", "more_than"),
    ("exceeded", "more_than"),
    ("exceeding", "more_than"),
    ("surpassed", "more_than"),
    ("surpassing", "more_than"),
    ("in excess of", "more_than"),
    ("upwards of", "more_than"),
    ("less than", "less_than"),
    ("fewer than", "less_than"),
    ("under", "less_than"),
    ("below", "less_than"),
    ("at least", "at_least"),
    ("no fewer than", "at_least"),
    ("no less than", "at_least"),
    ("up to", "up_to"),
    ("as many as", "up_to"),
    ("as much as", "up_to"),
)
_QUALIFIER_RE = re.compile(
    r"\b(" + "|".join(re.escape(w) for w, _ in sorted(QUALIFIER_WORDS, key=lambda p: -len(p[0]))) + r")\b",
    re.IGNORECASE,
)
_QUALIFIER_OF = dict(QUALIFIER_WORDS)

_NUMBER = re.compile(r"(?<![0-9.,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(?![0-9])")
_ORDINAL_DIGITS = re.compile(r"\b([0-9]+)(?:st|nd|rd|th)\b")
_SUPERLATIVE = re.compile(r"\b(largest|biggest|longest|top|main|leading|most important|primary)\b")


@dataclass(frozen=True)
class Figure:
    """A figure read from prose. ``scaled`` says whether a scale word was printed."""

    value: float
    unit: str | None  # a Unit vocabulary value the words imply, or None
    qualifier: str  # a Qualifier vocabulary value; "exact" when no word says otherwise
    scaled: bool
    printed: float | None = None  # the digits as printed, before any scale word


def qualifier_in(text: str) -> str | None:
    """The qualifier a qualifier word in ``text`` implies, or None."""
    m = _QUALIFIER_RE.search(text)
    return _QUALIFIER_OF[m.group(1).lower()] if m else None


@lru_cache(maxsize=1 << 16)
def qualifier_before(text: str) -> str | None:
    """The qualifier implied by a qualifier word ending ``text`` (what precedes a figure)."""
    tail = " ".join(text.split()[-3:])
    found = None
    for m in _QUALIFIER_RE.finditer(tail):
        found = m
    if found is None or tail[found.end() :].strip(" $€") != "":
        return None
    return _QUALIFIER_OF[found.group(1).lower()]


# Words that name a unit, first match wins (a "$" before "tons" in "$5 per ton" is money).
_UNIT_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), unit)
    for pattern, unit in (
        (r"%|\bper ?cent\b|\bpercent\b", "percent"),
        (r"\$|\bdollars?\b|\busd\b", "USD"),
        (r"€|\beuros?\b|\beur\b", "EUR"),
        (r"\btons?\b|\btonnes?\b", "tonnes"),
        (r"\bm\S?/a\b|\bbcm\b|cubic met(?:re|er)s? (?:a|per) year", "cubic_metres_per_year"),
        (r"\bcubic met(?:re|er)s?\b|\bm3\b", "cubic_metres"),
        (r"\bkm\b|\bkilomet(?:re|er)s?\b", "km"),
    )
)


def _unit_of(text: str) -> str | None:
    return next((unit for pattern, unit in _UNIT_WORDS if pattern.search(text)), None)


_TENS_RE = re.compile(r"\b(" + "|".join(_TENS) + r")(?:[- ](" + "|".join(_UNITS) + r"))?\b")
_UNITS_RE = re.compile(r"\b(" + "|".join(_UNITS) + r")\b")


def _words_number(text: str) -> tuple[float, int] | None:
    """Number words ("seven", "thirty-three", "twenty one") and where they end."""
    m = _TENS_RE.search(text)
    if m is not None:
        return float(_TENS[m.group(1)] + (_UNITS[m.group(2)] if m.group(2) else 0)), m.end()
    m = _UNITS_RE.search(text)
    return (float(_UNITS[m.group(1)]), m.end()) if m else None


_FRACTION = re.compile(
    r"\b(?:(one|two|three)[- ](thirds?|quarters?)|(a[- ]|one[- ])?(half)|(?:a|one)[- ](third|quarter))\b"
)
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}


def _qualifier(t: str, start: int) -> str:
    """Only words before the figure qualify it: "over ten years" after it does not."""
    return qualifier_in(t[:start]) or "exact"


@lru_cache(maxsize=1 << 16)
def parse_figure(text: str) -> Figure | None:
    """Read the figure in ``text``; None when there is none."""
    if not isinstance(text, str) or len(text) > 300:
        return None
    t = normalise(text).lower()
    unit = _unit_of(t)

    fold = re.search(r"\b(" + "|".join(_FOLDS) + r")\b", t)
    m = _NUMBER.search(t)
    if m is None and fold is not None:
        return Figure(float(_FOLDS[fold.group(1)]), "ratio", _qualifier(t, fold.start()), False)
    fraction = _FRACTION.search(t)
    if m is None and fraction is not None:
        # "two-thirds", "half": a share of something, never a rank
        count = _UNITS[fraction.group(1)] if fraction.group(1) else 1
        part = fraction.group(2) or fraction.group(4) or fraction.group(5)
        return Figure(count / _FRACTIONS[part], None, _qualifier(t, fraction.start()), False)

    ordinal = _ORDINAL_DIGITS.search(t)
    if m is not None and ordinal is None:
        printed = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        start, rest = m.start(), t[m.end() :]
    else:
        if ordinal is not None:
            return Figure(float(ordinal.group(1)), "rank", _qualifier(t, ordinal.start()), False)
        word = re.search(r"\b(" + "|".join(_ORDINALS) + r")\b", t)
        if word is not None:
            return Figure(float(_ORDINALS[word.group(1)]), "rank", _qualifier(t, word.start()), False)
        superlative = _SUPERLATIVE.search(t)
        if superlative is not None:
            return Figure(1.0, "rank", _qualifier(t, superlative.start()), False)
        words = _words_number(t)
        if words is None:
            return None
        printed, end = words
        start, rest = 0, t[end:]
    number = printed
    scale = re.match(r"\s*(?:-|\s)?\s*(" + "|".join(_SCALES) + r")\b", rest)
    if scale is not None:
        number *= _SCALES[scale.group(1)]
    elif re.match(r"\s*bcm\b", rest):
        number *= 1e9  # billion cubic metres
        scale = re.match(r"\s*bcm\b", rest)
    return Figure(number, unit, _qualifier(t, start), scale is not None, printed)


@lru_cache(maxsize=1 << 16)
def scale_after(figure_text: str, quote: str) -> float | None:
    """The scale word that follows a bare figure in a quote: in "from 10.7 to 19.3
    million tons" the 10.7 shares the "million" printed after 19.3."""
    q = normalise(quote).lower()
    f = normalise(figure_text).lower()
    at = q.find(f)
    if at < 0:
        return None
    after = q[at + len(f) : at + len(f) + 40]
    m = re.match(r"(?:\s*(?:and|to|or|-)\s*[0-9.,]+)?\s+(" + "|".join(_SCALES) + r")\b", after)
    return _SCALES[m.group(1)] if m else None


def close(a: float, b: float, rel: float = 1e-6) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b), 1.0)
