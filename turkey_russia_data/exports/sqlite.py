"""SQLite export: one table per resource with declared types, NOT NULL, allowed values
as CHECK constraints, primary and foreign keys (enforced: the file passes
``PRAGMA foreign_key_check``), the ``fact_rows`` link table, an ``evidence`` view and a
``package_metadata`` table. Only the standard library's sqlite3 is needed."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd

from ..loader import DataPackage
from .errors import ExportError
from .relational import FACT_ROWS, Column, RelationalTable, relational_tables, self_reference_layers
from .sql import METADATA_TABLE, enum_check, evidence_view, key_clauses, metadata_rows, names, quote
from .values import is_missing

_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


def _column_sql(column: Column) -> str:
    parts = [quote(column.name), _TYPES[column.kind]]
    if column.required:
        parts.append("NOT NULL")
    if column.enum is not None:
        parts.append(enum_check(column))
    elif column.kind == "boolean":
        parts.append(f"CHECK ({quote(column.name)} IN (0, 1))")
    elif column.kind == "date":
        # ISO 8601 text sorts and compares like the date it is, and date() understands it.
        parts.append(f"CHECK ({quote(column.name)} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')")
    return " ".join(parts)


def create_table_sql(table: RelationalTable) -> str:
    body = [_column_sql(c) for c in table.columns] + key_clauses(table)
    return f"CREATE TABLE {quote(table.name)} (\n  " + ",\n  ".join(body) + "\n)"


def _cell(value: Any, column: Column) -> Any:
    if is_missing(value):
        return None
    if column.kind == "date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if column.kind == "boolean":
        return int(bool(value))
    if column.kind == "integer":
        return int(value)
    if column.kind == "number":
        return float(value)
    return str(value)


def _rows(frame: pd.DataFrame, columns: tuple[Column, ...]) -> list[tuple[Any, ...]]:
    series = [frame[c.name].astype(object).tolist() for c in columns]
    return [tuple(_cell(v, c) for v, c in zip(values, columns, strict=True)) for values in zip(*series, strict=True)]


def write_sqlite(path: Path, package: DataPackage) -> dict[str, int]:
    """Write the package to a new SQLite file at ``path``; returns rows per package table
    (the ``fact_rows`` link table is not counted)."""
    tables = relational_tables(package)
    counts: dict[str, int] = {}
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        with con:
            for table in tables:
                con.execute(create_table_sql(table))
            for table in tables:
                columns = names(tuple(c.name for c in table.columns))
                sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({', '.join('?' * len(table.columns))})"
                for batch in self_reference_layers(table):
                    con.executemany(sql, _rows(batch, table.columns))
                if table.name != FACT_ROWS:
                    counts[table.name] = len(table.frame)
            for table in tables:
                # SQLite indexes a parent key but not the child columns that refer to it.
                for fk in table.foreign_keys:
                    index = quote(f"ix_{table.name}_{'_'.join(fk.columns)}")
                    con.execute(f"CREATE INDEX {index} ON {quote(table.name)} ({names(fk.columns)})")
            con.execute(evidence_view())
            con.execute(f"CREATE TABLE {quote(METADATA_TABLE)} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.executemany(f"INSERT INTO {quote(METADATA_TABLE)} VALUES (?, ?)", metadata_rows(package))
        broken = con.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ExportError(f"the data breaks foreign keys in SQLite: {broken[:5]}; run turkey-russia-data validate")
    finally:
        con.close()
    return counts
