"""DuckDB export (extra ``duckdb``): the same tables, keys and view as the SQLite export,
with DuckDB's own types: DATE, BIGINT, DOUBLE, BOOLEAN, and a named ENUM type for each
set of allowed values. The type is named after its column (``stance``, ``category``) or,
where one column name carries different value sets in different tables, after table and
column (``trade_flows_unit``). DuckDB compares an ENUM with a plain string as text, so
ordered comparisons name the type: ``stance >= 'cautious'::stance``."""

from __future__ import annotations

from pathlib import Path

from ..loader import DataPackage
from .errors import MissingDependencyError
from .relational import FACT_ROWS, Column, RelationalTable, relational_tables, self_reference_layers
from .sql import METADATA_TABLE, evidence_view, key_clauses, literal, metadata_rows, names, quote

_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


def enum_types(tables: list[RelationalTable]) -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(table, column) -> (type name, values) for every column with allowed values."""
    by_column: dict[str, set[tuple[str, ...]]] = {}
    for table in tables:
        for c in table.columns:
            if c.enum is not None:
                by_column.setdefault(c.name, set()).add(c.enum)
    out = {}
    for table in tables:
        for c in table.columns:
            if c.enum is not None:
                name = c.name if len(by_column[c.name]) == 1 else f"{table.name}_{c.name}"
                out[(table.name, c.name)] = (name, c.enum)
    return out


def create_table_sql(table: RelationalTable, enums: dict[tuple[str, str], tuple[str, tuple[str, ...]]]) -> str:
    def type_of(c: Column) -> str:
        return quote(enums[(table.name, c.name)][0]) if c.enum is not None else _TYPES[c.kind]

    body = [f"{quote(c.name)} {type_of(c)}{' NOT NULL' if c.required else ''}" for c in table.columns]
    return f"CREATE TABLE {quote(table.name)} (\n  " + ",\n  ".join(body + key_clauses(table)) + "\n)"


def _select(table: RelationalTable) -> str:
    # Categoricals arrive as DuckDB's own ENUMs; through VARCHAR they cast to the column's.
    cols = [f"CAST({quote(c.name)} AS VARCHAR)" if c.enum is not None else quote(c.name) for c in table.columns]
    return ", ".join(cols)


def write_duckdb(path: Path, package: DataPackage) -> dict[str, int]:
    """Write the package to a new DuckDB database file at ``path``; returns rows per package table
    (the ``fact_rows`` link table is not counted)."""
    try:
        import duckdb
    except ImportError:
        raise MissingDependencyError("duckdb", "duckdb", "duckdb") from None
    tables = relational_tables(package)
    counts: dict[str, int] = {}
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        enums = enum_types(tables)
        for type_name, values in sorted(set(enums.values())):
            con.execute(f"CREATE TYPE {quote(type_name)} AS ENUM ({', '.join(literal(v) for v in values)})")
        for table in tables:
            con.execute(create_table_sql(table, enums))
        for table in tables:
            for batch in self_reference_layers(table):
                con.register("batch", batch)
                con.execute(
                    f"INSERT INTO {quote(table.name)} ({names(tuple(c.name for c in table.columns))}) "
                    f"SELECT {_select(table)} FROM batch"
                )
                con.unregister("batch")
            if table.name != FACT_ROWS:
                counts[table.name] = len(table.frame)
        con.execute(evidence_view())
        con.execute(f"CREATE TABLE {quote(METADATA_TABLE)} (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        con.executemany(f"INSERT INTO {quote(METADATA_TABLE)} VALUES (?, ?)", metadata_rows(package))
        con.execute("COMMIT")
    finally:
        con.close()
    return counts
