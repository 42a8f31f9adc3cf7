"""A dozen hand-picked rows per fact table, and twenty position rationales, read against
the source texts.

Each check names the row, the source and a phrase of that source's text which states the
fact, and the cells the row must hold: the phrase must occur in a supporting citation of
the row from that source, the row must say what the phrase says (value, unit, date,
direction), and — where the texts are present — the phrase must occur in the source text. The picks span all five
sources; energy figures occur only in ceip-entanglement and bardakci-feasible. A
rationale check names the row, a phrase of its rationale and the span of one of the row's
supporting quotes that carries it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import turkey_russia_data as trd
from turkey_russia_data.curation.paragraphs import read_sources, source_texts
from turkey_russia_data.loader import FACT_TABLES
from turkey_russia_data.textnorm import normalise, occurs, readings

CEIP, BARD, PIER, SWP, MAMM = (
    "ceip-entanglement",
    "bardakci-feasible",
    "pierini-balancing",
    "swp-alignment",
    "mammadov-security",
)

# (table, row id, source, phrase stating the fact, expected cells; "actors" = event_actors)
CHECKS: list[tuple[str, str, str, str, dict[str, object]]] = [
    # events
    ("events", "EV0001", CEIP, "In the 1853--1856 Crimean War", {"date": "1853/1856", "category": "military"}),
    ("events", "EV0002", BARD, "Turkey becoming a NATO member in 1952", {"date": "1952", "category": "institutional"}),
    (
        "events",
        "EV0008",
        BARD,
        "by a Turkish F-16 fighter jet close to the Turkey--Syria border on 24 November 2015",
        {"date": "2015-11-24", "category": "security_incident", "actors": {"TUR", "RUS"}},
    ),
    (
        "events",
        "EV0011",
        CEIP,
        "a personal call from Putin on July 17",
        {"date": "2016-07-17", "date_basis": "derived"},
    ),
    (
        "events",
        "EV0023",
        PIER,
        "has already used them to strike pro-Russian separatist forces in Donbas",
        {"date": "../2022-01", "location": "Donbas"},
    ),
    (
        "events",
        "EV0028",
        CEIP,
        "in November 2022, Ankara hosted William Burns and Sergei Naryshkin",
        {"date": "2022-11"},
    ),
    (
        "events",
        "EV0029",
        MAMM,
        "in 2023, the United Kingdom sign A closer military cooperation agreement",
        {"date": "2023", "actors": {"GBR", "TUR"}},
    ),
    ("events", "EV0032", SWP, "On 19 March 2025", {"date": "2025-03-19", "category": "domestic_politics"}),
    ("events", "EV0038", BARD, "Turkey approached the Soviet Union between 1964 and 1979", {"date": "1964/1979"}),
    (
        "events",
        "EV0084",
        BARD,
        "the PYD opened a representative office in Moscow in February 2016",
        {"date": "2016-02", "location": "Moscow"},
    ),
    (
        "events",
        "EV0151",
        CEIP,
        "Energy and Climate Dialogue met in May 2024",
        {"date": "2024-05", "category": "energy"},
    ),
    ("events", "EV0153", SWP, "memorandum of understanding (MoU) in December 2024", {"date": "2024-12"}),
    # trade flows
    (
        "trade_flows",
        "TF0002",
        CEIP,
        "$28.9 billion in Russian exports to Türkiye",
        {"period": "2021", "reporter": "RUS", "partner": "TUR", "flow": "export", "value": 28.9e9, "unit": "USD"},
    ),
    (
        "trade_flows",
        "TF0004",
        CEIP,
        "nearly doubled in 2022 to more than $60 billion",
        {"period": "2022", "flow": "turnover", "value": 60e9, "qualifier": "more_than"},
    ),
    (
        "trade_flows",
        "TF0005",
        CEIP,
        "making Türkiye Russia's second-biggest trading partner after China",
        {"reporter": "RUS", "partner": "TUR", "flow": "trading_partner_rank", "value": 2.0, "unit": "rank"},
    ),
    (
        "trade_flows",
        "TF0008",
        BARD,
        "Turkey's exports to Russia reached 7 billion dollars in 2013",
        {"period": "2013", "reporter": "TUR", "partner": "RUS", "flow": "export", "value": 7e9},
    ),
    (
        "trade_flows",
        "TF0010",
        BARD,
        "Russia's share in Turkey's exports reached only 2.1%",
        {
            "period": "2018",
            "reporter": "TUR",
            "partner": "RUS",
            "flow": "share_of_exports",
            "value": 2.1,
            "unit": "percent",
        },
    ),
    (
        "trade_flows",
        "TF0015",
        BARD,
        "the United States and the EU combined was 54% between 2003 and 2018",
        {"period": "2003/2018", "partner": "USA_EU", "flow": "fdi_share", "value": 54.0},
    ),
    (
        "trade_flows",
        "TF0017",
        BARD,
        "seven million Russian tourists in 2019",
        {"period": "2019", "flow": "tourist_arrivals", "value": 7e6, "unit": "persons"},
    ),
    (
        "trade_flows",
        "TF0018",
        BARD,
        "reached 3067 billion dollars in 2009",
        {"period": "2009", "value": 3.067e9, "value_as_stated": "3067 billion dollars"},
    ),
    (
        "trade_flows",
        "TF0022",
        MAMM,
        "In 2024 only, Turkish defense and aerospace exports exceeds 7 billion dollars",
        {"period": "2024", "commodity": "arms", "flow": "export", "value": 7.15e9},
    ),
    (
        "trade_flows",
        "TF0023",
        SWP,
        "Spain (34%)",
        {"reporter": "TUR", "partner": "ESP", "flow": "share_of_imports", "value": 34.0},
    ),
    (
        "trade_flows",
        "TF0027",
        SWP,
        "Turkey ranked just 30th among the top buyers of French arms exports",
        {"period": "2013/2022", "reporter": "FRA", "partner": "TUR", "value": 30.0, "unit": "rank"},
    ),
    (
        "trade_flows",
        "TF0029",
        BARD,
        "from 300 billion dollars in 1998",
        {"period": "1998", "reporter": "RUS", "flow": "gdp", "value": 300e9},
    ),
    # energy shares
    (
        "energy_shares",
        "ES0001",
        CEIP,
        "Moscow catered to almost 40 percent of Ankara's natural gas needs",
        {"period": "2022", "supplier": "RUS", "fuel": "natural_gas", "value": 40.0, "qualifier": "nearly"},
    ),
    (
        "energy_shares",
        "ES0002",
        CEIP,
        "jumping from 10.7 to 19.3 million tons in oil products",
        {"period": "2021", "fuel": "oil_products", "value": 10.7e6, "unit": "tonnes"},
    ),
    (
        "energy_shares",
        "ES0005",
        CEIP,
        "from 5.2 to 11.3 million tons in coal",
        {"period": "2022", "fuel": "coal", "value": 11.3e6, "unit": "tonnes"},
    ),
    (
        "energy_shares",
        "ES0030",
        CEIP,
        "the world's third-largest consumer of Russian fossil fuels",
        {"fuel": "fossil_fuels", "metric": "market_rank", "value": 3.0},
    ),
    (
        "energy_shares",
        "ES0008",
        CEIP,
        "an outstanding natural gas payment of $600 million",
        {"metric": "payment", "value": 600e6, "unit": "USD"},
    ),
    (
        "energy_shares",
        "ES0010",
        BARD,
        "Half of 31.5 billion m*/a gas to be carried by TurkStream",
        {"route": "TurkStream", "value": 31.5e9, "unit": "cubic_metres_per_year"},
    ),
    (
        "energy_shares",
        "ES0014",
        BARD,
        "the SGC will carry 10 billion m'/a gas through Italy to the EU",
        {"country": "EU", "supplier": "AZE", "value": 10e9, "metric": "transit_volume"},
    ),
    (
        "energy_shares",
        "ES0016",
        BARD,
        "Turkey imports 75% of its energy",
        {"country": "TUR", "fuel": "all_energy", "metric": "import_dependence", "value": 75.0},
    ),
    (
        "energy_shares",
        "ES0018",
        BARD,
        "from 52% in 2017 to 33% in 2019",
        {"period": "2017", "supplier": "RUS", "metric": "share_of_imports", "value": 52.0},
    ),
    (
        "energy_shares",
        "ES0020",
        BARD,
        "the share of LNG in Turkey's gas import jumped from 15.8% in 2015",
        {"period": "2015", "route": "LNG", "value": 15.8},
    ),
    (
        "energy_shares",
        "ES0022",
        BARD,
        "discovered in the Black Sea in August 2020, worth approximately $80 billion",
        {"period": "2020-08", "value": 80e9, "unit": "USD", "qualifier": "approximately"},
    ),
    (
        "energy_shares",
        "ES0024",
        BARD,
        "to two-thirds by 2023",
        {"period": "2023", "fuel": "renewables", "metric": "target_share", "value_as_stated": "two-thirds"},
    ),
    # arms deals
    (
        "arms_deals",
        "AD0001",
        CEIP,
        "the delivery of the Russian S-400 air and missile defense system in July 2019",
        {"supplier": "RUS", "recipient": "TUR", "system": "S-400", "delivery_date": "2019-07"},
    ),
    (
        "arms_deals",
        "AD0002",
        BARD,
        "ending Ankara's plan to purchase more than 100 stealth",
        {"supplier": "USA", "recipient": "TUR", "system": "F-35", "quantity": 100, "quantity_qualifier": "more_than"},
    ),
    (
        "arms_deals",
        "AD0005",
        CEIP,
        "decision in December 2020 to sanction Türkiye",
        {"deal_type": "sanctions", "supplier": "USA", "recipient": "TUR", "date": "2020-12"},
    ),
    (
        "arms_deals",
        "AD0007",
        PIER,
        "Ukraine purchased Turkish-made Bayraktar TB2 armed drones",
        {"supplier": "TUR", "recipient": "UKR", "system": "Bayraktar TB2", "category": "uav"},
    ),
    (
        "arms_deals",
        "AD0009",
        CEIP,
        "began building four of its indigenous Ada-class corvettes for the Ukrainian navy",
        {"supplier": "TUR", "recipient": "UKR", "quantity": 4, "category": "naval_vessel"},
    ),
    (
        "arms_deals",
        "AD0011",
        SWP,
        "In 2021, Poland became the first EU and NATO country to purchase Turkish Bayraktar TB2",
        {"supplier": "TUR", "recipient": "POL", "date": "2021"},
    ),
    (
        "arms_deals",
        "AD0013",
        SWP,
        "memorandum of understanding (MoU) in December 2024 to jointly develop the Hürjet",
        {"deal_type": "mou", "recipient": "ESP", "system": "Hürjet", "date": "2024-12"},
    ),
    (
        "arms_deals",
        "AD0014",
        SWP,
        "a €1.375 billion investm",
        {"value": 1.375e9, "currency": "EUR", "recipient": "ESP"},
    ),
    (
        "arms_deals",
        "AD0015",
        SWP,
        "In March 2025, the Italian company Leonardo and Turkey's Baykar Technologies",
        {
            "deal_type": "joint_venture",
            "supplier_company": "LEONARDO",
            "recipient_company": "BAYKAR",
            "date": "2025-03",
        },
    ),
    (
        "arms_deals",
        "AD0022",
        MAMM,
        "France is in sell New generation meteor missiles in Türkiye",
        {"supplier": "FRA", "recipient": "TUR", "system": "Meteor", "category": "missile"},
    ),
    (
        "arms_deals",
        "AD0023",
        MAMM,
        "in 2023, the United Kingdom sign A closer military cooperation agreement",
        {"supplier": "GBR", "recipient": "TUR", "date": "2023"},
    ),
    (
        "arms_deals",
        "AD0031",
        BARD,
        "a cost of 2.4 billion dollars by 2020",
        {"supplier": "RUS", "recipient": "RUS", "value": 2.4e9, "currency": "USD", "quantity": 30},
    ),
    # member-state positions
    (
        "member_state_positions",
        "MP0001",
        SWP,
        "Those with relatively cooperative and friendly relations with Turkey: Poland",
        {"actor": "POL", "stance": "cooperative"},
    ),
    (
        "member_state_positions",
        "MP0006",
        SWP,
        "Those with a more cautious or reserved stance: Sweden, Finland and Germany",
        {"actor": "DEU", "stance": "cautious"},
    ),
    (
        "member_state_positions",
        "MP0007",
        SWP,
        "Those reluctant to engage with Turkey: France and Greece",
        {"actor": "FRA", "stance": "reluctant"},
    ),
    (
        "member_state_positions",
        "MP0010",
        BARD,
        "in a non-binding vote in 2019 for the suspension of the accession talks",
        {"actor": "EP", "topic": "eu_accession_of_turkey", "stance": "opposed", "as_of": "2019"},
    ),
    (
        "member_state_positions",
        "MP0012",
        CEIP,
        "Türkiye refused to join sanctions against Russia",
        {"actor": "TUR", "topic": "sanctions_against_russia", "stance": "opposed"},
    ),
    (
        "member_state_positions",
        "MP0018",
        CEIP,
        "By instrumentalizing its veto power on that process",
        {"actor": "TUR", "topic": "nato_enlargement", "stance": "reluctant"},
    ),
    (
        "member_state_positions",
        "MP0131",
        MAMM,
        "Zelensky expressed his interest in Deploy Turkish forces In Ukraine",
        {"actor": "UKR", "stance": "supportive"},
    ),
    (
        "member_state_positions",
        "MP0053",
        BARD,
        "Turkey supported the Romanian proposal in February 2016",
        {"actor": "ROU", "topic": "black_sea_security", "as_of": "2016-02"},
    ),
    (
        "member_state_positions",
        "MP0056",
        BARD,
        "the initiative foundered following the Bulgarian rejection in early 2017",
        {"actor": "BGR", "stance": "opposed", "as_of": "2017"},
    ),
    (
        "member_state_positions",
        "MP0057",
        PIER,
        "Russia had successfully used Turkey in 2019-21",
        {"actor": "RUS", "topic": "s400_acquisition", "as_of": "2019/2021"},
    ),
    (
        "member_state_positions",
        "MP0068",
        CEIP,
        "proceeded to suspend the transit of military vessels through the Turkish Straits",
        {"actor": "TUR", "topic": "straits_regime"},
    ),
    (
        "member_state_positions",
        "MP0083",
        SWP,
        "France, together with the Republic of Cyprus and Greece, blocked the financing",
        {"actor": "GRC", "stance": "opposed", "as_of": "2024"},
    ),
    # indicators
    (
        "indicators",
        "IN0001",
        MAMM,
        "with around 402,000 soldiers",
        {"subject": "TUR", "metric": "troops", "value": 402000.0, "unit": "persons", "qualifier": "approximately"},
    ),
    (
        "indicators",
        "IN0002",
        SWP,
        "As NATO’s second-largest army",
        {"counterpart": "NATO", "value": 2.0, "unit": "rank"},
    ),
    (
        "indicators",
        "IN0003",
        SWP,
        "the state with the longest coastline on the Black Sea",
        {"subject": "TUR", "metric": "coastline_rank", "value": 1.0},
    ),
    (
        "indicators",
        "IN0004",
        BARD,
        "the length of Russia’s coastline increased from 475 km",
        {"subject": "RUS", "value": 475.0, "unit": "km", "period": "../2014"},
    ),
    ("indicators", "IN0005", BARD, "from 475 km to 1200 km", {"value": 1200.0, "period": "2014/.."}),
    (
        "indicators",
        "IN0006",
        CEIP,
        "with more than 150,000 residence permits issued to Russian nationals",
        {"counterpart": "RUS", "value": 150000.0, "qualifier": "more_than", "period": "2022-02/2023-02"},
    ),
    (
        "indicators",
        "IN0007",
        BARD,
        "mixed marriages has surpassed 100,000",
        {"metric": "mixed_marriages", "value": 100000.0, "qualifier": "more_than"},
    ),
    (
        "indicators",
        "IN0008",
        BARD,
        "conducted in April 2020, 53% of the respondents supported Turkey’s aspiration to EU membership",
        {"period": "2020-04", "period_basis": "stated", "value": 53.0, "unit": "percent"},
    ),
    (
        "indicators",
        "IN0009",
        BARD,
        "55.2% believed that Turkey’s NATO membership should continue",
        {"metric": "poll_support_nato_membership", "value": 55.2},
    ),
    (
        "indicators",
        "IN0010",
        SWP,
        "can now contribute up to 35 per cent of a defence product",
        {"subject": "EU", "counterpart": "TUR", "value": 35.0, "qualifier": "up_to"},
    ),
    (
        "indicators",
        "IN0011",
        SWP,
        "provides up to 67 per cent of all situational awareness information",
        {"subject": "TUR", "value": 67.0, "qualifier": "up_to"},
    ),
    (
        "indicators",
        "IN0012",
        BARD,
        "they fought at least 13 bloody wars",
        {"counterpart": "RUS", "value": 13.0, "qualifier": "at_least"},
    ),
    (
        "indicators",
        "IN0014",
        PIER,
        "its seventy-year membership of the North Atlantic Alliance",
        {"value": 70.0, "unit": "years", "period": "2022-01"},
    ),
    (
        "indicators",
        "IN0015",
        CEIP,
        "a NATO ally for over seven decades",
        {"value": 70.0, "qualifier": "more_than", "value_basis": "derived"},
    ),
    (
        "indicators",
        "IN0017",
        MAMM,
        "Seven European members of NATO have not even reached",
        {"subject": "NATO_EUR", "value": 7.0, "unit": "count"},
    ),
    (
        "indicators",
        "IN0020",
        SWP,
        "the EU member with the largest Turkish diaspora",
        {"subject": "DEU", "counterpart": "EU", "value": 1.0},
    ),
]
IDS = [f"{t}:{i}" for t, i, *_ in CHECKS]

# A phrase of a position's rationale and the span of a supporting quote of the row that
# carries it (METHOD R12: a rationale says nothing its quotes do not).
# (row id, phrase of the rationale, source, quote span)
RATIONALES: list[tuple[str, str, str, str]] = [
    (
        "MP0102",
        "Syria is among the numerous tensions between France and Turkey",
        SWP,
        "Owing to numerous tensions between France and Turkey during the past decade – including over Syria",
    ),
    ("MP0104", "driven by Turkish Muslim organisations", SWP, "has been driven by Turkish Muslim organisations"),
    ("MP0105", "competing geopolitical ambitions", SWP, "France and Turkey harbour competing geopolitical ambitions"),
    ("MP0106", "instrumentalises colonial grievances", SWP, "Ankara instrumentalises colonial grievances"),
    (
        "MP0107",
        "suspicious of Paris's close relations with Greece (and the UAE)",
        SWP,
        "it is suspicious of Paris’s close relations with Greece (and the UAE)",
    ),
    ("MP0108", "Athens' threat perception of Turkey is high", SWP, "Athens’ threat perception of Turkey is high"),
    ("MP0109", "competing for influence in Libya", SWP, "competing for influence in Libya"),
    (
        "MP0113",
        "vital role in the security of the eastern Mediterranean",
        SWP,
        "Turkey plays a vital role in the security of the eastern Mediterranean",
    ),
    (
        "MP0114",
        "criticises the Netanyahu government's Gaza policy",
        SWP,
        "Madrid’s criticism of the Netanyahu government’s Gaza policy",
    ),
    ("MP0115", "unlikely to be viewed favourably in Ankara", SWP, "is unlikely to be viewed favourably in Ankara"),
    (
        "MP0116",
        "hosted rounds of face-to-face talks between Russian and Ukrainian delegations",
        CEIP,
        "Ankara hosted rounds of face-to-face talks between Russian and Ukrainian delegations",
    ),
    (
        "MP0117",
        "central pillar of Europe's collective security",
        SWP,
        "regard NATO as the central pillar of Europe’s collective security",
    ),
    (
        "MP0119",
        "Russian partners and proxies such as Wagner mercenaries",
        CEIP,
        "Russian regional partners and proxies such as Wagner Group mercenaries",
    ),
    (
        "MP0125",
        "concerned that a change in the status quo in Cyprus might weaken its traditional influence over Nicosia",
        BARD,
        "concerned that a change in the status quo in Cyprus might weaken their traditional influence over Nicosia",
    ),
    (
        "MP0006",
        "Erdoğan's 2023 re-election",
        SWP,
        "the re-election of President Erdoğan and his ruling alliance (in 2023)",
    ),
    ("MP0004", "political confidence in Turkey is low", SWP, "have low political confidence in Turkey"),
    (
        "MP0134",
        "Western policies towards them have historically diverged from its position",
        MAMM,
        "Historically, Western policies towards these organizations have diverged from the position of turkeys",
    ),
    (
        "MP0047",
        "growing disillusionment and resentment with the West",
        BARD,
        "their growing disillusionment and resentment with the West",
    ),
    (
        "MP0089",
        "lack the political will for institutionalised, multinational engagement with Turkey at EU level",
        SWP,
        "the lack of political will among the member states for an institutionalised and multinational engagement "
        "with Turkey at the EU level",
    ),
    ("MP0007", "its purchase of the S-400", SWP, "its purchase of the S-400 air defence system from Russia"),
]
RATIONALE_IDS = [row for row, *_ in RATIONALES]


@pytest.fixture(scope="module")
def texts(repo_root: Path, sources_dir: Path) -> dict[str, tuple[str, str]]:
    found = source_texts(read_sources(repo_root / "tables" / "sources.csv"), sources_dir)
    return {sid: readings(text) for sid, text in found.items()}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {name: trd.load(name) for name in FACT_TABLES}


def test_a_dozen_checks_per_table_across_all_five_sources() -> None:
    per_table = pd.Series([t for t, *_ in CHECKS]).value_counts()
    assert set(per_table.index) == set(FACT_TABLES)
    assert per_table.min() >= 12
    assert {s for _, _, s, _, _ in CHECKS} == {CEIP, BARD, PIER, SWP, MAMM}


@pytest.mark.parametrize(("table", "row_id", "source", "phrase", "expected"), CHECKS, ids=IDS)
def test_row_says_what_its_quote_says(
    table: str,
    row_id: str,
    source: str,
    phrase: str,
    expected: dict[str, object],
    frames: dict[str, pd.DataFrame],
) -> None:
    cites = trd.citations_for(table, row_id)
    quotes = cites[(cites["source_id"] == source) & (cites["relation"] == "supports")]["quote"]
    assert any(normalise(phrase) in normalise(q) or normalise(q) in normalise(phrase) for q in quotes), (
        "no supporting citation of the row from this source carries the phrase"
    )
    frame = frames[table]
    row = frame.set_index(frame.columns[0]).loc[row_id]
    for column, value in expected.items():
        if column == "actors":
            links = trd.load("event_actors")
            assert set(links[links["event_id"] == row_id]["actor_id"]) == value
        elif isinstance(value, float):
            assert row[column] == pytest.approx(value), column
        else:
            assert row[column] == value, column


@pytest.mark.parametrize(("source", "phrase"), [(s, p) for _, _, s, p, _ in CHECKS], ids=IDS)
def test_the_phrase_is_in_the_source_text(source: str, phrase: str, texts: dict[str, tuple[str, str]]) -> None:
    assert occurs(phrase, texts[source])


def test_twenty_rationales_are_spot_checked() -> None:
    assert len(set(RATIONALE_IDS)) >= 20


@pytest.mark.parametrize(("row_id", "phrase", "source", "span"), RATIONALES, ids=RATIONALE_IDS)
def test_the_rationale_says_what_a_quote_says(
    row_id: str, phrase: str, source: str, span: str, frames: dict[str, pd.DataFrame]
) -> None:
    positions = frames["member_state_positions"].set_index("position_id")
    assert normalise(phrase) in normalise(positions.loc[row_id, "rationale"]), "the phrase is not in the rationale"
    cites = trd.citations_for("member_state_positions", row_id)
    quotes = cites[(cites["source_id"] == source) & (cites["relation"] == "supports")]["quote"]
    assert any(normalise(span) in normalise(q) for q in quotes), "no supporting quote of the row carries the span"


@pytest.mark.parametrize(("source", "span"), [(s, q) for _, _, s, q in RATIONALES], ids=RATIONALE_IDS)
def test_the_rationale_span_is_in_the_source_text(source: str, span: str, texts: dict[str, tuple[str, str]]) -> None:
    assert occurs(span, texts[source])
