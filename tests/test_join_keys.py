"""Join keys to other datasets (docs/curation/METHOD.md, Join keys): the codes are held
to the maintained libraries that define them (pycountry for ISO 3166-1, countrycode for
Correlates of War and Gleditsch-Ward), QIDs to a label list a person reviews in one look,
and every empty code to a stated reason."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from turkey_russia_data.vocab import ARMS_CATEGORY_TO_SIPRI, PLOVER_CAMEO_ROOTS

ROOT = Path(__file__).resolve().parent.parent
QID_LABELS = Path(__file__).resolve().parent / "data" / "qid_labels.csv"
ISO_COLUMNS = ("iso_alpha2", "iso_alpha3", "iso_numeric")
STATE_COLUMNS = ("wikidata_qid", *ISO_COLUMNS, "cow_code", "gw_code")
# What a reason for an empty code must name, per column.
REASON_WORDS = {
    "wikidata_qid": "QID",
    "iso_alpha2": "ISO",
    "iso_alpha3": "ISO",
    "iso_numeric": "ISO",
    "cow_code": ("COW", "Correlates of War"),
    "gw_code": ("GW", "Gleditsch-Ward"),
}


def _table(name: str) -> list[dict[str, str]]:
    with (ROOT / "tables" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _by_id(name: str, key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in _table(name)}


ACTORS = _by_id("actors", "actor_id")
CODES = _by_id("actor_codes", "actor_id")
STATES = sorted(a for a, r in ACTORS.items() if r["kind"] == "state")


def _library(name: str) -> Any:
    # The code libraries come with the test extra; without them only these checks skip.
    return pytest.importorskip(name)


def _countrycode(alpha3s: list[str], destination: str) -> dict[str, str]:
    """One call for all the codes: each call of countrycode costs tens of milliseconds."""
    codes = _library("countrycode").countrycode(alpha3s, origin="iso3c", destination=destination)
    return {a: "" if code is None or code != code else str(int(code)) for a, code in zip(alpha3s, codes, strict=True)}


# ------------------------------------------------------------------------ actors


def test_one_code_row_per_actor() -> None:
    rows = _table("actor_codes")
    assert len(rows) == len(CODES), "an actor has two rows in actor_codes"
    assert set(CODES) == set(ACTORS)


def test_every_empty_code_has_its_reason() -> None:
    missing = []
    for actor_id, row in CODES.items():
        columns = STATE_COLUMNS if ACTORS[actor_id]["kind"] == "state" else ("wikidata_qid",)
        for column in columns:
            words = REASON_WORDS[column]
            words = (words,) if isinstance(words, str) else words
            if not row[column] and not any(w in row["notes"] for w in words):
                missing.append(f"{actor_id}.{column}")
    assert not missing, f"empty codes with no reason in notes: {missing}"


def test_states_have_their_iso_codes_from_pycountry() -> None:
    wrong = []
    for actor_id in STATES:
        row = CODES[actor_id]
        country = _library("pycountry").countries.get(alpha_3=actor_id)
        expected = ("", "", "") if country is None else (country.alpha_2, country.alpha_3, country.numeric)
        if tuple(row[c] for c in ISO_COLUMNS) != expected:
            wrong.append((actor_id, tuple(row[c] for c in ISO_COLUMNS), expected))
    assert not wrong, f"ISO 3166-1 codes differ from pycountry (actor, found, expected): {wrong}"


def test_states_have_their_cow_and_gw_codes_from_countrycode() -> None:
    wrong = []
    coded = [a for a in STATES if CODES[a]["iso_alpha3"]]
    looked_up = {
        column: _countrycode(coded, destination) for column, destination in (("cow_code", "cown"), ("gw_code", "gwn"))
    }
    for actor_id in STATES:
        row = CODES[actor_id]
        for column in ("cow_code", "gw_code"):
            expected = looked_up[column].get(actor_id, "")
            if row[column] != expected:
                wrong.append((actor_id, column, row[column], expected))
    assert not wrong, f"codes differ from countrycode (actor, column, found, expected): {wrong}"


def test_every_state_has_a_qid_iso_cow_and_gw_code_or_a_reason() -> None:
    # Of the codes the issue asks for, a state may lack one only for a reason a library
    # gives: pycountry or countrycode has no code for it.
    for actor_id in STATES:
        row = CODES[actor_id]
        if row["iso_alpha3"]:
            assert row["iso_alpha3"] == actor_id, f"{actor_id}: a state's actor_id is its ISO alpha-3 code"
        else:
            assert "pycountry has no country" in row["notes"], f"{actor_id}: no ISO code and no reason"
        for column in ("cow_code", "gw_code"):
            if not row[column]:
                assert "countrycode gives none" in row["notes"], f"{actor_id}.{column}"


def test_only_states_have_state_codes() -> None:
    for actor_id, row in CODES.items():
        if ACTORS[actor_id]["kind"] != "state":
            assert not any(row[c] for c in (*ISO_COLUMNS, "cow_code", "gw_code")), actor_id


def test_every_qid_is_reviewed_with_its_label() -> None:
    with QID_LABELS.open(encoding="utf-8", newline="") as f:
        labels = {r["qid"]: r["label"] for r in csv.DictReader(f)}
    used = {row["wikidata_qid"]: actor_id for actor_id, row in CODES.items() if row["wikidata_qid"]}
    assert len(used) == sum(1 for r in CODES.values() if r["wikidata_qid"]), "two actors share a QID"
    wrong = {q: (labels.get(q), ACTORS[a]["name"]) for q, a in used.items() if labels.get(q) != ACTORS[a]["name"]}
    assert not wrong, f"QIDs not in {QID_LABELS.name} under the actor's name (qid: listed, actor name): {wrong}"
    assert not set(labels) - set(used), f"{QID_LABELS.name} lists QIDs no actor has: {set(labels) - set(used)}"


# -------------------------------------------------------------------- arms deals


def test_one_category_row_per_arms_deal() -> None:
    rows = _table("arms_deal_categories")
    assert [r["deal_id"] for r in rows] == list(_by_id("arms_deals", "deal_id"))


def test_sipri_category_agrees_with_the_deal_category() -> None:
    deals = _by_id("arms_deals", "deal_id")
    for row in _table("arms_deal_categories"):
        deal = deals[row["deal_id"]]
        mapped = ARMS_CATEGORY_TO_SIPRI.get(deal["category"], "")
        if row["sipri_category"]:
            assert row["sipri_category"] == mapped, (row["deal_id"], deal["category"], row["sipri_category"])
        else:
            assert row["notes"], f"{row['deal_id']}: no SIPRI category and no reason"


def test_every_deal_with_a_named_system_has_its_sipri_category() -> None:
    deals = _by_id("arms_deals", "deal_id")
    categories = _by_id("arms_deal_categories", "deal_id")
    missing = [
        d
        for d, deal in deals.items()
        if deal["system"] and deal["category"] in ARMS_CATEGORY_TO_SIPRI and not categories[d]["sipri_category"]
    ]
    assert not missing, f"deals naming a system with no SIPRI category: {missing}"


# ------------------------------------------------------------------------ events


def test_one_type_row_per_event() -> None:
    rows = _table("event_types")
    assert [r["event_id"] for r in rows] == list(_by_id("events", "event_id"))


def test_every_event_has_a_plover_type_or_a_reason() -> None:
    missing = [
        (r["event_id"], c)
        for r in _table("event_types")
        for c in ("plover_event_type", "cameo_root")
        if not r[c] and not r["notes"]
    ]
    assert not missing, f"event types empty with no reason in notes: {missing}"
    unread = [r["event_id"] for r in _table("event_types") if r["notes"].startswith("No type: no rule matches")]
    assert not unread, f"events whose title no curator has read for their type: {unread}"


def test_cameo_root_agrees_with_the_plover_type() -> None:
    wrong = []
    for r in _table("event_types"):
        plover, cameo = r["plover_event_type"], r["cameo_root"]
        allowed = PLOVER_CAMEO_ROOTS[plover] if plover else ("01",)
        if cameo and cameo not in allowed:
            wrong.append((r["event_id"], plover, cameo, allowed))
    assert not wrong, f"CAMEO roots that do not go with the PLOVER type (event, type, root, allowed): {wrong}"


def test_every_plover_type_has_its_cameo_roots() -> None:
    from turkey_russia_data.vocab import CameoRoot, PloverEventType, values

    assert set(PLOVER_CAMEO_ROOTS) == set(values(PloverEventType))
    roots = {c for allowed in PLOVER_CAMEO_ROOTS.values() for c in allowed}
    assert roots | {"01"} == set(values(CameoRoot))
