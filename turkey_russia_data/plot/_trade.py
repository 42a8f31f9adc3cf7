"""Bilateral Türkiye–Russia trade: ``trade``, with the flows it draws and the colour
and legend of each direction."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..loader import load
from ._common import _figure_class, _heading, _new_figure, _root
from ._values import _QUALIFIER_WORDS, _draw_values, _midpoints, _qualifier_handles, _sources, _year_axis

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_TRADE_FLOWS = ("export", "import", "turnover")
_TRADE_SERIES = {
    "tur_to_rus": ("Türkiye's exports to Russia", "#c0392b"),
    "rus_to_tur": ("Russia's exports to Türkiye", "#2c3e91"),
    "turnover": ("Turnover (both directions)", "#7b3294"),
}


def _trade_series(row: pd.Series) -> str:
    if row["flow"] == "turnover":
        return "turnover"
    outward = (row["reporter"] == "TUR") == (row["flow"] == "export")
    return "tur_to_rus" if outward else "rus_to_tur"


def trade(*, ax: Axes | None = None) -> Figure:
    """Bilateral Türkiye–Russia trade in USD: exports each way and turnover.

    Draws every ``trade_flows`` row between TUR and RUS (either as reporter) with
    commodity ``total``, unit USD, flow export, import or turnover, and a closed period.
    A Russian import from Türkiye is drawn as a Turkish export to Russia and vice versa
    (the label says how the source put it). Each figure sits at the middle of its period
    (a period longer than a year is a span); "more than" figures are hollow with an
    upward arrow. Rows are never averaged: where sources give different figures for the
    same flow and period, all are drawn side by side, each labelled with its source.
    Points are not joined.

    Left out: the declared target turnover (no year), ranks, shares, FDI, tourism and
    commodity breakdowns; the caption counts the Türkiye–Russia rows left out. Returns
    the Figure; with ``ax``, draws into that Axes and returns its figure.
    """
    figure_class = _figure_class()
    from matplotlib.lines import Line2D

    data = load("trade_flows")
    pair = ((data["reporter"] == "TUR") & (data["partner"] == "RUS")) | (
        (data["reporter"] == "RUS") & (data["partner"] == "TUR")
    )
    dated = data["period_start"].notna() & data["period_end"].notna()
    keep = pair & dated & (data["commodity"] == "total") & (data["unit"] == "USD") & data["flow"].isin(_TRADE_FLOWS)
    rows = data[keep].reset_index(drop=True)
    left_out = int(pair.sum()) - len(rows)

    if ax is None:
        fig = _new_figure(figure_class, (10.0, 6.0))
        ax = fig.add_subplot()
    else:
        fig = _root(ax)

    sources = _sources("trade_flows")
    series = [_trade_series(r) for _, r in rows.iterrows()]
    x, spans = _midpoints(rows)

    labels = []
    for r in rows.itertuples():
        text = f"{_QUALIFIER_WORDS[str(r.qualifier)]}${float(r.value) / 1e9:g}bn"
        how = sources.get(str(r.flow_id), "")
        if r.flow == "import":
            how += ", as Russia's imports" if r.reporter == "RUS" else ", as Türkiye's imports"
        labels.append(f"{text}\n{how}")
    _draw_values(
        ax,
        rows,
        rows["value"].to_numpy(dtype=float) / 1e9,
        x,
        spans,
        [_TRADE_SERIES[s][1] for s in series],
        ["o"] * len(rows),
        labels,
        [f"{s}|{p}" for s, p in zip(series, rows["period"], strict=True)],
    )
    lo = float(np.floor(np.nanmin(spans[0]))) - 1 if len(rows) else 2000.0
    hi = float(np.ceil(np.nanmax(spans[1]))) + 2 if len(rows) else 2025.0
    _year_axis(ax, lo, hi)
    top_value = float(rows["value"].max()) / 1e9 if len(rows) else 1.0
    ax.set_ylim(0, top_value * 1.2)
    ax.set_ylabel("USD billion (current)")
    ax.set_xlabel("year (each figure at the middle of its period)")

    present = list(dict.fromkeys(series))
    handles: list[Artist] = [
        Line2D([], [], ls="none", marker="o", ms=7, color=_TRADE_SERIES[s][1], label=_TRADE_SERIES[s][0])
        for s in _TRADE_SERIES
        if s in present
    ]
    handles += _qualifier_handles(set(rows["qualifier"].astype(str)))
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)

    caption = (
        f"{len(rows)} figures for total trade in USD, each at the middle of its period, labelled with its source; "
        f"figures from different sources are never averaged and points are not joined. "
        f"Not shown: {left_out} other Türkiye–Russia rows (target, ranks, shares, FDI, tourism)."
    )
    _heading(ax, "Türkiye–Russia bilateral trade", caption)
    return fig
