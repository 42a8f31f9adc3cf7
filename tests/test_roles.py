"""Table roles (docs/roles.md): the validator reads what a table means from the
package's own schemas, so a fork that renames a column or adds a fact table is checked
without a code change."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import copy_package
from hypothesis import given, settings
from hypothesis import strategies as st
from packagekit import records, rehash, rows, write_rows

from turkey_russia_data.models import MODELS
from turkey_russia_data.roles import ROLE_PROPERTIES, parse_roles
from turkey_russia_data.validation import validate


def _schema(pkg: Path, table: str) -> dict[str, Any]:
    return dict(json.loads((pkg / "schemas" / f"{table}.json").read_text("utf-8")))


def _write_schema(pkg: Path, table: str, schema: dict[str, Any]) -> None:
    (pkg / "schemas" / f"{table}.json").write_text(json.dumps(schema, indent=2), encoding="utf-8")


def _edit_cell(pkg: Path, table: str, row_id: str, column: str, change: Callable[[str], str]) -> None:
    data = rows(pkg / "tables" / f"{table}.csv")
    i = data[0].index(column)
    for r in data[1:]:
        if r[0] == row_id:
            r[i] = change(r[i])
    write_rows(pkg / "tables" / f"{table}.csv", data)


def _times_1000(text: str) -> str:
    return f"{float(text) * 1000:.0f}"


def test_shipped_schemas_carry_the_models_roles(repo_root: Path) -> None:
    for name, model in MODELS.items():
        roles, defects = parse_roles(_schema(repo_root, name))
        assert defects == []
        assert roles == model.table_meta.roles


# ---------------------------------------------------------------- a renamed column


@pytest.fixture
def renamed(tmp_path: Path) -> Path:
    """trade_flows with value_as_stated renamed to printed_value: header, schema field and role."""
    pkg = copy_package(tmp_path / "pkg")
    data = rows(pkg / "tables" / "trade_flows.csv")
    data[0] = ["printed_value" if c == "value_as_stated" else c for c in data[0]]
    write_rows(pkg / "tables" / "trade_flows.csv", data)
    schema = _schema(pkg, "trade_flows")
    for f in schema["fields"]:
        if f["name"] == "value_as_stated":
            f["name"] = "printed_value"
    for figure in schema["x-figures"]:
        if figure["asStated"] == "value_as_stated":
            figure["asStated"] = "printed_value"
    _write_schema(pkg, "trade_flows", schema)
    rehash(pkg)
    return pkg


def _plain_trade_row(pkg: Path) -> str:
    """A stated trade figure with no erratum, in USD."""
    return next(
        r["flow_id"]
        for r in records(pkg / "tables" / "trade_flows.csv")
        if r["value_basis"] == "stated" and not r["erratum"] and r["unit"] == "USD" and r["qualifier"] == "exact"
    )


def test_renamed_figure_column_validates_clean(renamed: Path, sources_dir: Path) -> None:
    report = validate(renamed, sources_dir)
    assert report.problems == []
    assert set(report.levels.values()) == {"ok"}


def test_renamed_figure_column_still_checks_values(renamed: Path) -> None:
    row_id = _plain_trade_row(renamed)
    _edit_cell(renamed, "trade_flows", row_id, "value", _times_1000)
    rehash(renamed)
    report = validate(renamed, levels="1-4")
    assert [(p.code, p.row_id, p.column) for p in report.problems] == [("E403", row_id, "value")]


# ------------------------------------------------- a new fact table of its own shape

_ESTIMATE_FIELDS = [
    {"name": "estimate_id", "type": "string", "constraints": {"required": True, "pattern": "^XE[0-9]{4,}$"}},
    {"name": "year", "type": "string", "x-edtf": True, "constraints": {"required": True}},
    {"name": "year_basis", "type": "string", "constraints": {"required": True, "enum": ["stated", "derived"]}},
    {"name": "subject", "type": "string", "constraints": {"required": True}},
    {"name": "measure", "type": "string", "constraints": {"required": True}},
    {"name": "amount", "type": "number", "constraints": {"required": True}},
    {"name": "amount_unit", "type": "string", "constraints": {"required": True}},
    {"name": "exactness", "type": "string"},
    {"name": "amount_printed", "type": "string", "constraints": {"required": True}},
    {"name": "amount_basis", "type": "string", "constraints": {"enum": ["stated", "derived"]}},
    {"name": "erratum", "type": "string"},
    {"name": "notes", "type": "string"},
]
_ESTIMATE_ROLES = {
    "x-kind": "fact",
    "x-fact-key": ["subject", "measure", "amount_unit", "year"],
    "x-figures": [
        {
            "value": "amount",
            "asStated": "amount_printed",
            "qualifier": "exactness",
            "unit": "amount_unit",
            "basis": "amount_basis",
            "measure": "measure",
            "shares": ["share_of_trade"],
        }
    ],
    "x-dates": [{"column": "year", "basis": "year_basis"}],
    "x-compared": ["amount"],
    "x-bounds": [{"measure": "*", "unit": "USD", "minimum": 1e6, "maximum": 1e12}],
}


def _add_estimates(pkg: Path) -> list[str]:
    """An `estimates` fact table (a table a fork might add) built from stated trade figures whose quotes carry both
    the value and the date, with those quotes cited again for it. Returns its ids."""
    trade = records(pkg / "tables" / "trade_flows.csv")
    citations = rows(pkg / "tables" / "citations.csv")
    header = citations[0]
    cites = [dict(zip(header, r, strict=True)) for r in citations[1:]]
    chosen = []
    for r in trade:
        own = [c for c in cites if c["table"] == "trade_flows" and c["row_id"] == r["flow_id"]]
        if (
            r["value_basis"] == "stated"
            and r["period_basis"] == "stated"
            and len(r["period"]) == 4
            and not r["erratum"]
            and r["unit"] == "USD"
            and own
            and all(c["supports"] == "both" and c["relation"] == "supports" for c in own)
        ):
            chosen.append((r, own))
        if len(chosen) == 3:
            break
    assert len(chosen) == 3
    table = [[f["name"] for f in _ESTIMATE_FIELDS]]
    next_id = max(int(c["citation_id"][2:]) for c in cites) + 1
    ids = []
    for n, (r, own) in enumerate(chosen, 1):
        row_id = f"XE{n:04d}"
        ids.append(row_id)
        table.append(
            [
                row_id,
                r["period"],
                "stated",
                r["reporter"],
                r["flow"],
                r["value"],
                r["unit"],
                r["qualifier"],
                r["value_as_stated"],
                "stated",
                "",
                f"From {r['flow_id']}.",
            ]
        )
        for c in own:
            citations.append(
                [f"CI{next_id:05d}" if h == "citation_id" else row_id if h == "row_id" else c[h] for h in header]
            )
            citations[-1][header.index("table")] = "estimates"
            next_id += 1
    write_rows(pkg / "tables" / "estimates.csv", table)
    write_rows(pkg / "tables" / "citations.csv", citations)
    _write_schema(
        pkg,
        "estimates",
        {"fields": _ESTIMATE_FIELDS, "missingValues": [""], "primaryKey": ["estimate_id"], **_ESTIMATE_ROLES},
    )
    cschema = _schema(pkg, "citations")
    for f in cschema["fields"]:
        if f["name"] == "table":
            f["constraints"]["enum"].append("estimates")
            f["categories"].append("estimates")
    _write_schema(pkg, "citations", cschema)
    descriptor = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    descriptor["resources"].insert(
        5, {"name": "estimates", "path": "tables/estimates.csv", "schema": "schemas/estimates.json"}
    )
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    rehash(pkg)
    return ids


@pytest.fixture
def with_estimates(tmp_path: Path) -> tuple[Path, list[str]]:
    pkg = copy_package(tmp_path / "pkg")
    return pkg, _add_estimates(pkg)


def test_new_fact_table_gets_every_level(with_estimates: tuple[Path, list[str]], sources_dir: Path) -> None:
    pkg, _ = with_estimates
    report = validate(pkg, sources_dir)
    assert report.problems == []
    assert set(report.levels.values()) == {"ok"}
    assert report.tables["estimates"].rows == 3
    assert not any("estimates" in note for notes in report.notes.values() for note in notes)


def _codes_at(pkg: Path, row_id: str, sources: Path | None = None) -> set[str]:
    return {p.code for p in validate(pkg, sources).problems if p.row_id == row_id or p.found == row_id}


def test_new_fact_table_level_1(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    _edit_cell(pkg, "estimates", ids[0], "amount", lambda _: "many")
    _edit_cell(pkg, "estimates", ids[1], "year", lambda _: "2021-13")
    rehash(pkg)
    found = {(p.code, p.row_id) for p in validate(pkg).problems}
    assert {("E110", ids[0]), ("E113", ids[1])} <= found or {("E110", ids[0]), ("E114", ids[1])} <= found


def test_new_fact_table_level_2(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    data = rows(pkg / "tables" / "citations.csv")
    write_rows(pkg / "tables" / "citations.csv", [r for r in data if r[2] != ids[0]])
    rehash(pkg)
    assert [(p.code, p.row_id) for p in validate(pkg, levels="2").problems] == [("E201", ids[0])]


def test_new_fact_table_level_3(with_estimates: tuple[Path, list[str]], sources_dir: Path) -> None:
    pkg, ids = with_estimates
    data = rows(pkg / "tables" / "citations.csv")
    for r in data:
        if r[2] == ids[0]:
            r[4] = r[4] + " and more"
    write_rows(pkg / "tables" / "citations.csv", data)
    rehash(pkg)
    assert {p.code for p in validate(pkg, sources_dir, levels="3").problems} == {"E301"}


def test_new_fact_table_levels_4_and_7(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    _edit_cell(pkg, "estimates", ids[0], "amount", _times_1000)
    rehash(pkg)
    found = {(p.code, p.row_id, p.column) for p in validate(pkg).problems}
    assert ("E403", ids[0], "amount") in found  # level 4: the printed figure says otherwise
    assert ("E701", ids[0], "amount") in found  # level 7: above the declared bounds


def test_new_fact_table_level_5(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    _edit_cell(pkg, "estimates", ids[0], "year", lambda y: str(int(y) - 7))
    rehash(pkg)
    found = {(p.code, p.row_id, p.column) for p in validate(pkg, levels="5").problems}
    assert found == {("E501", ids[0], "year")}


def test_new_fact_table_level_6(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    _edit_cell(pkg, "estimates", ids[0], "measure", lambda _: "share_of_trade")
    _edit_cell(pkg, "estimates", ids[0], "amount_unit", lambda _: "percent")
    rehash(pkg)
    found = {(p.code, p.row_id, p.column) for p in validate(pkg, levels="6").problems}
    assert found == {("E601", ids[0], "amount")}


def test_new_fact_table_level_7_dates(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    _edit_cell(pkg, "estimates", ids[0], "year", lambda _: "2090")
    rehash(pkg)
    found = {(p.code, p.row_id, p.column) for p in validate(pkg, levels="7").problems}
    assert found == {("E702", ids[0], "year")}


def test_new_fact_table_level_8(with_estimates: tuple[Path, list[str]]) -> None:
    pkg, ids = with_estimates
    data = rows(pkg / "tables" / "estimates.csv")
    twin = list(next(r for r in data if r[0] == ids[0]))
    twin[0] = "XE0009"
    twin[5] = f"{float(twin[5]) / 10:.0f}"  # below the original's range whatever its qualifier
    twin[7] = "exact"
    data.append(twin)
    write_rows(pkg / "tables" / "estimates.csv", data)
    citations = rows(pkg / "tables" / "citations.csv")
    top = max(int(r[0][2:]) for r in citations[1:])
    for n, r in enumerate([r for r in citations if r[2] == ids[0]], 1):
        citations.append([f"CI{top + n:05d}", r[1], "XE0009", *r[3:]])
    write_rows(pkg / "tables" / "citations.csv", citations)
    rehash(pkg)
    found = [(p.code, p.row_id) for p in validate(pkg, levels="8").problems]
    assert found == [("E801", "XE0009")]


# ------------------------------------------------- no roles, and malformed ones


def test_fact_table_without_roles_is_named_in_the_summary(package_copy: Path) -> None:
    schema = _schema(package_copy, "trade_flows")
    for key in [k for k in schema if k.startswith("x-") and k not in ("x-kind", "x-fact-key", "x-requires")]:
        del schema[key]
    _write_schema(package_copy, "trade_flows", schema)
    report = validate(package_copy)
    assert report.problems == []
    for level in ("values", "coherence", "plausibility"):
        assert "trade_flows: no figure roles declared" in report.notes[level]
    assert "trade_flows: no date roles declared" in report.notes["dates"]
    levels = {entry["name"]: entry for entry in report.as_dict()["levels"]}
    assert "trade_flows: no figure roles declared" in levels["values"]["notes"]


def test_malformed_roles_are_a_located_problem(package_copy: Path) -> None:
    schema = _schema(package_copy, "trade_flows")
    schema["x-kind"] = "facts"
    schema["x-figures"] = [{"value": "no_such_column", "asStated": "value_as_stated", "qualifier": "qualifier"}]
    schema["x-dates"] = "period"
    schema["x-bounds"] = [{"measure": "export", "unit": "USD", "minimum": "low", "maximum": 1}]
    schema["x-fact-key"] = ["reporter", 3]
    _write_schema(package_copy, "trade_flows", schema)
    report = validate(package_copy)
    e126 = report.by_code("E126")
    # x-wholes, x-sums and x-subsets name the figure "value", whose declaration is broken
    assert {p.column for p in e126} == {
        "x-kind",
        "x-figures",
        "x-dates",
        "x-bounds",
        "x-fact-key",
        "x-wholes",
        "x-sums",
        "x-subsets",
    }
    assert {p.file for p in e126} == {"schemas/trade_flows.json"}
    assert all("trade_flows" in p.message for p in e126)
    assert report.levels["structure"] == "failed"


def test_a_malformed_role_declaration_on_actors_is_e126_and_drives_no_role_check(package_copy: Path) -> None:
    """An x-actors entry with a role column but no role values: reported, left out, and
    the role check does not run on it (a flipped role goes unreported)."""
    schema = _schema(package_copy, "event_actors")
    schema["x-actors"] = [{"column": "actor_id", "of": "event_id", "role": "role"}]
    _write_schema(package_copy, "event_actors", schema)
    path = package_copy / "tables" / "event_actors.csv"
    data = rows(path)
    for r in data[1:]:
        if r[0] == "EV0008":
            r[2] = {"initiator": "target", "target": "initiator"}[r[2]]
    write_rows(path, data)
    rehash(package_copy)
    report = validate(package_copy, levels="1,4")
    (defect,) = report.by_code("E126")
    assert (defect.file, defect.column) == ("schemas/event_actors.json", "x-actors")
    assert "doer" in defect.message
    assert not report.by_code("E410")


# the keys the role objects know, and one they do not
_ROLE_KEYS = [
    "value",
    "asStated",
    "qualifier",
    "unit",
    "measure",
    "shares",
    "column",
    "basis",
    "notBefore",
    "figure",
    "measures",
    "whole",
    "part",
    "total",
    "parts",
    "within",
    "minimum",
    "maximum",
    "of",
    "role",
    "doer",
    "doneTo",
    "other",
]
_JSON = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.sampled_from(["value", "period", "*", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_ROLE_KEYS), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(ROLE_PROPERTIES), _JSON, max_size=5))
def test_any_role_declaration_parses_without_raising(declared: dict[str, Any]) -> None:
    schema = {"fields": [{"name": n} for n in ("value", "period", "x")], **declared}
    roles, defects = parse_roles(schema)
    assert all(d.prop in ROLE_PROPERTIES for d in defects)
    assert {c for f in roles.figures for c in f.columns()} <= {"value", "period", "x"}
