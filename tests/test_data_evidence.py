"""The data against its evidence: figures as printed occur in a supporting quote, quotes
occur in the source texts; hand-picked rows are in test_spot_checks."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import turkey_russia_data as trd
from turkey_russia_data.textnorm import normalise, occurs, readings
from turkey_russia_data.validation import validate

AS_STATED = {
    "events": ["fatalities_as_stated"],
    "trade_flows": ["value_as_stated"],
    "energy_shares": ["value_as_stated"],
    "arms_deals": ["value_as_stated", "quantity_as_stated"],
}
PK = {"events": "event_id", "trade_flows": "flow_id", "energy_shares": "share_id", "arms_deals": "deal_id"}


@pytest.fixture(scope="module")
def quotes() -> pd.DataFrame:
    cites = trd.load("citations")
    return cites[cites["relation"] == "supports"]


@pytest.mark.parametrize("table", list(AS_STATED))
def test_figures_as_printed_occur_in_a_supporting_quote(table: str, quotes: pd.DataFrame) -> None:
    frame = trd.load(table)
    mine = quotes[quotes["table"] == table].groupby("row_id")["quote"].apply(lambda q: [normalise(x) for x in q])
    missing = []
    for column in AS_STATED[table]:
        for row_id, printed in frame[[PK[table], column]].dropna().itertuples(index=False):
            if not any(normalise(printed) in q for q in mine.get(row_id, [])):
                missing.append((row_id, column, printed))
    assert not missing


def test_quotes_are_short_and_carry_no_endnote_marker() -> None:
    cites = trd.load("citations")
    assert cites["quote"].str.len().max() <= 300
    # "... in 1952.4" would smuggle endnote 4 into the evidence
    assert not cites["quote"].str.contains(r"(?:[a-z)\"'\u201d]|[0-9]{4})\.[0-9]{1,2}$").any()


def test_source_fingerprints_match_the_texts(sources_dir: Path) -> None:
    on_disk = {hashlib.sha256(p.read_bytes()).hexdigest() for p in sources_dir.glob("*.txt")}
    assert set(trd.load("sources")["text_sha256"]) <= on_disk


def test_every_quote_occurs_in_its_source(sources_dir: Path) -> None:
    report = validate(sources=sources_dir)
    assert report.levels["quotes"] == "ok", [p.message for p in report.problems][:10]


def test_a_changed_quote_is_caught(sources_dir: Path, package_copy: Path) -> None:
    path = package_copy / "tables" / "citations.csv"
    path.write_text(path.read_text("utf-8").replace("$28.9 billion", "$29.8 billion", 1), encoding="utf-8")
    report = validate(package_copy, sources=sources_dir)
    assert report.levels["quotes"] == "failed"
    assert len(report.by_code("E301")) == 1


def test_normalisation_handles_the_texts_traps() -> None:
    text = readings(
        "Turkey was deeply disap-\npointed; deeply-\ningrained \u201cdistrust\u201d\u2014[made progress](#)"
    )
    assert occurs("deeply disappointed", text)
    assert occurs('deeply-ingrained "distrust"-made progress', text)
    assert not occurs("deeply disap- pointed", text)
