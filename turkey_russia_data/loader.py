"""The loader API: tables as pandas DataFrames with dtypes taken from the Table Schemas.

Reads with ``pandas.read_csv`` and explicit dtypes; never imports frictionless or
pydantic (``records`` imports the models only when called).
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import dates
from .errors import UnusableInputError
from .paths import data_root
from .schema import TableSpec, package_descriptor, table_names, table_spec
from .vocab import FACT_TABLES

if TYPE_CHECKING:
    from .models import Row


_PRECISION_DTYPE = pd.CategoricalDtype(list(dates.PRECISIONS), ordered=True)


def tables() -> tuple[str, ...]:
    """Names of all tables in the package, fact tables first."""
    return table_names()


def package() -> dict[str, Any]:
    """The Frictionless Data Package descriptor (a fresh copy; safe to modify)."""
    import copy

    return copy.deepcopy(package_descriptor())


def data_version() -> str:
    """Version of the shipped data package."""
    return str(package_descriptor()["version"])


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


def load(name: str) -> pd.DataFrame:
    """One table as a DataFrame: categorical enums (ordered where the schema says so),
    nullable integers, floats and booleans, and for every EDTF date column ``c`` the
    derived columns ``c_start``, ``c_end`` (datetime64) and ``c_precision``."""
    spec = table_spec(name)
    frame = pd.read_csv(
        data_root() / spec.path,
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


def load_all() -> dict[str, pd.DataFrame]:
    """Every table, by name."""
    return {name: load(name) for name in tables()}


def records(name: str) -> list[Row]:
    """One table as validated Pydantic model instances."""
    from .models import MODELS

    spec = table_spec(name)
    model = MODELS[name]
    with open(data_root() / spec.path, encoding="utf-8", newline="") as fh:
        return [model.model_validate(row) for row in csv.DictReader(fh)]


class UnknownRowError(UnusableInputError, KeyError):
    """A row id that the table does not have (a typo must not read as "no evidence")."""

    def __init__(self, table: str, row_id: str) -> None:
        super().__init__(row_id)
        self.table, self.row_id = table, row_id

    def __str__(self) -> str:
        return f"no row {self.row_id!r} in {self.table}"


def citations_for(table: str, row_id: str) -> pd.DataFrame:
    """The evidence for one fact row: its citations with quotes and source titles.
    Raises ``UnknownRowError`` (a ``KeyError``) when the table has no such row."""
    if table not in FACT_TABLES:
        raise ValueError(f"not a fact table: {table!r}; fact tables: {', '.join(FACT_TABLES)}")
    key = table_spec(table).primary_key[0]
    if not (load(table)[key] == row_id).any():
        raise UnknownRowError(table, row_id)
    cites = load("citations")
    hits = cites[(cites["table"] == table) & (cites["row_id"] == row_id)]
    sources = load("sources")[["source_id", "title", "authors", "date_published"]].rename(
        columns={"title": "source_title", "authors": "source_authors", "date_published": "source_date"}
    )
    out: pd.DataFrame = hits.merge(sources, on="source_id", how="left").reset_index(drop=True)
    return out
