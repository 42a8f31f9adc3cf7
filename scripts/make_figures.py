"""Render the README figures from the shipped data: timeline.png, energy.png, trade.png.

    python scripts/make_figures.py [--out docs/img]

Sizes and dpi are fixed and the PNGs carry no software version, so that re-running the
script on unchanged data rewrites identical files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The figures are of this checkout's data, not of whatever version happens to be installed.
sys.path.insert(0, str(ROOT))

from turkey_russia_data import plot  # noqa: E402

DPI = 110
TIMELINE_START = 2000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=ROOT / "docs" / "img", help="folder for the PNGs (default: docs/img)"
    )
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    figures = {
        "timeline.png": plot.timeline(start=TIMELINE_START),
        "energy.png": plot.energy(),
        "trade.png": plot.trade(),
    }
    for name, fig in figures.items():
        path = out / name
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
