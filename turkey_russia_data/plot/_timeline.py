"""The event timeline: ``timeline``, with the lane packing of its marks and the colour
of each date precision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .. import dates
from ..loader import load
from ._common import _figure_class, _heading, _new_figure, _period_years, _root, _tag, _years

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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
