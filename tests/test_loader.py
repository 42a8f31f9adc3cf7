"""The analyst's API: tables, load, load_all, records, citations_for, package, versions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import turkey_russia_data as trd

FACTS = ["events", "trade_flows", "energy_shares", "arms_deals", "member_state_positions"]


def test_tables_lists_facts_first() -> None:
    names = trd.tables()
    assert list(names[:5]) == FACTS
    assert {"sources", "actors", "citations", "event_actors"} <= set(names)


@pytest.mark.parametrize("name", FACTS)
def test_every_fact_table_has_real_rows(name: str) -> None:
    assert len(trd.load(name)) >= 5


def test_dtypes_follow_the_schema() -> None:
    events = trd.load("events")
    assert isinstance(events["category"].dtype, pd.CategoricalDtype)
    assert not events["category"].cat.ordered
    assert str(events["fatalities"].dtype) == "Int64"
    assert str(events["event_id"].dtype) == "string"
    assert events["date_start"].dtype.kind == "M" and events["date_end"].dtype.kind == "M"
    assert isinstance(events["date_precision"].dtype, pd.CategoricalDtype)

    trade = trd.load("trade_flows")
    assert str(trade["value"].dtype) == "Float64"
    # codes stay strings even when they look like something else
    assert str(trade["reporter"].dtype) == "string"

    stance = trd.load("member_state_positions")["stance"]
    assert stance.cat.ordered
    assert list(stance.cat.categories) == ["opposed", "reluctant", "cautious", "cooperative", "supportive"]
    assert (stance >= "cautious").any()

    actors = trd.load("actors")
    assert str(actors["nato_member"].dtype) == "boolean"
    assert bool(actors.set_index("actor_id").loc["TUR", "nato_member"]) is True


def test_derived_dates_respect_precision() -> None:
    events = trd.load("events").set_index("event_id")
    both = events.dropna(subset=["date_start", "date_end"])
    assert (both["date_start"] <= both["date_end"]).all()
    # an open start ("../2022-01") has no start but a real end
    open_start = events[events["date"].str.startswith("../")]
    assert open_start["date_start"].isna().all() and open_start["date_end"].notna().all()
    by_date = events.reset_index().set_index("date")
    su24 = by_date.loc["2015-11-24"]
    assert su24["date_precision"] == "day"
    assert su24["date_start"] == su24["date_end"] == pd.Timestamp("2015-11-24")
    year_rows = events[events["date"].str.fullmatch(r"[0-9]{4}")]
    assert (year_rows["date_precision"] == "year").all()
    assert (year_rows["date_end"] - year_rows["date_start"]).dt.days.min() >= 364


def test_unknown_table_names_the_valid_ones() -> None:
    with pytest.raises(trd.UnknownTableError) as info:
        trd.load("event")
    message = str(info.value)
    assert "'event'" in message
    for name in FACTS:
        assert name in message
    assert isinstance(info.value, KeyError)


def test_load_all_matches_load() -> None:
    frames = trd.load_all()
    assert list(frames) == list(trd.tables())
    pd.testing.assert_frame_equal(frames["arms_deals"], trd.load("arms_deals"))


def test_records_are_models() -> None:
    deals = trd.records("arms_deals")
    assert all(isinstance(d, trd.ArmsDeal) for d in deals)
    assert len(deals) == len(trd.load("arms_deals"))


def test_citations_for_returns_quotes_with_sources() -> None:
    events = trd.load("events")
    row_id = events["event_id"].iloc[0]
    evidence = trd.citations_for("events", row_id)
    assert len(evidence) >= 1
    assert set(evidence["row_id"]) == {row_id}
    assert evidence["quote"].str.len().min() > 0
    assert evidence["source_title"].notna().any() or evidence["source_authors"].notna().any()
    with pytest.raises(ValueError, match="not a fact table"):
        trd.citations_for("actors", "TUR")


def test_versions_agree(repo_root: Path) -> None:
    package = json.loads((repo_root / "datapackage.json").read_text("utf-8"))
    assert trd.__version__ == package["version"] == trd.data_version()
    assert trd.package()["name"] == "turkey-russia-data"
    copy = trd.package()
    copy["name"] = "changed"
    assert trd.package()["name"] == "turkey-russia-data"


def test_import_and_load_do_not_import_frictionless_or_pydantic() -> None:
    code = (
        "import sys, turkey_russia_data as trd; trd.load_all(); "
        "print(sorted(m for m in ('frictionless', 'pydantic', 'jsonschema') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_readme_table_counts_match_the_data(repo_root: Path) -> None:
    import re

    readme = (repo_root / "README.md").read_text("utf-8")
    counts = dict(re.findall(r"^\| `([a-z_]+)` \| (\d+) \|", readme, flags=re.M))
    assert counts == {name: str(len(trd.load(name))) for name in trd.tables()}
