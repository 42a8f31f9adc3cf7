"""The curation record: per-paragraph checklists and the errata list are current, and no
paragraph of a source that holds a figure or a date is left unread."""

from __future__ import annotations

from pathlib import Path

import pytest

from turkey_russia_data.curation import checklist, errata
from turkey_russia_data.curation.paragraphs import (
    coverage,
    read_citations,
    read_notes,
    read_sources,
    source_texts,
    split_paragraphs,
)


@pytest.fixture(scope="module")
def cov(repo_root: Path, sources_dir: Path) -> dict:
    texts = source_texts(read_sources(repo_root / "tables" / "sources.csv"), sources_dir)
    assert len(texts) == 5
    return coverage(texts, read_citations(repo_root / "tables" / "citations.csv"))


def test_splitter_reads_blocks_and_one_paragraph_lines() -> None:
    text = "First block\nwraps here.\n\nSecond block.\n\n" + "x" * 450 + "\n" + "y" * 450 + "\n"
    assert [p.text[:5] for p in split_paragraphs(text)] == ["First", "Secon", "xxxxx", "yyyyy"]


def test_an_endnote_marker_is_not_a_figure() -> None:
    assert not split_paragraphs("They joined NATO later.4\n")[0].has_figures
    assert split_paragraphs("They joined NATO in 1952.4\n")[0].has_figures


def test_every_quote_is_placed_in_a_paragraph(cov: dict) -> None:
    assert {sid: c.unplaced for sid, c in cov.items() if c.unplaced} == {}


def test_every_paragraph_is_cited_or_annotated(cov: dict, repo_root: Path) -> None:
    notes = read_notes(repo_root / checklist.NOTES)
    unread = [
        (sid, p.number, p.opening)
        for sid, c in cov.items()
        for p in c.paragraphs
        if not p.rows and (sid, p.number) not in notes
    ]
    assert unread == []


def test_paragraphs_with_figures_are_mostly_cited(cov: dict) -> None:
    # A paragraph holding a figure or a year usually yields a row; whole sources whose
    # figure paragraphs are mostly only annotated would mean the extraction was skipped.
    for sid, c in cov.items():
        with_figures = [p for p in c.paragraphs if p.has_figures]
        assert sum(1 for p in with_figures if p.rows) >= 0.5 * len(with_figures), sid


def test_paragraph_notes_point_at_real_paragraphs(cov: dict, repo_root: Path) -> None:
    notes = read_notes(repo_root / checklist.NOTES)
    assert notes, "the paragraph notes are part of the curation record"
    sizes = {sid: len(c.paragraphs) for sid, c in cov.items()}
    assert [key for key in notes if not 1 <= key[1] <= sizes.get(key[0], 0)] == []
    assert all(text.strip() for text in notes.values())


def test_checklists_are_current(repo_root: Path, sources_dir: Path) -> None:
    files = checklist.build(repo_root, sources_dir)
    assert len(files) == 5
    stale = [p.name for p, text in files.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    assert stale == [], "run python -m turkey_russia_data.curation.checklist --write --sources DIR"


def test_errata_list_is_current_and_holds_the_known_misprints(repo_root: Path) -> None:
    found, conflicts = errata.collect(repo_root)
    text = errata.render(found, conflicts)
    hint = "run python -m turkey_russia_data.curation.errata --write"
    assert (repo_root / errata.OUT).read_text(encoding="utf-8") == text, hint
    assert {"TF0018", "TF0019", "TF0021"} <= {e.row_id for e in found}
    assert "AD0002" in {e.row_id for e in conflicts}
