"""Tables and rows as terminal text for ``show``: one way to print an unknown value (an
empty cell, as in the CSV), long cells clipped, lines no wider than the terminal."""

from __future__ import annotations

import shutil
import textwrap
from typing import Any

import pandas as pd

CELL_WIDTH = 32
ELLIPSIS = "\u2026"


def terminal_width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


def _text(value: Any) -> str:
    return "" if pd.isna(value) else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def table_text(frame: pd.DataFrame, width: int | None = None) -> str:
    """Left-aligned columns, cells clipped to CELL_WIDTH, lines clipped to ``width``."""
    width = width or terminal_width()
    cells = [[_clip(_text(v).replace("\n", " "), CELL_WIDTH) for v in frame[c].astype(object)] for c in frame.columns]
    widths = [max([len(str(c)), *(len(v) for v in column)]) for c, column in zip(frame.columns, cells, strict=True)]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(frame.columns, widths, strict=True))]
    for r in range(len(frame)):
        lines.append("  ".join(column[r].ljust(w) for column, w in zip(cells, widths, strict=True)))
    return "\n".join(_clip(line.rstrip(), width) for line in lines)


def row_text(row: pd.Series, width: int | None = None) -> str:
    """Lines of "column  value"  for the known values, long values wrapped under themselves."""
    width = width or terminal_width()
    shown = [c for c in row.index if _text(row[c])]
    label = max(len(str(c)) for c in shown)
    lines = []
    for column in shown:
        wrapped = textwrap.wrap(_text(row[column]), max(width - label - 2, 20)) or [""]
        lines.append(f"{column!s:<{label}}  {wrapped[0]}")
        lines.extend(" " * (label + 2) + more for more in wrapped[1:])
    return "\n".join(lines)
