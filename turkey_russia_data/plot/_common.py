"""What every figure shares: the matplotlib import guard, the figure and its heading
(title, source note, caption), dates as fractional years, and the ``gid`` tags that tie
a mark to its table row."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..loader import data_version

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_MISSING = "plotting needs matplotlib: pip install 'turkey-russia-data[plot]'"


def _figure_class() -> type[Figure]:
    """The Figure class; called first in every public function so that a missing
    matplotlib gives the install hint rather than a bare ModuleNotFoundError."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(_MISSING) from exc
    return Figure


def _new_figure(figure_class: type[Figure], size: tuple[float, float]) -> Figure:
    return figure_class(figsize=size, layout="constrained")


def _root(ax: Axes) -> Figure:
    from matplotlib.figure import Figure

    # Climbs out of subfigures by hand: get_figure(root=True) needs matplotlib 3.10, the extra allows 3.7.
    parent: object = ax.figure
    while parent is not None and not isinstance(parent, Figure):
        parent = getattr(parent, "figure", None)
    if parent is None:
        raise ValueError("the Axes given as ax belongs to no figure")
    return parent


def _heading(ax: Axes, title: str, caption: str) -> None:
    """Title top left, source note top right, caption in small print between title and plot."""
    lines = textwrap.wrap(caption, width=int(ax.get_position().width * _root(ax).get_figwidth() * 15)) or [""]
    ax.annotate(
        "\n".join(lines),
        xy=(0, 1),
        xycoords="axes fraction",
        xytext=(0, 4),
        textcoords="offset points",
        ha="left",
        va="bottom",
        fontsize=7.5,
        color="#404040",
    )
    # One offset serves all three title slots: both calls must pass it.
    pad = 8 + 10 * len(lines)
    ax.set_title(title, loc="left", fontsize=12, pad=pad)
    ax.set_title(f"source: turkey-russia-data {data_version()}", loc="right", fontsize=7, color="#707070", pad=pad)


def _years(days: np.ndarray) -> np.ndarray:
    """Days (datetime64[D]) as fractional years (2022-07-02 -> about 2022.5); NaT -> NaN.

    Plain numpy: pandas before 3.0 does arithmetic in nanoseconds, which cannot hold the
    fifteenth century."""
    years = days.astype("datetime64[Y]")
    first = years.astype("datetime64[D]")
    length = (years + 1).astype("datetime64[D]") - first
    out = years.astype("int64") + 1970 + (days - first).astype("int64") / length.astype("int64")
    return np.where(np.isnat(days), np.nan, out).astype(float)


def _period_years(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    start = frame[f"{column}_start"].to_numpy(dtype="datetime64[s]").astype("datetime64[D]")
    end = frame[f"{column}_end"].to_numpy(dtype="datetime64[s]").astype("datetime64[D]")
    # The end is exclusive (the day after the last day), so a year spans exactly one unit.
    return _years(start), _years(end + np.timedelta64(1, "D"))


def _tag(artist: Artist, kind: str, row_id: str) -> None:
    artist.set_gid(f"{kind}:{row_id}")
