"""Exports of the package to other formats: SQLite, DuckDB, Parquet, Excel and JSON.

``export(out, format)`` writes atomically and never replaces an existing file or folder
unless ``force=True``. SQLite and JSON need only the standard library, Parquet only
pyarrow (a dependency); DuckDB and Excel need the extras ``duckdb`` and ``xlsx``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import replacing
from .errors import ExportError, MissingDependencyError, OutputExistsError

if TYPE_CHECKING:
    from ..loader import DataPackage

FORMATS = ("sqlite", "duckdb", "parquet", "xlsx", "json")
_SUFFIXES = {
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
    ".duckdb": "duckdb",
    ".xlsx": "xlsx",
    ".json": "json",
    ".parquet": "parquet",
}


@dataclass(frozen=True)
class ExportResult:
    """What was written: the format, the path as given, and rows per table."""

    format: str
    path: Path
    rows: dict[str, int]

    def __str__(self) -> str:
        total = sum(self.rows.values())
        return f"wrote {self.format} export of {len(self.rows)} tables ({total:,} rows) to {self.path}"


def _writer(fmt: str) -> Callable[[Path, DataPackage], dict[str, int]]:
    # Each writer is imported on demand: an optional library is needed only for its format.
    if fmt == "sqlite":
        from .sqlite import write_sqlite

        return write_sqlite
    if fmt == "duckdb":
        from .duck import write_duckdb

        return write_duckdb
    if fmt == "parquet":
        from .parquet import write_parquet

        return write_parquet
    if fmt == "xlsx":
        from .xlsx import write_xlsx

        return write_xlsx
    from .inline_json import write_json

    return write_json


def _package(package: DataPackage | str | os.PathLike[str] | None) -> DataPackage:
    from ..loader import DataPackage, shipped

    if package is None:
        return shipped()
    return package if isinstance(package, DataPackage) else DataPackage(package)


def format_for(out: str | os.PathLike[str]) -> str:
    """The format a file name implies (``.sqlite``/``.db``, ``.duckdb``, ``.xlsx``, ``.json``,
    ``.parquet`` for a folder)."""
    suffix = Path(out).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ExportError(f"{out}: cannot tell the format from the name; give one of {', '.join(FORMATS)}")
    return _SUFFIXES[suffix]


def export(
    out: str | os.PathLike[str],
    format: str | None = None,
    *,
    force: bool = False,
    package: DataPackage | str | os.PathLike[str] | None = None,
) -> ExportResult:
    """Write every table of ``package`` to ``out`` in ``format`` (default: from the suffix).

    ``package`` is a ``DataPackage`` (``trd.open(path)``), a datapackage.json or the folder
    holding one; default: the installed package.

    Parquet writes a folder of ``<table>.parquet`` files; the others write one file.
    Raises ``OutputExistsError`` when ``out`` exists and ``force`` is false,
    ``MissingDependencyError`` when the format's optional library is missing.
    """
    fmt = format or format_for(out)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    writer = _writer(fmt)
    source = _package(package)
    path = Path(out)
    with replacing(path, force=force, directory=fmt == "parquet") as target:
        rows = writer(target, source)
    return ExportResult(fmt, path, rows)


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportResult",
    "MissingDependencyError",
    "OutputExistsError",
    "export",
    "format_for",
]
