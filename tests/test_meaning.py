"""The meaning checks of level 4 (E406-E409) and level 8 (E803): what they read from
the schemas and the data, and how they report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_package
from packagekit import rehash, rows, write_rows

from turkey_russia_data.models import MODELS
from turkey_russia_data.roles import ActorRole, Direction, parse_roles
from turkey_russia_data.validation import agency, validate
from turkey_russia_data.validation.cue_lexicon import LEXICONS
from turkey_russia_data.validation.direction import clause_statements, statements
from turkey_russia_data.validation.which_figure import year_after, years


def test_the_new_roles_round_trip_through_the_schemas() -> None:
    for model in MODELS.values():
        roles = model.table_meta.roles
        mine = {k: v for k, v in roles.as_schema().items() if k in ("x-actors", "x-direction", "x-cues")}
        parsed, defects = parse_roles({"fields": [{"name": n} for n in model.model_fields], **mine})
        assert defects == [], model.table_meta.name
        assert (parsed.actors, parsed.direction, parsed.cues) == (roles.actors, roles.direction, roles.cues)
    trade = MODELS["trade_flows"].table_meta.roles
    assert trade.actors == (ActorRole("reporter"), ActorRole("partner")) and trade.direction is not None
    assert MODELS["event_actors"].table_meta.roles.actors == (
        ActorRole("actor_id", of="event_id", role="role", doer=("initiator",), done_to=("target",)),
    )
    (stance,) = MODELS["member_state_positions"].table_meta.roles.cues
    assert (stance.column, stance.lexicon) == ("stance", "stance")
    # the dispute topics are left out (METHOD R13), the relationship topics are read
    assert stance.skips({"topic": "eastern_mediterranean"}) and not stance.skips({"topic": "turkey_russia_relations"})


def test_every_cue_lexicon_a_schema_names_exists() -> None:
    named = {c.lexicon for m in MODELS.values() for c in m.table_meta.roles.cues}
    assert named and named <= set(LEXICONS)
    for lexicon in LEXICONS.values():
        groups = set(lexicon.groups)
        assert all(set(g) <= groups for g in [*lexicon.own.values(), *lexicon.opposite.values()])


def test_malformed_new_roles_are_defects_not_exceptions() -> None:
    fields = [{"name": n} for n in ("a", "b", "m")]
    for bad in (
        {"x-actors": [{"column": "nope"}]},
        {"x-actors": [{"column": "a", "of": 3}]},
        {"x-direction": {"from": "a", "to": "nope"}},
        {"x-direction": {"from": "a", "to": "b", "measure": "m", "outward": "export"}},
        {"x-cues": [{"column": "a"}]},
        {"x-direction": "a->b"},
        {"x-actors": [{"column": "a", "role": "b"}]},
        {"x-actors": [{"column": "a", "doer": ["x"]}]},
        {"x-actors": [{"column": "a", "role": "b", "doer": "x"}]},
        {"x-actors": [{"column": "a", "role": "b", "doer": ["x"], "doneTo": ["x"]}]},
        {"x-actors": [{"column": "a", "role": "nope", "doer": ["x"]}]},
    ):
        roles, defects = parse_roles({"fields": fields, **bad})
        assert defects, bad
        assert not roles.actors and roles.direction is None and not roles.cues


def test_direction_ends_follow_the_measure() -> None:
    way = Direction("reporter", "partner", "flow", ("export",), ("import",))
    assert way.ends({"reporter": "TUR", "partner": "RUS", "flow": "export"}) == ("TUR", "RUS")
    assert way.ends({"reporter": "TUR", "partner": "RUS", "flow": "import"}) == ("RUS", "TUR")
    assert way.ends({"reporter": "TUR", "partner": "RUS", "flow": "turnover"}) is None


@pytest.mark.parametrize(
    ("marked", "printed", "expected"),
    [
        ("$28.9 billion in «RUS» exports to «TUR» and $5.7 billion in imports", "$5.7 billion", [("TUR", "RUS")]),
        (
            "$28.9 billion in «RUS» exports to «TUR» and $5.7 billion in imports",
            "$28.9 billion",
            [("RUS", "TUR"), (None, "TUR")],
        ),
        ("«RUS»'s share in «TUR»'s exports reached only 2.1%", "2.1%", [("TUR", "RUS"), ("TUR", None)]),
        ("«UKR» purchased «TUR»-made drones", "", [(None, "UKR"), ("TUR", None)]),
        ("the trade turnover between the two countries", "", []),
    ],
)
def test_direction_cue_phrases(marked: str, printed: str, expected: list[tuple[str | None, str | None]]) -> None:
    assert set(clause_statements(marked, printed)) == set(expected)
    assert statements("«A» and «B»") == []


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("at the end of 2015, «TUR» downed a «RUS» Su-24 fighter jet", [("TUR", "RUS")]),
        ("the downing of a «RUS» Sukhoi Su-24M, an all-weather attack aircraft, by a «TUR» F-16", [("TUR", "RUS")]),
        ("«RUS» imposed a series of sanctions on «TUR» in retaliation", [("RUS", "TUR")]),
        ("three «TUR» soldiers were killed in 2017 in a «RUS» airstrike", [("RUS", "TUR")]),
        ("«TUR» was removed from the F-35 programme by the «USA»", [("USA", "TUR")]),
        ("«RUS»'s full-blown invasion of «UKR» in February 2022", [("RUS", "UKR")]),
        ("«USA»'s ensuing decision in December 2020 to sanction «TUR»", [("USA", "TUR")]),
        # no agent, a possessive owner, a refusal, no verb of action: nothing is said
        ("it was hit with heavy economic sanctions by the «EU»", []),
        ("when «TUR»'s request to acquire the Patriot system was rejected by the «USA»", []),
        ("«TUR» refused to join sanctions against «RUS»", []),
        ("former «USA» president Donald Trump considered «NATO» as obsolete", []),
        ("the «TUR»-«EU» accession talks stalled", []),
        ("voted against sanctions on «IRN» after it had approached «IRN»", []),
    ],
)
def test_who_did_what_to_whom(marked: str, expected: list[tuple[str, str]]) -> None:
    assert agency.statements(marked) == expected


def test_a_role_is_judged_only_against_its_own_side() -> None:
    (role,) = MODELS["event_actors"].table_meta.roles.actors
    said = [("TUR", "RUS")]
    assert agency.contradicts(role, "target", "TUR", said) == ("TUR", "RUS")
    assert agency.contradicts(role, "initiator", "RUS", said) == ("TUR", "RUS")
    assert agency.contradicts(role, "initiator", "TUR", said) is None
    assert agency.contradicts(role, "participant", "RUS", said) is None
    # named on both ends: not judged
    assert agency.contradicts(role, "target", "TUR", [*said, ("RUS", "TUR")]) is None


def _roles(pkg: Path, event: str, roles: dict[str, str]) -> None:
    path = pkg / "tables" / "event_actors.csv"
    data = rows(path)
    for r in data[1:]:
        if r[0] == event and r[1] in roles:
            r[2] = roles[r[1]]
    write_rows(path, data)
    rehash(pkg)


def test_swapped_event_roles_are_reported_on_both_rows(tmp_path: Path) -> None:
    """EV0008: "Türkiye downed a Russian Su-24"; TUR made the target and RUS the initiator."""
    pkg = copy_package(tmp_path / "pkg")
    _roles(pkg, "EV0008", {"TUR": "target", "RUS": "initiator"})
    found = {p.row_id: p for p in validate(pkg, levels="4").problems if p.code == "E410"}
    assert set(found) == {"EV0008/TUR", "EV0008/RUS"}
    tur, rus = found["EV0008/TUR"], found["EV0008/RUS"]
    assert (tur.file, tur.column, tur.found, rus.found) == ("tables/event_actors.csv", "role", "target", "initiator")
    assert tur.expected == "initiator (TUR acts on RUS)" and rus.expected == "target (TUR acts on RUS)"
    assert tur.line and rus.line and tur.line != rus.line


def test_a_deed_stated_in_passing_says_nothing_of_the_roles() -> None:
    """EV0121 (TUR initiator, RUS target): "Türkiye branded Russia's aggression against
    Ukraine an act of war". Russia acts there, but on Ukraine, which is not an actor of
    the event: the statement says nothing about RUS as the event's target."""
    quote = "«TUR» branded «RUS»'s aggression against «UKR» an act of war"
    assert agency.statements(quote) == [("RUS", "UKR")]
    assert not [p for p in validate(levels="4").problems if p.code == "E410" and p.row_id.startswith("EV0121/")]


def test_a_figure_is_tied_to_the_year_right_after_it() -> None:
    quote = "increased from $240 billion in 2002 to $761 billion in 2019"
    assert year_after(quote, "$761 billion") == (2019,)
    assert year_after("a cost of 2.4 billion dollars by 2020", "2.4 billion dollars") == ()
    assert years("2022/2024") == (2022, 2024) and years("2008/..") == (2008, 9999) and years("") is None


def _set(pkg: Path, table: str, row_id: str, column: str, value: str) -> None:
    data = rows(pkg / "tables" / f"{table}.csv")
    i = data[0].index(column)
    for r in data[1:]:
        if r[0] == row_id:
            r[i] = value
    write_rows(pkg / "tables" / f"{table}.csv", data)


def test_an_actor_named_only_by_an_alias_is_found_through_the_data(tmp_path: Path, sources_dir: Path) -> None:
    """Aliases are data: without the row "EU,Europe" the EU positions citing 'Europe's bans'
    are reported, with file, line, row, column, expected and found."""
    pkg = copy_package(tmp_path / "pkg")
    path = pkg / "tables" / "actor_aliases.csv"
    write_rows(path, [r for r in rows(path) if r[:2] != ["EU", "Europe"]])
    rehash(pkg)
    found = [p for p in validate(pkg, sources=sources_dir, levels="4").problems if p.code == "E406"]
    assert found and {p.row_id for p in found} >= {"MP0075"}
    p = next(p for p in found if p.row_id == "MP0075")
    assert (p.file, p.column, p.found) == ("tables/member_state_positions.csv", "actor", "not in MP0075's quotes")
    assert p.line and "European Union" in (p.expected or "")


def test_actor_support_needs_the_texts(tmp_path: Path) -> None:
    pkg = copy_package(tmp_path / "pkg")
    _set(pkg, "member_state_positions", "MP0022", "actor", "GRC")
    rehash(pkg)
    assert not any(p.code == "E406" for p in validate(pkg, levels="4").problems)


def test_a_fork_that_declares_no_direction_is_not_read_for_one(tmp_path: Path) -> None:
    pkg = copy_package(tmp_path / "pkg")
    _set(pkg, "trade_flows", "TF0011", "flow", "import")
    schema_path = pkg / "schemas" / "trade_flows.json"
    schema = json.loads(schema_path.read_text("utf-8"))
    rehash(pkg)
    assert any(p.code == "E407" and p.row_id == "TF0011" for p in validate(pkg, levels="4").problems)
    del schema["x-direction"]
    schema_path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
    rehash(pkg)
    assert not any(p.code == "E407" for p in validate(pkg, levels="4").problems)


def test_the_shipped_package_raises_no_meaning_problem(sources_dir: Path) -> None:
    report = validate(sources=sources_dir, levels="4,8")
    assert not [str(p) for p in report.problems if p.code in ("E406", "E407", "E408", "E409", "E410", "E803")]
