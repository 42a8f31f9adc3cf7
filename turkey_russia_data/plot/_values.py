"""Figures drawn one marker per table row, as ``energy`` and ``trade`` draw them: the
qualifier words and bounds, the row's sources, the markers with their spans, arrows and
labels, the qualifier legend and the year axis."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..loader import load
from ._common import _period_years, _tag

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

_QUALIFIER_WORDS = {
    "exact": "",
    "approximately": "about ",
    "nearly": "nearly ",
    "more_than": "more than ",
    "less_than": "less than ",
    "at_least": "at least ",
    "up_to": "up to ",
}
# Where the true value lies from the plotted one: an arrow points that way.
_BOUND_UP = ("more_than", "at_least")
_BOUND_DOWN = ("nearly", "less_than", "up_to")


def _sources(table: str) -> dict[str, str]:
    cites = load("citations")
    cites = cites[cites["table"] == table]
    return {
        str(row_id): ", ".join(sorted({str(s) for s in group["source_id"]}))
        for row_id, group in cites.groupby("row_id", observed=True)
    }


def _draw_values(
    ax: Axes,
    rows: pd.DataFrame,
    values: np.ndarray,
    x: np.ndarray,
    spans: tuple[np.ndarray, np.ndarray],
    colours: Sequence[str],
    markers: Sequence[str],
    labels: Sequence[str],
    keys: Sequence[str],
) -> None:
    """One marker per row at its period; a period longer than a year gets a horizontal
    span; a qualified figure is hollow, and a bound gets an arrow towards the true value.

    Rows with the same key (same series and period: figures that may disagree) are set
    side by side rather than on top of each other, the first labelled on its left."""
    x = np.array(x, dtype=float)
    label_left = np.zeros(len(rows), dtype=bool)
    groups = pd.Series(list(keys), dtype=object).groupby(list(keys), sort=False).groups
    for idx in groups.values():
        if len(idx) > 1:
            x[list(idx)] += np.linspace(-0.2, 0.2, len(idx))
            label_left[idx[0]] = True
    for i in range(len(rows)):
        row_id = str(rows["share_id" if "share_id" in rows else "flow_id"].iloc[i])
        qualifier = str(rows["qualifier"].iloc[i])
        colour, xi, yi = colours[i], float(x[i]), float(values[i])
        s, e = float(spans[0][i]), float(spans[1][i])
        if e - s > 1.01:
            (span,) = ax.plot([s, e], [yi, yi], color=colour, lw=1.4, marker="|", ms=8, alpha=0.8, zorder=2)
            _tag(span, "span", row_id)
        (dot,) = ax.plot(
            [xi],
            [yi],
            ls="none",
            marker=markers[i],
            ms=7,
            mec=colour,
            mew=1.5,
            mfc=colour if qualifier == "exact" else "white",
            zorder=4,
        )
        _tag(dot, "row", row_id)
        if qualifier in _BOUND_UP or qualifier in _BOUND_DOWN:
            sign = 1 if qualifier in _BOUND_UP else -1
            arrow = ax.annotate(
                "",
                xy=(xi, yi),
                xytext=(0, sign * 18),
                textcoords="offset points",
                arrowprops={"arrowstyle": "<-", "color": colour, "lw": 1.2, "shrinkA": 0, "shrinkB": 5},
                zorder=3,
            )
            _tag(arrow, "bound", row_id)
        ax.annotate(
            labels[i],
            xy=(xi, yi),
            xytext=(-8 if label_left[i] else 8, 0),
            textcoords="offset points",
            ha="right" if label_left[i] else "left",
            va="center",
            fontsize=7.5,
            color=colour,
            linespacing=1.1,
        )


def _qualifier_handles(qualifiers: set[str]) -> list[Artist]:
    """Legend entries for the qualifiers present: filled as stated, hollow when qualified."""
    from matplotlib.lines import Line2D

    grey = "#8a8a8a"

    def entry(filled: bool, label: str) -> Line2D:
        return Line2D(
            [], [], ls="none", marker="o", ms=6, mec=grey, mew=1.5, mfc=grey if filled else "white", label=label
        )

    handles: list[Artist] = [entry(True, "filled: the figure as stated")]
    if qualifiers & set(_BOUND_UP):
        handles.append(entry(False, "hollow, arrow up: 'more than' (true value higher)"))
    if qualifiers & set(_BOUND_DOWN):
        handles.append(entry(False, "hollow, arrow down: 'nearly' (true value a little lower)"))
    if "approximately" in qualifiers:
        handles.append(entry(False, "hollow: 'about'"))
    return handles


def _year_axis(ax: Axes, lo: float, hi: float) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(color="#e3e3e3", lw=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _midpoints(frame: pd.DataFrame) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    start, end = _period_years(frame, "period")
    return (start + end) / 2, (start, end)
