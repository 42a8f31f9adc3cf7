"""Figures of the shipped data: an event timeline, Russia's energy shares, bilateral trade.

matplotlib is an optional dependency: it is imported when a function is called, never
when this module is imported. Figures are built with ``matplotlib.figure.Figure``
directly, so no GUI backend is needed and pyplot keeps no reference to them.

Every mark that stands for a table row carries the row's id in its ``gid``
(``"event:EV0008"``, ``"row:TF0001"``), and the extras drawn for a row say what they
are (``"open:EV0039"`` for an open end's arrow, ``"bound:TF0001"`` for a qualifier's
arrow, ``"span:ES0006"`` for a period longer than a year), so that what a figure shows
can be checked against the table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import dates
from .loader import data_version, load

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["energy", "timeline", "trade"]

_MISSING = "plotting needs matplotlib: pip install 'turkey-russia-data[plot]'"

# Darker for finer precision, so that a sharp mark reads as surer than a vague one.
_PRECISION_COLOURS = {
    "day": "#08306b",
    "month": "#2171b5",
    "season": "#41b6c4",
    "year": "#e08a2e",
    "decade": "#8c6bb1",
    "century": "#9a9a9a",
}
_PRECISION_LABELS = {
    "day": "between two known days",
    "month": "known to the month",
    "season": "known to the season",
    "year": "known to the year",
    "decade": "known to the decade",
    "century": "known to the century",
}
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
_TRADE_FLOWS = ("export", "import", "turnover")
_TRADE_SERIES = {
    "tur_to_rus": ("Türkiye's exports to Russia", "#c0392b"),
    "rus_to_tur": ("Russia's exports to Türkiye", "#2c3e91"),
    "turnover": ("Turnover (both directions)", "#7b3294"),
}


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


def _bound(value: str | int | None, side: str) -> float | None:
    if value is None:
        return None
    text = f"{value:04d}" if isinstance(value, int) else str(value)
    try:
        parsed = dates.parse(text)
    except dates.EdtfError as exc:
        raise ValueError(f"{side} must be a year or an ISO/EDTF date: {value!r}") from exc
    day = parsed.start if side == "start" else parsed.end
    if day is None:
        raise ValueError(f"{side} must not be open-ended: {value!r}")
    edge = np.array([day], dtype="datetime64[D]") + np.timedelta64(0 if side == "start" else 1, "D")
    return float(_years(edge)[0])


def _tag(artist: Artist, kind: str, row_id: str) -> None:
    artist.set_gid(f"{kind}:{row_id}")


@dataclass
class _Mark:
    event_id: str
    category: str
    x0: float
    x1: float
    point: bool
    precision: str
    vague: bool
    open_start: bool
    open_end: bool
    lane: int = 0


def _pack(marks: list[_Mark], gap: float) -> int:
    """Greedy interval packing into lanes, so that no mark hides another. Returns the
    number of lanes used."""
    ends: list[float] = []
    for m in sorted(marks, key=lambda m: (m.x0, m.x1)):
        for lane, lane_end in enumerate(ends):
            if lane_end + gap <= m.x0:
                m.lane, ends[lane] = lane, m.x1
                break
        else:
            m.lane = len(ends)
            ends.append(m.x1)
    return max(len(ends), 1)


def timeline(
    *,
    start: str | int | None = None,
    end: str | int | None = None,
    categories: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Events by category over time, each date drawn only as precisely as it is known.

    One band per category (schema order, or the order of ``categories``; without
    ``categories``, only those with an event in view); within a band, marks are stacked
    in lanes so that none hides another. A single day is a point; anything coarser
    (month, season, year, decade, century) and any interval is a bar over the days it
    covers, coloured by precision. An open end (``../X``, ``X/..``) runs to the edge of
    the plot and ends in an arrow there. Approximate or uncertain dates (EDTF ``~``,
    ``?``, ``%``) are lighter and hatched, or a hollow point.

    ``start``/``end`` (a year or an ISO/EDTF date; ``end`` includes its whole year or
    month) clip the view; events wholly outside it are left out, and the caption counts
    them. Events without a date are left out and counted in the caption. Event titles,
    actors and fatalities are not drawn. Returns the Figure; with ``ax``, draws into that
    Axes and returns its figure.
    """
    figure_class = _figure_class()
    from matplotlib.colors import to_rgba
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.ticker import MaxNLocator
    from matplotlib.transforms import ScaledTranslation

    events = load("events")
    known = [str(c) for c in events["category"].cat.categories]
    if categories is not None:
        unknown = [c for c in categories if c not in known]
        if unknown:
            raise ValueError(f"unknown event categories: {unknown}; known: {known}")
    lo_req, hi_req = _bound(start, "start"), _bound(end, "end")
    if lo_req is not None and hi_req is not None and hi_req <= lo_req:
        raise ValueError(f"end ({end!r}) must be after start ({start!r})")

    total = len(events)
    undated = int(events["date"].isna().sum())
    events = events[events["date"].notna()].reset_index(drop=True)
    x0, x1 = _period_years(events, "date")
    finite = np.concatenate([x0[~np.isnan(x0)], x1[~np.isnan(x1)]])
    first, last = float(finite.min()), float(finite.max())
    lo = lo_req if lo_req is not None else first - 0.01 * (last - first)
    hi = hi_req if hi_req is not None else last + 0.01 * (last - lo)
    width = hi - lo

    wanted = list(categories) if categories is not None else known
    marks: list[_Mark] = []
    outside = other_category = 0
    for i in range(len(events)):
        a, b = float(x0[i]), float(x1[i])
        open_start, open_end = bool(np.isnan(a)), bool(np.isnan(b))
        if (not open_start and a >= hi) or (not open_end and b <= lo):
            outside += 1
            continue
        category = str(events.at[i, "category"])
        if category not in wanted:
            other_category += 1
            continue
        parsed = dates.parse(str(events.at[i, "date"]))
        # A day-precise interval (2022-02-24/2024-10-15) covers years: only a single day is a point.
        point = parsed.precision == "day" and parsed.start == parsed.end
        marks.append(
            _Mark(
                event_id=str(events.at[i, "event_id"]),
                category=category,
                x0=lo if open_start else a,
                x1=hi if open_end else b,
                point=point,
                precision=parsed.precision,
                vague=parsed.approximate or parsed.uncertain,
                open_start=open_start,
                open_end=open_end,
            )
        )

    shown = [c for c in wanted if categories is not None or any(m.category == c for m in marks)]
    # Packed on what is visible; a point takes about a marker's width.
    half_point = 0.004 * width
    lanes: dict[str, int] = {}
    for cat in shown:
        in_cat = [m for m in marks if m.category == cat]
        extents = [replace(m, x0=max(m.x0, lo), x1=min(m.x1, hi)) for m in in_cat]
        for m in extents:
            if m.point:
                m.x0, m.x1 = m.x0 - half_point, m.x0 + half_point
        lanes[cat] = _pack(extents, gap=0.003 * width)
        for m, packed in zip(in_cat, extents, strict=True):
            m.lane = packed.lane

    band_gap = 0.8
    base: dict[str, float] = {}
    y = 0.0
    for cat in shown:
        base[cat] = y
        y += lanes[cat] + band_gap
    y_max = y - band_gap

    if ax is None:
        fig = _new_figure(figure_class, (12.0, 2.4 + 0.15 * y_max))
        ax = fig.add_subplot()
    else:
        fig = _root(ax)

    for k, cat in enumerate(shown):
        if k % 2 == 0:
            ax.axhspan(base[cat] - band_gap / 2, base[cat] + lanes[cat] + band_gap / 2, color="#f3f3f3", lw=0, zorder=0)

    bar_h = 0.72
    for m in marks:
        colour = _PRECISION_COLOURS[m.precision]
        yc = base[m.category] + m.lane + 0.5
        if m.point:
            (line,) = ax.plot(
                [m.x0 + 0.5 / 365.25],
                [yc],
                ls="none",
                marker="o",
                ms=5,
                mec=colour,
                mfc="white" if m.vague else colour,
                mew=1.2,
                zorder=4,
            )
            _tag(line, "event", m.event_id)
            continue
        face = to_rgba(colour, 0.35) if m.vague or m.open_start or m.open_end else to_rgba(colour)
        rect = Rectangle(
            (m.x0, yc - bar_h / 2),
            m.x1 - m.x0,
            bar_h,
            facecolor=face,
            edgecolor=colour,
            lw=0.6,
            hatch="/////" if m.vague else None,
            zorder=3,
        )
        ax.add_patch(rect)
        _tag(rect, "event", m.event_id)
        for is_open, edge, marker in ((m.open_start, lo, "<"), (m.open_end, hi, ">")):
            if is_open:
                (arrow,) = ax.plot([edge], [yc], ls="none", marker=marker, ms=5, color=colour, clip_on=False, zorder=5)
                _tag(arrow, "open", m.event_id)

    counts = {cat: sum(m.category == cat for m in marks) for cat in shown}
    ax.set_yticks([base[c] + lanes[c] / 2 for c in shown], [f"{c.replace('_', ' ')} ({counts[c]})" for c in shown])
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(y_max + band_gap / 2, -band_gap / 2)
    ax.set_xlim(lo, hi)
    if width >= 2:
        # Fractional years (2016.5) read as dates they are not.
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("year")
    ax.grid(axis="x", color="#dddddd", lw=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)

    precisions = [p for p in dates.PRECISIONS[::-1] if any(m.precision == p and not m.point for m in marks)]
    handles: list[Artist] = []
    if any(m.point for m in marks):
        c = _PRECISION_COLOURS["day"]
        handles.append(Line2D([], [], ls="none", marker="o", ms=5, color=c, label="a single day: point"))
    handles += [
        Patch(facecolor=_PRECISION_COLOURS[p], edgecolor=_PRECISION_COLOURS[p], label=_PRECISION_LABELS[p])
        for p in precisions
    ]
    if any(m.vague and not m.point for m in marks):
        handles.append(
            Patch(
                facecolor=to_rgba("#777777", 0.35),
                edgecolor="#777777",
                hatch="/////",
                label="approximate or uncertain (~ ? %)",
            )
        )
    if any(m.vague and m.point for m in marks):
        handles.append(
            Line2D(
                [], [], ls="none", marker="o", ms=5, mec="#08306b", mfc="white", label="day, approximate or uncertain"
            )
        )
    if any(m.open_start or m.open_end for m in marks):
        handles.append(
            Line2D([], [], ls="none", marker=">", ms=5, color="#777777", label="open end: runs on to the edge")
        )
    ax.legend(
        handles=handles,
        loc="upper center",
        # A fixed distance below the axes (clear of tick labels and the x label), whatever the figure's height.
        bbox_to_anchor=(0.5, 0),
        bbox_transform=ax.transAxes + ScaledTranslation(0, -0.42, fig.dpi_scale_trans),
        ncol=min(len(handles), 4),
        fontsize=8,
        frameon=False,
        title="A bar covers every day a date could mean, or an interval from its start to its end.",
        title_fontsize=8,
    )

    if start is not None and end is not None:
        window = f", {start}–{end}"
    elif start is not None:
        window = f" since {start}"
    elif end is not None:
        window = f" up to {end}"
    else:
        window = ""
    parts = [f"{len(marks)} of {total} events drawn"]
    if outside:
        parts.append(f"{outside} outside the years shown")
    if other_category:
        parts.append(f"{other_category} in other categories")
    cut = sum((not m.open_start and m.x0 < lo) or (not m.open_end and m.x1 > hi) for m in marks)
    if cut:
        parts.append(
            f"{cut} {'bar' if cut == 1 else 'bars'} with a known start or end beyond the years shown cut at the edge "
            "(no arrow)"
        )
    parts.append(f"{undated} without a date (left out)" if undated else "none lacks a date")
    _heading(ax, f"Türkiye–Russia relations: events by category{window}", "; ".join(parts) + ".")
    return fig


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
