"""Generate the Table Schemas and datapackage.json from the Pydantic models.

Run ``python -m turkey_russia_data.descriptor --write`` from the repository root after
changing a model or a CSV: it rewrites ``schemas/*.json`` and ``datapackage.json``
(including the file hashes). ``--check`` exits 1 when the committed files are stale.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

from . import generated
from ._version import CREATED, __version__
from .models import ALL_MODELS, EDTF_PATTERN, Row
from .schema import EDTF_FLAG, REQUIRES_FLAG

NAME = "turkey-russia-data"
TITLE = "Türkiye-Russia relations: events, trade, energy, arms deals and positions"
DESCRIPTION = (
    "Structured, citation-verified tables extracted from five policy papers on "
    "Türkiye-Russia relations. Every fact row carries at least one verbatim quote from its "
    "source (table citations)."
)
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (tables); quotes remain their authors'",
}

_PY_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _base_type(annotation: Any) -> Any:
    """Strip ``X | None`` down to X."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is not None and len(args) == 1 and type(None) in get_args(annotation):
        return args[0]
    return annotation


@cache
def _json_properties(model: type[Row]) -> dict[str, Any]:
    properties: dict[str, Any] = model.model_json_schema()["properties"]
    return properties


def field_descriptor(model: type[Row], name: str) -> dict[str, Any]:
    """The Table Schema field for one model field."""
    info = model.model_fields[name]
    base = _base_type(info.annotation)
    props = _json_properties(model)[name]
    if "anyOf" in props:  # Optional: the non-null branch carries the constraints
        props = {**props, **next(p for p in props["anyOf"] if p.get("type") != "null")}
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}

    field: dict[str, Any] = {"name": name}
    constraints: dict[str, Any] = {}
    if info.is_required():
        constraints["required"] = True
    if get_origin(base) is not None and str(get_origin(base)).endswith("Literal"):
        allowed = list(get_args(base))
        field["type"] = "string"
        # frictionless checks constraints.enum but not categories: declare both.
        field["categories"] = allowed
        if extra.get("categoriesOrdered"):
            field["categoriesOrdered"] = True
        constraints["enum"] = allowed
    else:
        field["type"] = _PY_TYPES[base]
    if field["type"] == "boolean":
        field["trueValues"] = ["true"]
        field["falseValues"] = ["false"]
    if "pattern" in props:
        constraints["pattern"] = props["pattern"]
        if props["pattern"] == EDTF_PATTERN:
            field[EDTF_FLAG] = True
    for src, dst in (("maxLength", "maxLength"), ("minimum", "minimum"), ("maximum", "maximum")):
        if src in props:
            constraints[dst] = props[src]
    if info.description:
        field["description"] = info.description
    if "example" in extra:
        field["example"] = extra["example"]
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(model: type[Row]) -> dict[str, Any]:
    meta = model.table_meta
    schema: dict[str, Any] = {
        "fields": [field_descriptor(model, n) for n in model.model_fields],
        "missingValues": [""],
        "primaryKey": list(meta.primary_key),
    }
    if meta.requires:
        schema[REQUIRES_FLAG] = [list(pair) for pair in meta.requires]
    schema.update(meta.roles.as_schema())
    if meta.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(fk.fields) if len(fk.fields) > 1 else fk.fields[0],
                "reference": {
                    "resource": "" if fk.resource == meta.name else fk.resource,
                    "fields": list(fk.reference) if len(fk.reference) > 1 else fk.reference[0],
                },
            }
            for fk in meta.foreign_keys
        ]
    return schema


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sources_metadata(root: Path) -> list[dict[str, str]]:
    import csv

    out = []
    with open(root / "tables" / "sources.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            entry = {"title": row["title"] or f"[untitled document by {row['authors'] or 'unknown author'}]"}
            if row["url"]:
                entry["path"] = row["url"]
            elif row["doi"]:
                entry["path"] = f"https://doi.org/{row['doi']}"
            out.append(entry)
    return out


def build_package(root: Path) -> dict[str, Any]:
    """The datapackage.json descriptor for the tables under ``root``, at the version
    written in ``root``'s ``turkey_russia_data/_version.py`` (the library's own when
    ``root`` holds none)."""
    from .versioning import version_file

    version, created = (__version__, CREATED) if version_file.library_file(root) is None else version_file.read(root)
    resources = []
    for model in ALL_MODELS:
        meta = model.table_meta
        path = root / "tables" / f"{meta.name}.csv"
        resources.append(
            {
                "name": meta.name,
                "type": "table",
                "path": f"tables/{meta.name}.csv",
                "scheme": "file",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": meta.title,
                "description": meta.description,
                "hash": f"sha256:{sha256_of(path)}",
                "bytes": path.stat().st_size,
                "schema": f"schemas/{meta.name}.json",
            }
        )
    return {
        "$schema": "https://specs.frictionlessdata.io/schemas/data-package.json",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": version,
        "created": created,
        "keywords": ["Turkey", "Türkiye", "Russia", "NATO", "EU", "energy", "trade", "arms"],
        "licenses": [DATA_LICENSE],
        "contributors": [{"title": "turkey-russia-data maintainers", "role": "author"}],
        "sources": _sources_metadata(root),
        "resources": resources,
    }


def render(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def generated_files(root: Path) -> dict[Path, str]:
    """Every generated file and its exact content."""
    files = {root / "schemas" / f"{m.table_meta.name}.json": render(table_schema(m)) for m in ALL_MODELS}
    package = build_package(root)
    files[root / "datapackage.json"] = render(package)
    return files


def stale_files(root: Path) -> list[Path]:
    return generated.stale(generated_files(root))


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(
        "turkey_russia_data.descriptor",
        __doc__,
        write="rewrite schemas/ and datapackage.json",
        check="exit 1 if they are out of date",
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / "tables").is_dir():
        print(f"error: {root / 'tables'} is not a folder; pass --root", file=sys.stderr)
        return 2
    return generated.finish(generated_files(root), args, "turkey_russia_data.descriptor")


if __name__ == "__main__":
    sys.exit(main())
