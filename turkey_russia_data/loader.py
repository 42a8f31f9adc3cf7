"""The loader API: tables as pandas DataFrames with dtypes taken from the Table Schemas.

``open(path)`` gives a ``DataPackage`` for any copy of the package (a fork, an edited
clone): ``pkg.load("events")``, ``pkg.validate()``, ``pkg.export(...)``. The module-level
functions (``load``, ``tables``, ...) are those of the shipped package.

Reads with ``pandas.read_csv`` and explicit dtypes; never imports frictionless or
pydantic (``records`` imports the models only when called).
"""

from __future__ import annotations

import builtins
import copy
import csv
import json
import os
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from . import dates
from .errors import PackageError, UnusableInputError
from .jsontext import parse_json
from .paths import DESCRIPTOR, data_root
from .schema import TableSpec, UnknownTableError, table_spec_from
from .vocab import FACT_TABLES

if TYPE_CHECKING:
    from .exports import ExportResult
    from .models import Row
    from .validation import Conflict, Report


_PRECISION_DTYPE = pd.CategoricalDtype(list(dates.PRECISIONS), ordered=True)


def _dtypes(spec: TableSpec) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in spec.fields:
        if f.enum is not None:
            out[f.name] = pd.CategoricalDtype(list(f.enum), ordered=f.ordered)
        elif f.type == "integer":
            out[f.name] = "Int64"
        elif f.type == "number":
            out[f.name] = "Float64"
        elif f.type == "boolean":
            out[f.name] = "boolean"
        else:
            out[f.name] = "string"
    return out


def _date_columns(values: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Start, end and precision of an EDTF column, parsed once per distinct value."""
    codes, distinct = pd.factorize(values)
    parsed = [dates.parse(str(v)) for v in distinct]
    missing = codes < 0

    def days(attr: str) -> pd.Series:
        # Microseconds, not nanoseconds: the sources reach back to the fifteenth century,
        # beyond the [ns] range. [us] is also pandas' own default resolution and what
        # Parquet and Arrow store, so an exported table reads back with the same dtype.
        per_value = np.array([getattr(r, attr) for r in parsed] + [None], dtype="datetime64[D]")
        # codes of -1 (empty cells) pick the trailing NaT.
        column = per_value[np.where(missing, len(parsed), codes)].astype("datetime64[us]")
        out: pd.Series = pd.Series(column, index=values.index)
        return out

    precision = pd.Categorical.from_codes(
        np.where(missing, -1, np.array([dates.PRECISIONS.index(r.precision) for r in parsed] + [-1], dtype=int)[codes]),
        dtype=_PRECISION_DTYPE,
    )
    return days("start"), days("end"), pd.Series(precision, index=values.index)


class UnknownRowError(UnusableInputError, KeyError):
    """A row id that the table does not have (a typo must not read as "no evidence")."""

    def __init__(self, table: str, row_id: str) -> None:
        super().__init__(row_id)
        self.table, self.row_id = table, row_id

    def __str__(self) -> str:
        return f"no row {self.row_id!r} in {self.table}"


class DataPackage:
    """A copy of the data package on disk: its descriptor, schemas and tables.

    ``DataPackage(path)`` takes a datapackage.json or the folder holding it. Files are
    read when asked for and always from that folder: a resource or schema path that
    leaves it is refused (PackageError).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        if "\x00" in os.fspath(path):
            raise PackageError(f"{os.fspath(path)!r}: a path cannot hold a NUL character")
        given = Path(path)
        try:
            descriptor_file = given / DESCRIPTOR if given.is_dir() else given
            if not descriptor_file.is_file():
                raise PackageError(
                    f"{descriptor_file}: no such file (expected a datapackage.json or a folder with one)"
                )
            self.descriptor_file = descriptor_file.resolve()
        except (OSError, RuntimeError) as exc:  # a name too long, a loop of symbolic links
            raise PackageError(f"{given}: cannot be opened ({exc})") from None
        self.root = self.descriptor_file.parent
        self._specs: dict[str, TableSpec] = {}

    def __repr__(self) -> str:
        return f"DataPackage({str(self.descriptor_file)!r})"

    @cached_property
    def descriptor(self) -> dict[str, Any]:
        """The descriptor as read (shared: treat as read-only; ``package()`` gives a copy)."""
        try:
            with builtins.open(self.descriptor_file, encoding="utf-8") as fh:
                descriptor = parse_json(fh.read())
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PackageError(f"{self.descriptor_file}: not a readable datapackage.json ({exc})") from None
        if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
            raise PackageError(f"{self.descriptor_file}: not a data package (no 'resources' list)")
        for n, resource in enumerate(descriptor["resources"], 1):
            if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
                raise PackageError(f"{self.descriptor_file}: resource {n} is not an object with a 'name'")
        return descriptor

    def path_of(self, ref: Any, what: str = "path") -> Path:
        """A file the descriptor names, inside the package folder."""
        from .reading.package import safe_local

        path, why = safe_local(self.root, ref, what)
        if path is None:
            raise PackageError(f"{self.descriptor_file}: {why}")
        if not path.is_file():  # a folder, a FIFO or nothing at all
            raise PackageError(f"{self.descriptor_file}: {what} {ref!r} is not a file inside the package folder")
        return path

    def tables(self) -> tuple[str, ...]:
        """Names of all tables in the package, in the descriptor's order."""
        return tuple(str(r["name"]) for r in self.descriptor["resources"])

    def package(self) -> dict[str, Any]:
        """The Frictionless Data Package descriptor (a fresh copy; safe to modify)."""
        return copy.deepcopy(self.descriptor)

    def data_version(self) -> str:
        """The package's version."""
        return str(self.descriptor.get("version", ""))

    def resource(self, name: str) -> dict[str, Any]:
        for resource in self.descriptor["resources"]:
            if resource.get("name") == name:
                return dict(resource)
        raise UnknownTableError(name, self.tables())

    def schema(self, name: str) -> dict[str, Any]:
        """A table's Table Schema, inline or from its file."""
        schema = self.resource(name)["schema"]
        if isinstance(schema, str):
            path = self.path_of(schema, "schema")
            try:
                with builtins.open(path, encoding="utf-8") as fh:
                    schema = parse_json(fh.read())
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise PackageError(f"{path}: not a readable Table Schema ({exc})") from None
        if not isinstance(schema, dict):
            raise PackageError(f"{self.descriptor_file}: the schema of table {name!r} is not an object")
        from .reading.package import schema_defect

        defect = schema_defect(schema)
        if defect is not None:
            raise PackageError(f"{self.descriptor_file}: table {name!r}: unusable schema: {defect}")
        return dict(schema)

    def spec(self, name: str) -> TableSpec:
        """A table's structure, from its Table Schema."""
        if name not in self._specs:
            self._specs[name] = table_spec_from(self.resource(name), self.schema(name))
        return self._specs[name]

    def load(self, name: str) -> pd.DataFrame:
        """One table as a DataFrame: categorical enums (ordered where the schema says so),
        nullable integers, floats and booleans, and for every EDTF date column ``c`` the
        derived columns ``c_start``, ``c_end`` (datetime64) and ``c_precision``."""
        spec = self.spec(name)
        frame = pd.read_csv(
            self.path_of(spec.path),
            dtype=_dtypes(spec),
            keep_default_na=False,
            na_values=[""],
            true_values=["true"],
            false_values=["false"],
            encoding="utf-8",
        )
        for f in spec.fields:
            if not f.edtf:
                continue
            start, end, precision = _date_columns(frame[f.name])
            at = list(frame.columns).index(f.name) + 1
            frame.insert(at, f"{f.name}_start", start)
            frame.insert(at + 1, f"{f.name}_end", end)
            frame.insert(at + 2, f"{f.name}_precision", precision)
        return frame

    def load_all(self) -> dict[str, pd.DataFrame]:
        """Every table, by name."""
        return {name: self.load(name) for name in self.tables()}

    def records(self, name: str) -> list[Row]:
        """One table as validated Pydantic model instances."""
        from .models import MODELS

        spec = self.spec(name)
        model = MODELS[name]
        with builtins.open(self.path_of(spec.path), encoding="utf-8", newline="") as fh:
            return [model.model_validate(row) for row in csv.DictReader(fh)]

    def citations_for(self, table: str, row_id: str) -> pd.DataFrame:
        """The evidence for one fact row: its citations with quotes and source titles.
        Raises ``UnknownRowError`` (a ``KeyError``) when the table has no such row."""
        if table not in FACT_TABLES:
            raise ValueError(f"not a fact table: {table!r}; fact tables: {', '.join(FACT_TABLES)}")
        key = self.spec(table).primary_key[0]
        if not (self.load(table)[key] == row_id).any():
            raise UnknownRowError(table, row_id)
        cites = self.load("citations")
        hits = cites[(cites["table"] == table) & (cites["row_id"] == row_id)]
        sources = self.load("sources")[["source_id", "title", "authors", "date_published"]].rename(
            columns={"title": "source_title", "authors": "source_authors", "date_published": "source_date"}
        )
        out: pd.DataFrame = hits.merge(sources, on="source_id", how="left").reset_index(drop=True)
        return out

    def validate(self, sources: str | Path | None = None, **options: Any) -> Report:
        """``turkey_russia_data.validate`` on this package (same options)."""
        from .validation import validate

        return validate(self.descriptor_file, sources, **options)

    def conflicts(self) -> list[Conflict]:
        """``turkey_russia_data.conflicts`` on this package."""
        from .validation import conflicts

        return conflicts(self.descriptor_file)

    def cite(self, source_id: str | None = None, style: Literal["apa", "bibtex", "cff"] = "apa") -> str:
        """``turkey_russia_data.cite`` for this package: its own title, version and sources."""
        from .citation import cite

        return cite(source_id, style, root=self.descriptor_file)

    def export(self, out: str | os.PathLike[str], format: str | None = None, *, force: bool = False) -> ExportResult:
        """``turkey_russia_data.export`` of this package."""
        from .exports import export

        return export(out, format, force=force, package=self)


# Named for how it reads, trd.open(path); this module uses builtins.open for files.
def open(path: str | os.PathLike[str]) -> DataPackage:
    """The data package at ``path``: a datapackage.json or the folder holding it."""
    return DataPackage(path)


@cache
def shipped() -> DataPackage:
    """The package installed with this library."""
    return DataPackage(data_root())


# The shipped package's API, as module-level functions.


def tables() -> tuple[str, ...]:
    """Names of all tables in the package, fact tables first."""
    return shipped().tables()


def package() -> dict[str, Any]:
    """The Frictionless Data Package descriptor (a fresh copy; safe to modify)."""
    return shipped().package()


def data_version() -> str:
    """Version of the shipped data package."""
    return shipped().data_version()


def load(name: str) -> pd.DataFrame:
    """One table of the shipped package as a DataFrame (see ``DataPackage.load``)."""
    return shipped().load(name)


def load_all() -> dict[str, pd.DataFrame]:
    """Every table, by name."""
    return shipped().load_all()


def records(name: str) -> list[Row]:
    """One table as validated Pydantic model instances."""
    return shipped().records(name)


def citations_for(table: str, row_id: str) -> pd.DataFrame:
    """The evidence for one fact row: its citations with quotes and source titles.
    Raises ``UnknownRowError`` (a ``KeyError``) when the table has no such row."""
    return shipped().citations_for(table, row_id)
