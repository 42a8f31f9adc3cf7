"""Fault injection: single mutations of the shipped package, each of which the
validator must catch with the right code, file and row id. The catch rate per level is
printed at the end of the run; the unmutated package must pass clean. The default run
tries one mutation per code; the full run (``-m "slow or not slow"``) the whole catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_package, one_per_code
from mutations import RESULTS, Mutation, apply, catalogue

from turkey_russia_data.validation import LEVELS, validate

CATALOGUE = catalogue()


def test_the_catalogue_is_large_and_covers_every_level() -> None:
    per_level = {level: sum(1 for m in CATALOGUE if m.level == level) for level in LEVELS}
    assert len(CATALOGUE) >= 150, len(CATALOGUE)
    assert all(n >= 5 for n in per_level.values()), per_level
    names = [m.name for m in CATALOGUE]
    assert len(names) == len(set(names))


def test_the_unmutated_package_passes_every_level(tmp_path: Path, sources_dir: Path) -> None:
    report = validate(copy_package(tmp_path / "pkg"), sources=sources_dir)
    assert report.valid, [str(p) for p in report.problems[:5]]
    assert set(report.levels.values()) == {"ok"}


@pytest.mark.parametrize("mutation", one_per_code(CATALOGUE, lambda m: f"L{m.level} {m.name}"))
def test_mutation_is_caught(mutation: Mutation, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    sources = request.getfixturevalue("sources_dir") if mutation.needs_texts else None
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    before = {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()}
    report = validate(pkg, sources=sources)
    tally = RESULTS.setdefault(mutation.level, [0, 0])
    tally[1] += 1
    hits = [p for p in report.problems if p.code == mutation.code and p.file == mutation.file]
    caught = any(p.row_id == mutation.row_id for p in hits)
    tally[0] += caught
    assert caught, f"expected {mutation.code} in {mutation.file} row {mutation.row_id}; got " + "; ".join(
        f"{p.code} {p.file} {p.row_id}" for p in report.problems[:8]
    )
    assert report.levels[LEVELS[mutation.level]] == "failed"
    assert {p: p.read_bytes() for p in pkg.rglob("*") if p.is_file()} == before, "the validator changed its input"
