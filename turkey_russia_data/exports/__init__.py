"""Exports of the package to other formats: SQLite, DuckDB, Parquet, Excel and JSON; a
stand-alone download (``bundle``), the citations as W3C Web Annotations
(``annotations``) and a static evidence explorer (``site``).

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

FORMATS = ("sqlite", "duckdb", "parquet", "xlsx", "json", "bundle", "annotations", "site")
# Formats that write a folder (bundle: unless the name ends in .zip).
_FOLDER_FORMATS = ("parquet", "site")
_SUFFIXES = {
    ".sqlite": "sqlite",
    ".sqlite3": "sqlite",
    ".db": "sqlite",
    ".duckdb": "duckdb",
    ".xlsx": "xlsx",
    ".json": "json",
    ".parquet": "parquet",
    ".zip": "bundle",
    ".jsonld": "annotations",
}


@dataclass(frozen=True)
class ExportResult:
    """What was written: the format, the path as given, and rows per table."""

    format: str
    path: Path
    rows: dict[str, int]

    def __str__(self) -> str:
        total = sum(self.rows.values())
        if self.format == "annotations":
            return f"wrote {total:,} citations as web annotations to {self.path}"
        return f"wrote {self.format} export of {len(self.rows)} tables ({total:,} rows) to {self.path}"


def _writer(fmt: str) -> Callable[..., dict[str, int]]:
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
    if fmt == "bundle":
        from .bundle import write_bundle

        return write_bundle
    if fmt == "annotations":
        from .annotations import write_annotations

        return write_annotations
    if fmt == "site":
        from .site import write_site

        return write_site
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


def sources_folder(sources: str | os.PathLike[str] | None) -> Path | None:
    """The folder of source texts: ``sources``, else $TRD_SOURCES_DIR, else none."""
    given = sources if sources is not None else os.environ.get("TRD_SOURCES_DIR") or None
    if given is None:
        return None
    folder = Path(given)
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder of source texts (--sources, $TRD_SOURCES_DIR)")
    return folder


def export(
    out: str | os.PathLike[str],
    format: str | None = None,
    *,
    force: bool = False,
    package: DataPackage | str | os.PathLike[str] | None = None,
    sources: str | os.PathLike[str] | None = None,
) -> ExportResult:
    """Write every table of ``package`` to ``out`` in ``format`` (default: from the suffix).

    ``package`` is a ``DataPackage`` (``trd.open(path)``), a datapackage.json or the folder
    holding one; default: the installed package.

    Parquet writes a folder of ``<table>.parquet`` files, ``site`` a folder of pages and
    ``bundle`` a folder or, for a name ending in ``.zip``, an archive; the others write one
    file.
    Raises ``OutputExistsError`` when ``out`` exists and ``force`` is false,
    ``MissingDependencyError`` when the format's optional library is missing.
    ``annotations`` and ``site`` use the source texts in ``sources`` (default:
    $TRD_SOURCES_DIR) when given: selectors get their context, rows their paragraphs.
    """
    fmt = format or format_for(out)
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")
    writer = _writer(fmt)
    source = _package(package)
    path = Path(out)
    texts = sources_folder(sources) if fmt in ("annotations", "site") else None
    directory = fmt in _FOLDER_FORMATS or (fmt == "bundle" and path.suffix.lower() != ".zip")
    with replacing(path, force=force, directory=directory) as target:
        if fmt in ("annotations", "site"):
            rows = writer(target, texts, root=source.root)
        elif fmt == "bundle":
            rows = writer(target, root=source.root)
        else:
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
    "sources_folder",
]
