"""Split a source text into paragraphs and map every citation to the paragraph it quotes."""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..textnorm import normalise, occurs, readings
from ..texts import index_texts

# A line this long is a whole paragraph (one source is stored one paragraph per line).
_LONG_LINE = 400
_BLANK = re.compile(r"\n[ \t]*\n")
# Digits that are figures or dates, not an endnote number glued after a full stop.
_FIGURE = re.compile(r"(?<![.\d])\b\d[\d,.]*\b(?![.]?\s*$)")
_OPENING_WORDS = 8


@dataclass
class Paragraph:
    number: int
    text: str
    rows: list[str] = field(default_factory=list)

    @property
    def opening(self) -> str:
        words = normalise(self.text).split(" ")
        head = " ".join(words[:_OPENING_WORDS])
        return head + (" …" if len(words) > _OPENING_WORDS else "")

    @property
    def has_figures(self) -> bool:
        return bool(_FIGURE.search(self.text))


def split_paragraphs(text: str) -> list[Paragraph]:
    """Blank-line separated blocks; a block of very long lines gives one paragraph per line."""
    out: list[str] = []
    for block in _BLANK.split(text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if max(len(line) for line in lines) > _LONG_LINE:
            out.extend(lines)
        else:
            out.append("\n".join(lines))
    return [Paragraph(i, t) for i, t in enumerate(out, start=1)]


@dataclass(frozen=True)
class Citation:
    citation_id: str
    table: str
    row_id: str
    source_id: str
    quote: str


def read_citations(path: Path) -> list[Citation]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            Citation(r["citation_id"], r["table"], r["row_id"], r["source_id"], r["quote"]) for r in csv.DictReader(f)
        ]


def read_sources(sources_csv: Path) -> list[dict[str, str]]:
    with sources_csv.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def source_texts(sources: list[dict[str, str]], folder: Path) -> dict[str, str]:
    """source_id -> text, matching files to sources by SHA-256 as the validator does."""
    by_hash = index_texts(folder)
    return {
        r["source_id"]: by_hash[r["text_sha256"]].read_text(encoding="utf-8")
        for r in sources
        if r["text_sha256"] in by_hash
    }


def locate(quote: str, paragraphs: list[Paragraph], paragraph_readings: list[tuple[str, str]]) -> list[Paragraph]:
    """Every paragraph holding the quote (a text may repeat a passage); a quote running
    across two paragraphs maps to the first of them."""
    found = [p for p, text in zip(paragraphs, paragraph_readings, strict=True) if occurs(quote, text)]
    if found:
        return found
    for a, b in itertools.pairwise(paragraphs):
        if occurs(quote, readings(a.text + "\n" + b.text)):
            return [a]
    return []


@dataclass
class Coverage:
    source_id: str
    paragraphs: list[Paragraph]
    unplaced: list[str]  # citation ids whose quote is in no paragraph


def coverage(texts: dict[str, str], citations: Iterable[Citation]) -> dict[str, Coverage]:
    result = {sid: Coverage(sid, split_paragraphs(text), []) for sid, text in texts.items()}
    text_readings = {sid: [readings(p.text) for p in cov.paragraphs] for sid, cov in result.items()}
    for c in citations:
        cov = result.get(c.source_id)
        if cov is None:
            continue
        found = locate(c.quote, cov.paragraphs, text_readings[c.source_id])
        if not found:
            cov.unplaced.append(c.citation_id)
        for p in found:
            if c.row_id not in p.rows:
                p.rows.append(c.row_id)
    for cov in result.values():
        for p in cov.paragraphs:
            p.rows.sort()
    return result


def read_notes(path: Path) -> dict[tuple[str, int], str]:
    """Curators' notes on paragraphs: (source_id, paragraph number) -> note."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {(r["source_id"], int(r["paragraph"])): r["note"] for r in csv.DictReader(f)}
