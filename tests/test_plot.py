"""trd.plot: the figures render, and what they draw is exactly what the tables hold.

Every mark for a table row carries the row id in its gid ("event:EV0008", "row:TF0001"),
so the tests count marks against an independent reading of the tables.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import turkey_russia_data as trd  # noqa: E402
from turkey_russia_data import dates, plot  # noqa: E402
from turkey_russia_data.loader import load  # noqa: E402
from turkey_russia_data.plot import _timeline, _trade  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PNG = b"\x89PNG\r\n\x1a\n"


def xy(artist: Artist) -> tuple[float, float]:
    """Where a single-point marker sits."""
    assert isinstance(artist, Line2D)
    return float(np.asarray(artist.get_xdata())[0]), float(np.asarray(artist.get_ydata())[0])


def marks(where: Figure | Artist, kind: str = "event") -> list[Artist]:
    return [a for a in where.findobj() if str(a.get_gid() or "").startswith(f"{kind}:")]


def ids(where: Figure | Artist, kind: str = "event") -> list[str]:
    return [str(a.get_gid()).split(":", 1)[1] for a in marks(where, kind)]


def events_in(lo: date | None, hi: date | None) -> pd.DataFrame:
    """Dated events overlapping [lo, hi] (inclusive days), read from the table with dates.parse."""
    events = trd.load("events")
    events = events[events["date"].notna()]
    keep = []
    for text in events["date"]:
        r = dates.parse(text)
        keep.append((hi is None or r.start is None or r.start <= hi) and (lo is None or r.end is None or r.end >= lo))
    out: pd.DataFrame = events[keep]
    return out


def single_day(text: str) -> bool:
    r = dates.parse(text)
    return r.precision == "day" and r.start == r.end


# --- rendering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "draw",
    [lambda: plot.timeline(start=2000), lambda: plot.timeline(), plot.energy, plot.trade],
    ids=["timeline-2000", "timeline-all", "energy", "trade"],
)
def test_renders_png(draw: object, tmp_path: Path) -> None:
    fig = draw()  # type: ignore[operator]
    assert isinstance(fig, Figure)
    path = tmp_path / "fig.png"
    fig.savefig(path, dpi=80)
    data = path.read_bytes()
    assert data.startswith(PNG)
    assert len(data) > 20_000


def test_nothing_left_in_pyplot() -> None:
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    plot.timeline(start=2020)
    plot.energy()
    plot.trade()
    assert plt.get_fignums() == before


def test_import_does_not_need_matplotlib() -> None:
    # A fresh interpreter: importing loads no matplotlib; then, with matplotlib made
    # unimportable, the module imports again and each function says what to install.
    code = (
        "import sys, turkey_russia_data.plot\n"
        "assert 'matplotlib' not in sys.modules\n"
        "for name in [m for m in sys.modules if m.startswith('turkey_russia_data.plot')]:\n"
        "    del sys.modules[name]\n"
        "sys.modules['matplotlib'] = None\n"
        "import turkey_russia_data.plot as p\n"
        "for f in (p.timeline, p.energy, p.trade):\n"
        "    try:\n"
        "        f()\n"
        "    except ImportError as e:\n"
        "        assert str(e) == \"plotting needs matplotlib: pip install 'turkey-russia-data[plot]'\", e\n"
        "    else:\n"
        "        raise SystemExit('no ImportError')\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


# --- timeline ----------------------------------------------------------------------------


def test_timeline_one_mark_per_dated_event_in_window() -> None:
    fig = plot.timeline(start=2000)
    expected = events_in(date(2000, 1, 1), None)
    drawn = ids(fig)
    assert len(drawn) == len(set(drawn)), "an event drawn twice"
    assert sorted(drawn) == sorted(expected["event_id"])
    assert len(drawn) > 100


def test_timeline_points_only_for_single_days() -> None:
    fig = plot.timeline(start=2000)
    expected = events_in(date(2000, 1, 1), None)
    days = {str(e) for e, d in zip(expected["event_id"], expected["date"], strict=True) if single_day(d)}
    points = {str(a.get_gid()).split(":")[1] for a in marks(fig) if isinstance(a, Line2D)}
    bars = {str(a.get_gid()).split(":")[1] for a in marks(fig) if isinstance(a, Rectangle)}
    assert points == days
    assert len(points) >= 3
    # Day-precise intervals (2022-02-24/2024-10-15) are bars, not points.
    day_intervals = {
        str(e)
        for e, d in zip(expected["event_id"], expected["date"], strict=True)
        if dates.parse(d).precision == "day" and not single_day(d)
    }
    assert day_intervals and day_intervals <= bars
    assert len(points) + len(bars) == len(expected)


def test_timeline_open_ends_get_an_arrow_and_vague_dates_a_hatch() -> None:
    fig = plot.timeline(start=2000)
    expected = events_in(date(2000, 1, 1), None)
    open_ids = {str(e) for e, d in zip(expected["event_id"], expected["date"], strict=True) if ".." in d}
    assert open_ids
    assert sorted(ids(fig, "open")) == sorted(open_ids)  # one arrow each: no event is open at both ends

    vague = {
        str(e)
        for e, d in zip(expected["event_id"], expected["date"], strict=True)
        if dates.parse(d).approximate or dates.parse(d).uncertain
    }
    assert vague
    for artist in marks(fig):
        event_id = str(artist.get_gid()).split(":")[1]
        if isinstance(artist, Rectangle):
            assert bool(artist.get_hatch()) == (event_id in vague), event_id
        else:
            assert isinstance(artist, Line2D)
            assert (artist.get_markerfacecolor() == "white") == (event_id in vague), event_id


def test_timeline_start_end_clip() -> None:
    fig = plot.timeline(start=2015, end=2016)
    ax = fig.axes[0]
    assert ax.get_xlim() == pytest.approx((2015.0, 2017.0))  # end 2016 includes all of 2016
    expected = events_in(date(2015, 1, 1), date(2016, 12, 31))
    assert sorted(ids(fig)) == sorted(expected["event_id"])
    assert len(expected) < len(events_in(None, None))
    assert "2015–2016" in ax.get_title(loc="left")

    # ISO strings work too, and a later start draws no event that ended before it.
    later = plot.timeline(start="2022-03-01")
    events = trd.load("events").set_index("event_id")
    for event_id in ids(later):
        row = events.loc[event_id]
        assert pd.isna(row["date_end"]) or row["date_end"] >= np.datetime64("2022-03-01", "s")
    assert "2016-07-16" not in set(events.loc[ids(later), "date"])


def test_timeline_caption_counts_what_is_left_out() -> None:
    fig = plot.timeline(start=2000)
    ax = fig.axes[0]
    total = len(trd.load("events"))
    drawn = len(ids(fig))
    captions = [t.get_text() for t in ax.texts]
    assert any(f"{drawn} of {total} events drawn" in c for c in captions), captions
    assert any(f"{total - drawn} outside the years shown" in c for c in captions), captions
    assert "since 2000" in ax.get_title(loc="left")
    assert ax.get_title(loc="right") == f"source: turkey-russia-data {trd.data_version()}"


def test_timeline_undated_events_are_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    real = load

    def with_undated(name: str) -> pd.DataFrame:
        frame = real(name)
        if name == "events":
            frame = frame.copy()
            frame.loc[frame.index[:2], ["date", "date_start", "date_end", "date_precision"]] = pd.NA
        return frame

    monkeypatch.setattr(_timeline, "load", with_undated)
    fig = plot.timeline()
    assert len(ids(fig)) == len(real("events")) - 2
    assert any("2 without a date (left out)" in t.get_text() for t in fig.axes[0].texts)


def test_timeline_categories() -> None:
    fig = plot.timeline(start=2000, categories=["energy", "sanctions"])
    events = trd.load("events").set_index("event_id")
    drawn = ids(fig)
    assert drawn
    assert set(events.loc[drawn, "category"]) == {"energy", "sanctions"}
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert [label.split(" (")[0] for label in labels] == ["energy", "sanctions"]
    with pytest.raises(ValueError, match="unknown event categories"):
        plot.timeline(categories=["weather"])
    with pytest.raises(ValueError, match="after start"):
        plot.timeline(start=2020, end=2010)


# --- energy ------------------------------------------------------------------------------


def energy_expected() -> tuple[pd.DataFrame, pd.DataFrame]:
    data = trd.load("energy_shares")
    pair = (data["country"] == "TUR") & (data["supplier"] == "RUS") & data["period"].notna()
    shares = data[pair & (data["unit"] == "percent") & data["metric"].astype(str).str.startswith("share_of")]
    volumes = data[pair & (data["metric"] == "import_volume") & (data["unit"] == "tonnes")]
    return shares, volumes


def test_energy_plots_exactly_the_qualifying_rows() -> None:
    fig = plot.energy()
    shares, volumes = energy_expected()
    share_ax, volume_ax = fig.axes[:2]
    assert sorted(ids(share_ax, "row")) == sorted(shares["share_id"])
    assert sorted(ids(volume_ax, "row")) == sorted(volumes["share_id"])
    assert {"ES0001", "ES0018", "ES0019"} <= set(ids(share_ax, "row"))
    assert len(ids(fig, "row")) == len(shares) + len(volumes)

    by_id = pd.concat([shares, volumes]).set_index("share_id")
    for artist in marks(fig, "row"):
        assert isinstance(artist, Line2D)
        row = by_id.loc[str(artist.get_gid()).split(":")[1]]
        scale = 1 if row["unit"] == "percent" else 1e6
        assert xy(artist)[1] == pytest.approx(float(row["value"]) / scale)
        # Qualified figures ("nearly 40 percent") are hollow, exact ones filled.
        assert (artist.get_markerfacecolor() == "white") == (row["qualifier"] != "exact")
    assert sorted(ids(fig, "bound")) == sorted(by_id.index[by_id["qualifier"] != "exact"])
    # Share of imports and share of consumption are told apart by marker shape.
    metric_of = {i: str(by_id.loc[i, "metric"]) for i in ids(share_ax, "row")}
    shapes = {
        metric_of[str(a.get_gid()).split(":")[1]]: a.get_marker()
        for a in marks(share_ax, "row")
        if isinstance(a, Line2D)
    }
    assert len(set(shapes.values())) == len(shapes)


def test_energy_into_given_axes() -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert plot.energy(ax=ax) is fig
    shares, volumes = energy_expected()
    assert sorted(ids(ax, "row")) == sorted(shares["share_id"])
    assert len(fig.axes) == 1

    fig2 = Figure()
    pair = fig2.subplots(1, 2)
    assert plot.energy(ax=pair) is fig2
    assert sorted(ids(pair[1], "row")) == sorted(volumes["share_id"])


# --- trade -------------------------------------------------------------------------------


def trade_expected() -> pd.DataFrame:
    data = trd.load("trade_flows")
    pair = ((data["reporter"] == "TUR") & (data["partner"] == "RUS")) | (
        (data["reporter"] == "RUS") & (data["partner"] == "TUR")
    )
    out: pd.DataFrame = data[
        pair
        & data["period"].notna()
        & (data["commodity"] == "total")
        & (data["unit"] == "USD")
        & data["flow"].isin(["export", "import", "turnover"])
    ]
    return out


def test_trade_plots_exactly_the_qualifying_rows() -> None:
    fig = plot.trade()
    expected = trade_expected()
    assert sorted(ids(fig, "row")) == sorted(expected["flow_id"])
    assert {"TF0001", "TF0002", "TF0003", "TF0004", "TF0008", "TF0011"} <= set(ids(fig, "row"))
    assert "TF0016" not in ids(fig, "row")  # the target turnover has no year
    by_id = expected.set_index("flow_id")
    for artist in marks(fig, "row"):
        row = by_id.loc[str(artist.get_gid()).split(":")[1]]
        assert xy(artist)[1] == pytest.approx(float(row["value"]) / 1e9)
    more_than = sorted(by_id.index[by_id["qualifier"] == "more_than"])
    assert more_than and sorted(ids(fig, "bound")) == more_than


def test_trade_shows_both_conflicting_figures_and_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    real = load

    def with_conflict(name: str) -> pd.DataFrame:
        frame = real(name)
        if name != "trade_flows":
            return frame
        rival = frame[frame["flow_id"] == "TF0002"].copy()
        rival["flow_id"], rival["value"] = "TF9001", 26_000_000_000.0
        # The same flow told from the other side: Türkiye's imports from Russia.
        mirrored = rival.copy()
        mirrored["flow_id"], mirrored["reporter"], mirrored["partner"], mirrored["flow"] = (
            "TF9002",
            "TUR",
            "RUS",
            "import",
        )
        multi = frame[frame["flow_id"] == "TF0011"].copy()
        multi["flow_id"], multi["period"] = "TF9003", "2015/2017"
        multi["period_start"], multi["period_end"] = np.datetime64("2015-01-01", "s"), np.datetime64("2017-12-31", "s")
        # A goal is not trade, even with a year.
        target = frame[frame["flow_id"] == "TF0016"].copy()
        target["flow_id"], target["period"] = "TF9004", "2030"
        target["period_start"], target["period_end"] = (
            np.datetime64("2030-01-01", "s"),
            np.datetime64("2030-12-31", "s"),
        )
        extra = [part.astype(frame.dtypes.to_dict()) for part in (rival, mirrored, multi, target)]
        out: pd.DataFrame = pd.concat([frame, *extra], ignore_index=True)
        return out

    monkeypatch.setattr(_trade, "load", with_conflict)
    fig = plot.trade()
    drawn = {str(a.get_gid()).split(":")[1]: a for a in marks(fig, "row")}
    assert {"TF0002", "TF9001", "TF9002", "TF9003"} <= set(drawn)
    assert len(drawn) == len(trade_expected()) + 3
    assert "TF9004" not in drawn
    xs = [xy(drawn[i])[0] for i in ("TF0002", "TF9001", "TF9002")]
    assert len(set(xs)) == 3, "conflicting figures drawn on top of each other"
    assert all(2021 < x < 2022 for x in xs)
    assert xy(drawn["TF9001"])[1] == pytest.approx(26.0)
    assert xy(drawn["TF0002"])[1] == pytest.approx(28.9)
    (span,) = marks(fig, "span")
    assert span.get_gid() == "span:TF9003"
    assert isinstance(span, Line2D)
    assert list(np.asarray(span.get_xdata(), dtype=float)) == pytest.approx([2015.0, 2018.0])


def test_trade_into_given_axes() -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert plot.trade(ax=ax) is fig
    assert sorted(ids(ax, "row")) == sorted(trade_expected()["flow_id"])


def test_timeline_into_given_axes() -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert plot.timeline(start=2020, ax=ax) is fig
    assert sorted(ids(ax)) == sorted(events_in(date(2020, 1, 1), None)["event_id"])


# --- the script --------------------------------------------------------------------------


# Renders the README's figures at full size (seconds); test_renders_png renders each figure
# in the default run.
@pytest.mark.slow
def test_make_figures_writes_three_pngs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The script's main() in this process; the folder it puts on sys.path is taken off again.
    monkeypatch.setattr(sys, "path", list(sys.path))
    spec = importlib.util.spec_from_file_location("make_figures", ROOT / "scripts" / "make_figures.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main(["--out", str(tmp_path / "a")]) == 0
    names = ("timeline.png", "energy.png", "trade.png")
    for name in names:
        data = (tmp_path / "a" / name).read_bytes()
        assert data.startswith(PNG)
        assert 20_000 < len(data) < 150_000, (name, len(data))
        assert b"Software" not in data[:2000]
