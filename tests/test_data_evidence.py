"""The data against its evidence: figures as printed occur in a supporting quote, quotes
occur in the source texts, and hand-picked rows say what the texts say."""

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


def _row(table: str, row_id: str) -> pd.Series:
    frame = trd.load(table)
    return frame.set_index(frame.columns[0]).loc[row_id]


# Hand-picked rows read against the texts: (table, id, expected cells).
SPOT_CHECKS = [
    ("events", "EV0002", {"date": "1952", "category": "institutional"}),
    ("events", "EV0008", {"date": "2015-11-24", "category": "security_incident"}),
    ("events", "EV0020", {"date": "2020", "fatalities": 33}),
    ("events", "EV0032", {"date": "2025-03-19", "category": "domestic_politics"}),
    (
        "trade_flows",
        "TF0002",
        {"period": "2021", "reporter": "RUS", "partner": "TUR", "flow": "export", "value": 28.9e9, "unit": "USD"},
    ),
    ("trade_flows", "TF0004", {"period": "2022", "flow": "turnover", "value": 60e9, "qualifier": "more_than"}),
    ("trade_flows", "TF0018", {"period": "2009", "value": 3.067e9, "value_as_stated": "3067 billion dollars"}),
    ("trade_flows", "TF0022", {"period": "2024", "commodity": "arms", "value": 7.15e9}),
    ("energy_shares", "ES0001", {"period": "2022", "supplier": "RUS", "value": 40, "qualifier": "nearly"}),
    ("energy_shares", "ES0018", {"period": "2017", "value": 52, "metric": "share_of_imports"}),
    ("energy_shares", "ES0020", {"period": "2015", "route": "LNG", "value": 15.8}),
    ("energy_shares", "ES0010", {"route": "TurkStream", "value": 31.5e9, "unit": "cubic_metres_per_year"}),
    ("arms_deals", "AD0001", {"supplier": "RUS", "recipient": "TUR", "system": "S-400", "delivery_date": "2019-07"}),
    ("arms_deals", "AD0013", {"system": "Hürjet", "date": "2024-12", "deal_type": "mou"}),
    ("arms_deals", "AD0014", {"value": 1.375e9, "currency": "EUR"}),
    ("arms_deals", "AD0015", {"supplier_company": "LEONARDO", "recipient_company": "BAYKAR", "date": "2025-03"}),
    ("member_state_positions", "MP0001", {"actor": "POL", "stance": "cooperative"}),
    ("member_state_positions", "MP0006", {"actor": "DEU", "stance": "cautious"}),
    ("member_state_positions", "MP0007", {"actor": "FRA", "stance": "reluctant"}),
    ("member_state_positions", "MP0012", {"actor": "TUR", "topic": "sanctions_against_russia", "stance": "opposed"}),
]


@pytest.mark.parametrize(("table", "row_id", "expected"), SPOT_CHECKS, ids=[f"{t}:{i}" for t, i, _ in SPOT_CHECKS])
def test_spot_check(table: str, row_id: str, expected: dict[str, object]) -> None:
    row = _row(table, row_id)
    for column, value in expected.items():
        if isinstance(value, float):
            assert row[column] == pytest.approx(value), column
        else:
            assert row[column] == value, column
