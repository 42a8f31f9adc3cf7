"""The package as relational tables: columns with types, keys and allowed values, in an
order that satisfies every foreign key, for the SQL exports (SQLite, DuckDB).

Taken from the Table Schemas plus the loader's derived date columns. Citations point at
rows of the fact tables (``table``, ``row_id``), which no single foreign key can express, so
the database gets one more table, ``fact_rows``: one row per fact row with a foreign key
to its own table, which ``citations`` and ``errata`` reference as ``("table", row_id)``. Every link in
the data is then a declared, enforced foreign key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from .. import dates
from ..loader import DataPackage
from ..roles import CORRECTS
from ..vocab import FACT_TABLES

ColumnKind = Literal["string", "integer", "number", "boolean", "date"]

FACT_ROWS = "fact_rows"


@dataclass(frozen=True)
class Column:
    name: str
    kind: ColumnKind
    required: bool = False
    enum: tuple[str, ...] | None = None
    description: str = ""


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class RelationalTable:
    """A table as the SQL exports create it: typed columns, keys, and its rows as a frame."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    description: str
    frame: pd.DataFrame

    @property
    def self_references(self) -> tuple[ForeignKey, ...]:
        return tuple(fk for fk in self.foreign_keys if fk.table == self.name)


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _columns(schema: dict[str, Any]) -> Iterator[Column]:
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        enum = constraints.get("enum")
        kind: ColumnKind = (
            field.get("type", "string") if field.get("type") in ("integer", "number", "boolean") else "string"
        )
        yield Column(
            name=field["name"],
            kind=kind,
            required=bool(constraints.get("required", False)),
            enum=tuple(enum) if enum is not None else None,
            description=field.get("description", ""),
        )
        if field.get("x-edtf"):
            # The loader's derived columns, so SQL users can sort and filter by time.
            name = field["name"]
            yield Column(f"{name}_start", "date", description=f"First day {name} can denote (derived).")
            yield Column(f"{name}_end", "date", description=f"Last day {name} can denote (derived).")
            yield Column(
                f"{name}_precision",
                "string",
                enum=tuple(dates.PRECISIONS),
                description=f"Precision of {name} (derived).",
            )


def _table(resource: dict[str, Any], package: DataPackage) -> RelationalTable:
    name = resource["name"]
    schema = package.schema(name)
    fks = tuple(
        ForeignKey(
            columns=_as_tuple(fk["fields"]),
            table=fk["reference"]["resource"] or name,
            references=_as_tuple(fk["reference"]["fields"]),
        )
        for fk in schema.get("foreignKeys", [])
    )
    return RelationalTable(
        name=name,
        columns=tuple(_columns(schema)),
        primary_key=_as_tuple(schema.get("primaryKey", [])),
        foreign_keys=fks,
        description=resource.get("description", resource.get("title", "")),
        frame=package.load(name),
    )


def _fact_rows(tables: dict[str, RelationalTable]) -> RelationalTable:
    keys = {name: tables[name].primary_key[0] for name in FACT_TABLES}
    rows = []
    for name, key in keys.items():
        for row_id in tables[name].frame[key]:
            rows.append(
                {"table": name, "row_id": row_id, **{k: (row_id if t == name else None) for t, k in keys.items()}}
            )
    frame = pd.DataFrame(rows, columns=["table", "row_id", *keys.values()]).astype("string")
    return RelationalTable(
        name=FACT_ROWS,
        columns=(
            Column("table", "string", required=True, enum=tuple(FACT_TABLES), description="Fact table of the row."),
            Column("row_id", "string", required=True, description="Id of the row in that table."),
            *(
                Column(key, "string", description=f"row_id when the row is in {t}, else empty.")
                for t, key in keys.items()
            ),
        ),
        primary_key=("table", "row_id"),
        foreign_keys=tuple(ForeignKey((key,), t, (key,)) for t, key in keys.items()),
        description="Every row of the fact tables, so that citations can reference them by (table, row_id).",
        frame=frame,
    )


def relational_tables(package: DataPackage) -> list[RelationalTable]:
    """Every table of the package plus ``fact_rows``, each after the tables it refers to."""
    tables = {r["name"]: _table(r, package) for r in package.descriptor["resources"]}
    tables[FACT_ROWS] = _fact_rows(tables)
    # Citations, and errata tables (x-corrects names their table and row columns), point at
    # fact rows by (table, row id).
    pointing = {"citations": ("table", "row_id")}
    pointing |= {n: tuple(c[:2]) for n in package.tables() if len(c := package.schema(n).get(CORRECTS) or []) == 3}
    for name, columns in pointing.items():
        table = tables[name]
        tables[name] = RelationalTable(
            name=table.name,
            columns=table.columns,
            primary_key=table.primary_key,
            foreign_keys=(*table.foreign_keys, ForeignKey(columns, FACT_ROWS, ("table", "row_id"))),
            description=table.description,
            frame=table.frame,
        )
    return _dependency_order(tables, package.tables())


def _dependency_order(tables: dict[str, RelationalTable], names: tuple[str, ...]) -> list[RelationalTable]:
    ordered: list[RelationalTable] = []
    done: set[str] = set()
    pending = [tables[n] for n in (*names, FACT_ROWS)]
    while pending:
        ready = [t for t in pending if all(fk.table in done or fk.table == t.name for fk in t.foreign_keys)]
        if not ready:
            raise ValueError(f"foreign keys form a cycle among {[t.name for t in pending]}")
        for t in ready:
            ordered.append(t)
            done.add(t.name)
        pending = [t for t in pending if t.name not in done]
    return ordered


def self_reference_layers(table: RelationalTable) -> list[pd.DataFrame]:
    """The table's rows in insertion batches: each batch refers (through its
    self-referencing foreign keys) only to rows of earlier batches, so the rows can be
    inserted with the keys enforced."""
    frame = table.frame
    refs = table.self_references
    if not refs:
        return [frame]
    layers: list[pd.DataFrame] = []
    inserted: set[tuple[Any, ...]] = set()
    remaining = frame
    while len(remaining):

        def ok(row: pd.Series) -> bool:
            for fk in refs:
                value = tuple(row[c] for c in fk.columns)
                if any(pd.isna(v) for v in value):
                    continue
                own = tuple(row[c] for c in fk.references)
                if value != own and value not in inserted:
                    return False
            return True

        mask = remaining.apply(ok, axis=1).astype(bool)
        if not mask.any():
            # A cycle or a dangling reference: insert the rest and let the database report it.
            layers.append(remaining)
            break
        batch = remaining[mask]
        layers.append(batch)
        for fk in refs:
            inserted.update(tuple(r) for r in batch[list(fk.references)].itertuples(index=False))
        remaining = remaining[~mask]
    return layers
