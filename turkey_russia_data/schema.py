"""Read the descriptor and Table Schemas (plain JSON) and derive what the loader needs.

Only the standard library and pandas' dtype classes are used here: this is the fast path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .errors import UnusableInputError
from .jsontext import parse_json
from .paths import data_root, descriptor_path

# The generator marks EDTF columns with this pattern-independent flag.
EDTF_FLAG = "x-edtf"
# Table-level list of [column, column it requires] pairs (see models.TableMeta.requires).
REQUIRES_FLAG = "x-requires"
# Table-level list of the columns that say which fact a row is (see models.TableMeta.fact_key
# and roles.py); releases up to 1.0.0 wrote it as "x-identity".
FACT_KEY_FLAG = "x-fact-key"
LEGACY_FACT_KEY_FLAG = "x-identity"


def fact_key_of(schema: dict[str, Any]) -> tuple[str, ...]:
    """The fact key a schema declares, under its current or its former name."""
    key = schema.get(FACT_KEY_FLAG, schema.get(LEGACY_FACT_KEY_FLAG, ()))
    return tuple(key) if isinstance(key, list) else ()


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    required: bool
    enum: tuple[str, ...] | None
    ordered: bool
    edtf: bool


@dataclass(frozen=True)
class TableSpec:
    name: str
    path: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return parse_json(fh.read())


def read_descriptor(root: Path) -> dict[str, Any]:
    """The datapackage.json of the package folder ``root``; an unreadable or non-object
    descriptor is an ``UnusableInputError`` naming the file."""
    path = root / "datapackage.json"
    try:
        found = parse_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnusableInputError(f"{path}: not a readable data package descriptor ({exc})") from None
    if not isinstance(found, dict):
        raise UnusableInputError(f"{path}: not a data package descriptor (a JSON object)")
    return found


@lru_cache(maxsize=1)
def package_descriptor() -> dict[str, Any]:
    """The shipped datapackage.json (cached; treat as read-only)."""
    descriptor: dict[str, Any] = read_json(descriptor_path())
    return descriptor


def field_spec(field: dict[str, Any]) -> FieldSpec:
    constraints = field.get("constraints", {})
    enum = constraints.get("enum")
    return FieldSpec(
        name=field["name"],
        type=field.get("type", "string"),
        required=bool(constraints.get("required", False)),
        enum=tuple(enum) if enum is not None else None,
        ordered=bool(field.get("categoriesOrdered", False)),
        edtf=bool(field.get(EDTF_FLAG, False)),
    )


def table_spec_from(resource: dict[str, Any], schema: dict[str, Any]) -> TableSpec:
    pk = schema.get("primaryKey", [])
    return TableSpec(
        name=resource["name"],
        path=resource["path"],
        fields=tuple(field_spec(f) for f in schema["fields"]),
        primary_key=(pk,) if isinstance(pk, str) else tuple(pk),
    )


def resource_schema(resource: dict[str, Any], root: Path | None = None) -> dict[str, Any]:
    """A trusted resource's Table Schema, inline or from its file relative to ``root``
    (default: the shipped package). Untrusted packages go through the validator's
    checked reader instead."""
    schema = resource["schema"]
    if isinstance(schema, str):
        schema = read_json((root or data_root()) / schema)
    return dict(schema)


@cache
def table_spec(name: str) -> TableSpec:
    """The structure of a shipped table, from its Table Schema."""
    for resource in package_descriptor()["resources"]:
        if resource["name"] == name:
            return table_spec_from(resource, resource_schema(resource))
    raise UnknownTableError(name, table_names())


def table_names() -> tuple[str, ...]:
    return tuple(r["name"] for r in package_descriptor()["resources"])


class UnknownTableError(UnusableInputError, KeyError):
    """A table name that the package does not have."""

    def __init__(self, name: str, valid: tuple[str, ...]) -> None:
        super().__init__(name)
        self.name = name
        self.valid = valid

    def __str__(self) -> str:
        return f"unknown table {self.name!r}; valid tables: {', '.join(self.valid)}"
