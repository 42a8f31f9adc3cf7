"""What a version of the data is, for comparing versions: each table's schema and rows
(as the CSV text has them), read from a package folder or from a release record.

A row is identified by its primary key ("EV0001"; composite keys joined with "/") and
fingerprinted by ``row_sha256``: the SHA-256 of its non-empty cells as canonical JSON,
so that adding an empty column does not change the fingerprint of existing rows.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import UnusableInputError
from ..jsontext import parse_json
from ..schema import fact_key_of

RECORD_FORMAT = "turkey-russia-data/release/1"
RETIRED_FILE = "retired.csv"
RETIRED_COLUMNS = ("table", "row_id", "retired_in", "replaced_by", "reason")
# Descriptor properties that belong to a version rather than to its content.
_NOT_METADATA = ("resources", "version", "created")


class SnapshotError(UnusableInputError):
    """A package or release record that cannot be read for comparison."""


def row_sha256(fields: tuple[str, ...], values: tuple[str, ...]) -> str:
    cells = {name: value for name, value in zip(fields, values, strict=True) if value != ""}
    canonical = json.dumps(cells, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Retirement:
    """An id taken out of the data for good: it is never used again."""

    table: str
    row_id: str
    retired_in: str
    replaced_by: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {c: getattr(self, c) for c in RETIRED_COLUMNS}


@dataclass(frozen=True)
class TableSnapshot:
    name: str
    path: str
    schema: dict[str, Any]
    rows: dict[str, tuple[str, ...]]
    sha256: str
    bytes: int

    @cached_property
    def fields(self) -> tuple[str, ...]:
        # Read for every row compared and every row hashed: worked out once per table.
        return tuple(f["name"] for f in self.schema["fields"])

    @property
    def primary_key(self) -> tuple[str, ...]:
        pk = self.schema.get("primaryKey", [])
        return (pk,) if isinstance(pk, str) else tuple(pk)

    @property
    def identity(self) -> tuple[str, ...]:
        return fact_key_of(self.schema)

    def row_hash(self, row_id: str) -> str:
        return row_sha256(self.fields, self.rows[row_id])

    def cells(self, row_id: str) -> dict[str, str]:
        return dict(zip(self.fields, self.rows[row_id], strict=True))

    def referenced_by_foreign_keys(self, others: dict[str, TableSnapshot]) -> list[str]:
        """The tables whose foreign keys point at this one (other than itself)."""
        found = []
        for other in others.values():
            for fk in other.schema.get("foreignKeys", []):
                target = fk.get("reference", {}).get("resource", "")
                if target == self.name and other.name != self.name:
                    found.append(other.name)
        return sorted(set(found))


@dataclass(frozen=True)
class Snapshot:
    """One version of the data package."""

    label: str  # what the caller named: a path or a version
    kind: str  # "package" | "release record"
    version: str
    metadata: dict[str, Any]
    tables: dict[str, TableSnapshot]
    retired: tuple[Retirement, ...] = ()
    released: str | None = None
    origin: Path | None = field(default=None, compare=False)

    def retirement(self, table: str, row_id: str) -> Retirement | None:
        return next((r for r in self.retired if r.table == table and r.row_id == row_id), None)


def package_snapshot(given: str | Path, *, label: str | None = None) -> Snapshot:
    """Read a data package (a folder with datapackage.json, or the file itself)."""
    from ..reading import Problem, open_package, read_table, resource_schema

    pkg = open_package(given)
    tables: dict[str, TableSnapshot] = {}
    for n, resource in enumerate(pkg.descriptor["resources"], 1):
        if not isinstance(resource, dict):
            raise SnapshotError(
                f"{pkg.descriptor_file}: resource {n} is not an object; run turkey-russia-data validate on it"
            )
        name = str(resource.get("name", "?"))
        problems: list[Problem] = []
        schema = resource_schema(pkg, resource, name, problems)
        table = read_table(pkg, resource, problems) if schema is not None else None
        if schema is None or table is None:
            first = problems[0] if problems else None
            why = f"{first.file}: {first.message}" if first else "unreadable"
            raise SnapshotError(
                f"{pkg.descriptor_file}: resource {name!r} cannot be compared ({why}); "
                "run turkey-russia-data validate on it"
            )
        rows: dict[str, tuple[str, ...]] = {}
        for line, cells in table.rows:
            row_id = table.row_id(cells)
            if row_id is None or row_id in rows or len(cells) != len(table.header):
                raise SnapshotError(
                    f"{table.file}:{line}: row without a usable, unique primary key or with "
                    f"{len(cells)} cells for {len(table.header)} columns; run turkey-russia-data validate on it"
                )
            rows[row_id] = tuple(cells)
        if tuple(table.header) != tuple(f["name"] for f in schema["fields"]):
            raise SnapshotError(f"{table.file}: header differs from its schema; run turkey-russia-data validate on it")
        raw = (pkg.root / str(resource["path"])).read_bytes()
        tables[name] = TableSnapshot(
            name, str(resource["path"]), schema, rows, hashlib.sha256(raw).hexdigest(), len(raw)
        )
    version = pkg.descriptor.get("version")
    if not isinstance(version, str):
        raise SnapshotError(f"{pkg.descriptor_file}: no 'version'; a data package to compare needs one")
    metadata = {k: v for k, v in pkg.descriptor.items() if k not in _NOT_METADATA}
    retired = read_retired(pkg.root / "releases" / RETIRED_FILE)
    return Snapshot(label or str(given), "package", version, metadata, tables, retired, origin=pkg.descriptor_file)


def read_retired(path: Path) -> tuple[Retirement, ...]:
    """The retirement list; empty when the package keeps none."""
    if not path.is_file():
        return ()
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != RETIRED_COLUMNS:
            raise SnapshotError(
                f"{path}: header must be {','.join(RETIRED_COLUMNS)}, found {','.join(reader.fieldnames or [])}"
            )
        return tuple(Retirement(**{c: row[c] or "" for c in RETIRED_COLUMNS}) for row in reader)


def read_record(path: Path) -> dict[str, Any]:
    """A release record file as parsed JSON, after checking that it is one."""
    try:
        record = parse_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"{path}: not a readable release record ({exc})") from None
    if not isinstance(record, dict) or record.get("format") != RECORD_FORMAT:
        raise SnapshotError(f'{path}: not a release record (expected "format": "{RECORD_FORMAT}")')
    return record


def record_snapshot(path: Path, *, label: str | None = None, record: dict[str, Any] | None = None) -> Snapshot:
    """A release record (releases/<version>.json) as a snapshot; ``record`` is the file
    already parsed by ``read_record``, when the caller has it."""
    if record is None:
        record = read_record(path)
    try:
        tables = {
            name: TableSnapshot(
                name,
                t["path"],
                t["schema"],
                {row_id: tuple(values) for row_id, values in t["values"].items()},
                t["sha256"],
                t["bytes"],
            )
            for name, t in record["tables"].items()
        }
        retired = tuple(Retirement(**r) for r in record.get("retired", []))
        return Snapshot(
            label or str(path),
            "release record",
            record["version"],
            record["package"],
            tables,
            retired,
            record.get("released"),
            origin=path,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise SnapshotError(f"{path}: release record is missing or mistypes {exc}") from None
