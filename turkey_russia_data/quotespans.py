"""Where a quote sits in the raw text of its source: character offsets into the file as
it is, not into the normalised reading the validator compares (textnorm).

A quote is checked under textnorm's normalisation (typographic quotes and dashes folded,
line-end hyphenation joined or kept, whitespace collapsed), so its recorded form may
differ from the bytes of the source. Web annotations and the explorer need the span of
the source itself: the normalised readings are rebuilt here with, for each character,
the offset of the raw character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .textnorm import _FOLD, _LINE_HYPHEN, _MD_LINK, normalise

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _fold_mapped(text: str) -> tuple[str, list[int]]:
    """textnorm's fold (NFKC per character, folded quotes and dashes, Markdown link
    residue dropped) with the raw offset of every output character."""
    drop: set[int] = set()
    for m in _MD_LINK.finditer(text):
        # keep the link's words (group 1), drop "[", "](target)"
        drop.add(m.start())
        drop.update(range(m.end(1), m.end()))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if i in drop:
            continue
        folded = unicodedata.normalize("NFKC", ch).translate(_FOLD)
        out.append(folded)
        where.extend([i] * len(folded))
    return "".join(out), where


def _sub_mapped(pattern: re.Pattern[str], repl: str, text: str, where: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_where: list[int] = []
    last = 0
    for m in pattern.finditer(text):
        out.append(text[last : m.start()])
        out_where.extend(where[last : m.start()])
        if repl:
            out.append(repl)
            out_where.extend([where[m.start()]] * len(repl))
        last = m.end()
    out.append(text[last:])
    out_where.extend(where[last:])
    return "".join(out), out_where


def mapped_readings(text: str) -> list[tuple[str, list[int]]]:
    """Both normalised readings of a source text (hyphenation joined, kept), each with the
    raw offset of every character; what textnorm.readings computes, plus the map."""
    folded, where = _fold_mapped(text)
    out = []
    for repl in ("", "-"):
        joined, w = _sub_mapped(_LINE_HYPHEN, repl, folded, where)
        spaced, w = _sub_mapped(_SPACE, " ", joined, w)
        # textnorm strips the ends; offsets are unaffected by where the reading starts.
        out.append((spaced, w))
    return out


def spans(quote: str, text: str, readings: list[tuple[str, list[int]]] | None = None) -> list[Span]:
    """Every span of ``text`` whose normalised reading is the normalised quote, in order."""
    q = normalise(quote)
    if not q:
        return []
    found: set[Span] = set()
    for reading, where in readings or mapped_readings(text):
        at = reading.find(q)
        while at >= 0:
            found.add(Span(where[at], where[at + len(q) - 1] + 1))
            at = reading.find(q, at + 1)
    return sorted(found, key=lambda s: (s.start, s.end))
