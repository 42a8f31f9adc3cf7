"""A whole package as records: the descriptor, each table's schema and its rows as
dictionaries, for the writers that copy every table (the bundle, the explorer, the web
annotations, the counts in the documents). Read through ``open_package`` and
``read_table``, so the writers meet the same safe paths, size limits and CSV grammar as
the validator; the tables are small enough for dictionaries (the validator's own checks
do not read them this way)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PackageError
from ..problem import Problem
from .csv import read_table
from .package import open_package

# Writers read what the user asked to copy: larger than the validator's default limit.
WRITER_MAX_BYTES = 1 << 30
# Reading problems after which rows or cells are missing from the table read (a stale
# hash, a byte-order mark or CRLF line endings lose nothing: validate reports them).
_LOSES_ROWS = frozenset({"E101", "E102", "E105", "E106", "E107", "E125"})


@dataclass
class PackageRecords:
    descriptor: dict[str, Any]
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # Problems that did not stop a table being read (a stale hash): validate reports them.
    problems: list[Problem] = field(default_factory=list)


def package_records(root: str | Path) -> PackageRecords:
    """Every table of the package at ``root`` (a folder or its datapackage.json) as rows.

    Raises ``PackageError`` naming the file, line and problem when a table cannot be
    read (a path outside the folder, a malformed CSV, a header that differs from the
    schema): a copy of part of the rows would look complete and not be."""
    pkg = open_package(root, max_bytes=WRITER_MAX_BYTES)
    out = PackageRecords(pkg.descriptor)
    for n, resource in enumerate(pkg.descriptor["resources"], 1):
        if not isinstance(resource, dict):
            raise PackageError(f"{pkg.descriptor_file}: resource {n} is not an object; run turkey-russia-data validate")
        name = resource.get("name")
        if not isinstance(name, str) or not name:
            raise PackageError(f"{pkg.descriptor_file}: resource {n} has no name; every table is copied by its name")
        if name in out.rows:
            raise PackageError(f"{pkg.descriptor_file}: resource {n}: a second table named {name!r}")
        found: list[Problem] = []
        table = read_table(pkg, resource, found)
        blocking = [p for p in found if p.code in _LOSES_ROWS]
        if table is None or blocking:
            first = (blocking or found or [Problem("E101", pkg.descriptor_file.name, "not read")])[0]
            where = f"{first.file}:{first.line}" if first.line else first.file
            raise PackageError(
                f"{where}: {first.code} {first.message}; run 'turkey-russia-data validate' on the package first"
            )
        out.problems += found
        out.schemas[table.spec.name] = table.schema
        out.rows[table.spec.name] = [dict(zip(table.header, cells, strict=True)) for _, cells in table.rows]
    return out
