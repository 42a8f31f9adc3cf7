"""Every level, with the source texts, grows linearly in rows.

Synthetic packages (benchmarks/synthetic.py) of two sizes are validated in this process
at all eight levels; the growth exponent of the time between the sizes must stay well
below 2. The pairwise and cubic loops levels 6 and 8 once ran gave about 1.7 between
these sizes; the grouped checks give under 1. Fixed costs (reading the texts, the
schemas) make the exponent lower at small sizes, never higher, so the bound of 1.3
leaves room for a loaded machine without letting a quadratic step through.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

import pytest

from turkey_russia_data.validation import validate

ROOT = Path(__file__).resolve().parent.parent
SIZES = (25_000, 100_000)
RUNS = 3
BOUND = 1.3


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[int, Path]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import build
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = {}
    for size in SIZES:
        folder = tmp_path_factory.mktemp("scaling") / f"pkg-{size}"
        out[size] = (build(folder, size)["total_rows"], folder)
    return out


@pytest.mark.slow
def test_all_levels_with_the_texts_grow_linearly(packages: dict[int, tuple[int, Path]], sources_dir: Path) -> None:
    times: dict[int, list[float]] = {size: [] for size in SIZES}
    for _ in range(RUNS):
        # interleaved, so that a change in the machine's load falls on both sizes alike
        for size in SIZES:
            start = time.perf_counter()
            report = validate(packages[size][1], sources=sources_dir)
            times[size].append(time.perf_counter() - start)
            # every level ran and passed: a level skipped would make the time meaningless
            assert report.valid, [str(p) for p in report.problems[:5]]
            assert set(report.levels.values()) == {"ok"}, report.levels
    (small_rows, _), (large_rows, _) = packages[SIZES[0]], packages[SIZES[1]]
    small, large = statistics.median(times[SIZES[0]]), statistics.median(times[SIZES[1]])
    exponent = math.log(large / small) / math.log(large_rows / small_rows)
    assert exponent < BOUND, f"time grows as rows^{exponent:.2f}: {small:.2f} s -> {large:.2f} s ({times})"
