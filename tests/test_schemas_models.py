"""One source of truth: the committed Table Schemas are exactly what the models generate,
and they agree field by field with the models' own constraints."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest

from turkey_russia_data import descriptor
from turkey_russia_data.models import ALL_MODELS, MODELS, Row
from turkey_russia_data.schema import EDTF_FLAG


def test_generated_files_are_committed(repo_root: Path) -> None:
    stale = descriptor.stale_files(repo_root)
    assert not stale, f"run python -m turkey_russia_data.descriptor --write; stale: {stale}"


def test_descriptor_lists_every_model_once(repo_root: Path) -> None:
    package = json.loads((repo_root / "datapackage.json").read_text("utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names == [m.table_meta.name for m in ALL_MODELS]
    assert set(names) == set(MODELS)


def _non_null(props: dict[str, Any]) -> dict[str, Any]:
    if "anyOf" in props:
        return next(p for p in props["anyOf"] if p.get("type") != "null")
    return props


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.table_meta.name)
def test_schema_agrees_with_model_field_by_field(model: type[Row], repo_root: Path) -> None:
    schema = json.loads((repo_root / "schemas" / f"{model.table_meta.name}.json").read_text("utf-8"))
    fields = schema["fields"]
    assert [f["name"] for f in fields] == list(model.model_fields), "names or order differ"
    json_props = model.model_json_schema()["properties"]
    type_map = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
    for field in fields:
        name = field["name"]
        info = model.model_fields[name]
        props = _non_null(json_props[name])
        constraints = field.get("constraints", {})
        assert constraints.get("required", False) == info.is_required(), f"{name}: required differs"
        if "enum" in props:
            assert constraints.get("enum") == props["enum"], f"{name}: enum differs"
            assert field.get("categories") == props["enum"], f"{name}: categories differ"
            assert field["type"] == "string"
        else:
            assert field["type"] == type_map[props["type"]], f"{name}: type differs"
            assert "enum" not in constraints
        assert constraints.get("pattern") == props.get("pattern"), f"{name}: pattern differs"
        assert constraints.get("maxLength") == props.get("maxLength"), f"{name}: maxLength differs"
        assert constraints.get("minimum") == props.get("minimum"), f"{name}: minimum differs"
        assert field.get("description") == info.description
    assert schema["primaryKey"] == list(model.table_meta.primary_key)
    declared = {
        (
            tuple(fk["fields"]) if isinstance(fk["fields"], list) else (fk["fields"],),
            fk["reference"]["resource"] or model.table_meta.name,
        )
        for fk in schema.get("foreignKeys", [])
    }
    assert declared == {(fk.fields, fk.resource) for fk in model.table_meta.foreign_keys}


def test_stance_is_ordered_everywhere(repo_root: Path) -> None:
    schema = json.loads((repo_root / "schemas" / "member_state_positions.json").read_text("utf-8"))
    stance = next(f for f in schema["fields"] if f["name"] == "stance")
    assert stance["categoriesOrdered"] is True
    assert stance["categories"] == ["opposed", "reluctant", "cautious", "cooperative", "supportive"]


def test_edtf_columns_are_flagged(repo_root: Path) -> None:
    flagged = set()
    for model in ALL_MODELS:
        schema = json.loads((repo_root / "schemas" / f"{model.table_meta.name}.json").read_text("utf-8"))
        flagged |= {(model.table_meta.name, f["name"]) for f in schema["fields"] if f.get(EDTF_FLAG)}
    assert ("events", "date") in flagged and ("arms_deals", "delivery_date") in flagged
    assert ("sources", "date_published") in flagged and ("member_state_positions", "as_of") in flagged
    assert ("events", "title") not in flagged


def test_vocab_literals_reach_the_schema() -> None:
    from turkey_russia_data import vocab

    field = descriptor.field_descriptor(MODELS["events"], "category")
    assert field["constraints"]["enum"] == list(get_args(vocab.EventCategory))


def test_every_row_validates_against_its_model() -> None:
    import turkey_russia_data as trd

    for name in trd.tables():
        rows = trd.records(name)
        assert rows, f"{name} is empty"
        assert all(isinstance(r, MODELS[name]) for r in rows)
