"""Level 3: every quote occurs in its source text, found by SHA-256 in a folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..reading import Table
from ..textnorm import occurs, readings
from ..texts import index_texts
from .problems import Problem
from .registry import TEXTS, Code, check


@check(
    3,
    TEXTS,
    Code("E302", "text-missing", "no text file with the source's SHA-256 was found"),
    Code("E301", "quote-not-found", "a quote does not occur in its source text"),
)
def check_quotes(tables: dict[str, Table], folder: Path) -> Iterator[Problem]:
    sources, citations = tables.get("sources"), tables.get("citations")
    if sources is None or citations is None:
        return
    by_hash = index_texts(folder)
    h = sources.header
    if "source_id" not in h or "text_sha256" not in h:
        return
    isid, isha = h.index("source_id"), h.index("text_sha256")
    texts: dict[str, tuple[str, str]] = {}
    for line, cells in sources.rows:
        path = by_hash.get(cells[isha])
        if path is None:
            yield Problem(
                "E302",
                sources.file,
                f"no file in {folder} has this SHA-256",
                line=line,
                row_id=cells[isid],
                column="text_sha256",
                expected=cells[isha],
                found="no match",
            )
            continue
        texts[cells[isid]] = readings(path.read_text(encoding="utf-8", errors="replace"))
    c = citations.header
    if not all(k in c for k in ("citation_id", "source_id", "quote")):
        return
    ids, source_ids, quotes = (citations.values(c.index(k)) for k in ("citation_id", "source_id", "quote"))
    # Each distinct (source, quote) pair is looked up once: a quote cited for several rows
    # is one search, however many rows cite it.
    verdicts: dict[tuple[str, str], bool] = {}
    for r, pair in enumerate(zip(source_ids, quotes, strict=True)):
        found = verdicts.get(pair)
        if found is None:
            text = texts.get(pair[0])
            found = verdicts[pair] = text is None or occurs(pair[1], text)
        if not found:
            yield Problem(
                "E301",
                citations.file,
                f"quote not found in source {pair[0]}",
                line=citations.line(r),
                row_id=ids[r],
                column="quote",
                expected="a verbatim span of the source text",
                found=pair[1][:80],
            )
