"""JSON export: one self-describing file, a Frictionless Data Package whose resources
carry their rows inline (``"data": [{column: value, ...}, ...]``) next to their Table
Schemas. Values are typed (numbers, booleans, null for an empty cell); only the columns
of the CSVs are included, so ``frictionless validate`` accepts the file as it stands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..loader import DataPackage
from .values import is_missing

# The descriptor's per-file properties describe the CSV, not the inline rows.
_FILE_PROPERTIES = ("path", "hash", "bytes", "encoding", "format", "mediatype", "dialect", "scheme")


def _value(value: Any) -> Any:
    if is_missing(value):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, bool | int):
        return value
    return str(value)


def _rows(name: str, package: DataPackage) -> list[dict[str, Any]]:
    spec = package.spec(name)
    frame = package.load(name)[list(spec.columns)]
    columns = [frame[c].astype(object).tolist() for c in spec.columns]
    return [dict(zip(spec.columns, (_value(v) for v in values), strict=True)) for values in zip(*columns, strict=True)]


def document(package: DataPackage) -> dict[str, Any]:
    """The package as one JSON-ready Data Package with inline data."""
    descriptor = package.package()
    resources = []
    for resource in descriptor["resources"]:
        inline = {k: v for k, v in resource.items() if k not in _FILE_PROPERTIES}
        inline["schema"] = package.schema(resource["name"])
        inline["data"] = _rows(resource["name"], package)
        resources.append(inline)
    descriptor["resources"] = resources
    return descriptor


def write_json(path: Path, package: DataPackage) -> dict[str, int]:
    """Write the package as one JSON file at ``path``; returns rows per table."""
    doc = document(package)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    return {r["name"]: len(r["data"]) for r in doc["resources"]}
