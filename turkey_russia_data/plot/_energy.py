"""Russia in Türkiye's energy supply: ``energy``, with the colour of each fuel and the
marker of each share metric."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..loader import load
from ._common import _figure_class, _heading, _new_figure, _period_years, _root
from ._values import _QUALIFIER_WORDS, _draw_values, _midpoints, _qualifier_handles, _sources, _year_axis

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

_FUEL_COLOURS = {
    "natural_gas": "#1f77b4",
    "crude_oil": "#6b4c2a",
    "oil_products": "#b5651d",
    "oil": "#8c564b",
    "coal": "#3a3a3a",
}
_METRIC_MARKERS = {
    "share_of_imports": "o",
    "share_of_consumption": "s",
    "share_of_energy_imports": "D",
    "share_of_generation": "^",
}
_SHARE_METRICS = tuple(_METRIC_MARKERS)
_OIL = ("crude_oil", "oil_products", "oil")


def energy(*, ax: Axes | Sequence[Axes] | None = None) -> Figure:
    """Russia's share of Türkiye's fuel imports or consumption, and import volumes.

    Top panel: every ``energy_shares`` row with country TUR, supplier RUS, a percent
    unit, a share metric (share of imports, of consumption, of energy imports, of
    generation) and a closed period; colour is the fuel, marker shape the metric. Bottom
    panel: Russian import volumes given in tonnes (the sources give volumes, not shares,
    for oil products and coal). Each figure sits at the middle of its period; a period
    longer than a year is drawn as a span. Qualified figures ("nearly", "more than") are
    hollow, with an arrow towards the true value. Points are not joined: the years
    between them have no data.

    Left out: ranks, payments, growth ratios, pipeline capacities and planned volumes,
    other suppliers (LNG from all suppliers, Azerbaijan, Iran), and rows without a period;
    the caption counts the Türkiye–Russia rows left out. ``ax``: one Axes gets the shares
    panel only; two Axes get both. Returns the Figure.
    """
    figure_class = _figure_class()
    from matplotlib.lines import Line2D

    data = load("energy_shares")
    pair = (data["country"] == "TUR") & (data["supplier"] == "RUS")
    dated = data["period_start"].notna() & data["period_end"].notna()
    share_rows = data[pair & dated & (data["unit"] == "percent") & data["metric"].isin(_SHARE_METRICS)]
    volume_rows = data[pair & dated & (data["metric"] == "import_volume") & (data["unit"] == "tonnes")]
    shares = share_rows.reset_index(drop=True)
    volumes = volume_rows.reset_index(drop=True)
    left_out = int(pair.sum()) - len(shares) - len(volumes)

    if ax is None:
        fig = _new_figure(figure_class, (10.0, 7.6))
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[3, 2])
        axes: list[Axes] = [top, bottom]
    else:
        from matplotlib.axes import Axes

        # A numpy array of Axes (from subplots) is not a Sequence, so test for one Axes instead.
        axes = [ax] if isinstance(ax, Axes) else list(ax)
        if len(axes) not in (1, 2):
            raise ValueError("ax must be one Axes (shares only) or two (shares and volumes)")
        fig = _root(axes[0])
    with_volumes = len(axes) == 2

    sources = _sources("energy_shares")
    periods = pd.concat([shares, volumes]) if with_volumes else shares
    all_spans = _period_years(periods, "period")
    lo = float(np.floor(np.nanmin(all_spans[0]))) - 1 if len(periods) else 2000.0
    hi = float(np.ceil(np.nanmax(all_spans[1]))) + 1 if len(periods) else 2025.0

    share_ax = axes[0]
    x, spans = _midpoints(shares)
    _draw_values(
        share_ax,
        shares,
        shares["value"].to_numpy(dtype=float),
        x,
        spans,
        [_FUEL_COLOURS.get(str(f), "#777777") for f in shares["fuel"]],
        [_METRIC_MARKERS[str(m)] for m in shares["metric"]],
        [
            f"{_QUALIFIER_WORDS[str(r.qualifier)]}{float(r.value):g}%\n{sources.get(str(r.share_id), '')}"
            for r in shares.itertuples()
        ],
        [f"{r.fuel}|{r.metric}|{r.period}" for r in shares.itertuples()],
    )
    _year_axis(share_ax, lo, hi)
    share_ax.set_ylim(0, 100)
    share_ax.set_ylabel("Russia's share (%)")
    fuels = list(dict.fromkeys(str(f) for f in shares["fuel"]))
    metrics = list(dict.fromkeys(str(m) for m in shares["metric"]))
    handles: list[Artist] = [
        Line2D([], [], ls="none", marker="o", ms=7, color=_FUEL_COLOURS.get(f, "#777777"), label=f.replace("_", " "))
        for f in fuels
    ]
    handles += [
        Line2D(
            [], [], ls="none", marker=_METRIC_MARKERS[m], ms=7, mec="#555555", mfc="#555555", label=m.replace("_", " ")
        )
        for m in metrics
    ]
    handles += _qualifier_handles(set(shares["qualifier"].astype(str)))
    share_ax.legend(handles=handles, loc="upper right", fontsize=8, ncol=2, frameon=False)

    missing = [
        name for name, fuels_of in (("oil", _OIL), ("coal", ("coal",))) if not shares["fuel"].isin(fuels_of).any()
    ]
    caption = (
        "Russia's share of Türkiye's imports or consumption, each at the middle of its period; points are not joined."
    )
    if missing:
        caption += f" The sources give no Russian share for {' or '.join(missing)}" + (
            ": volumes below." if with_volumes else "."
        )
    caption += f" Not shown: {left_out} other Türkiye–Russia rows (ranks, payments, growth, capacities, no period)."
    if not with_volumes:
        caption += " Import volumes not shown."
    _heading(share_ax, "Russia in Türkiye's energy supply", caption)

    if with_volumes:
        vol_ax = axes[1]
        x, spans = _midpoints(volumes)
        _draw_values(
            vol_ax,
            volumes,
            volumes["value"].to_numpy(dtype=float) / 1e6,
            x,
            spans,
            [_FUEL_COLOURS.get(str(f), "#777777") for f in volumes["fuel"]],
            ["o"] * len(volumes),
            [
                f"{_QUALIFIER_WORDS[str(r.qualifier)]}{float(r.value) / 1e6:g} Mt\n{sources.get(str(r.share_id), '')}"
                for r in volumes.itertuples()
            ],
            [f"{r.fuel}|{r.period}" for r in volumes.itertuples()],
        )
        _year_axis(vol_ax, lo, hi)
        top_value = float(volumes["value"].max()) / 1e6 if len(volumes) else 1.0
        vol_ax.set_ylim(0, top_value * 1.3)
        vol_ax.set_ylabel("imports from Russia\n(million tonnes)")
        vol_ax.set_xlabel("year (each figure at the middle of its period)")
        vol_ax.set_title("Import volumes (the sources give no share for these)", loc="left", fontsize=10)
        vol_fuels = list(dict.fromkeys(str(f) for f in volumes["fuel"]))
        vol_handles: list[Artist] = [
            Line2D(
                [], [], ls="none", marker="o", ms=7, color=_FUEL_COLOURS.get(f, "#777777"), label=f.replace("_", " ")
            )
            for f in vol_fuels
        ]
        vol_handles += _qualifier_handles(set(volumes["qualifier"].astype(str)))[1:]
        vol_ax.legend(handles=vol_handles, loc="upper left", fontsize=8, frameon=False)
    if ax is not None or not with_volumes:
        share_ax.set_xlabel("year (each figure at the middle of its period)")
    return fig
