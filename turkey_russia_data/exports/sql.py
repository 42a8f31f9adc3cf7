"""SQL text shared by the SQLite and DuckDB exports: quoted names, key clauses, the
evidence view and the package metadata rows."""

from __future__ import annotations

from ..loader import DataPackage
from .relational import FACT_ROWS, Column, RelationalTable

EVIDENCE_VIEW = "evidence"
METADATA_TABLE = "package_metadata"


def quote(name: str) -> str:
    """A quoted SQL identifier: several columns (``table``, ``date``) are keywords."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def names(columns: tuple[str, ...]) -> str:
    return ", ".join(quote(c) for c in columns)


def enum_check(column: Column) -> str:
    assert column.enum is not None
    return f"CHECK ({quote(column.name)} IN ({', '.join(literal(v) for v in column.enum)}))"


def key_clauses(table: RelationalTable) -> list[str]:
    clauses = [f"PRIMARY KEY ({names(table.primary_key)})"] if table.primary_key else []
    for fk in table.foreign_keys:
        clauses.append(f"FOREIGN KEY ({names(fk.columns)}) REFERENCES {quote(fk.table)} ({names(fk.references)})")
    if table.name == FACT_ROWS:
        # Exactly the key column of the row's own table is set, and it equals row_id.
        for col in table.columns[2:]:
            table_name = next(fk.table for fk in table.foreign_keys if fk.columns == (col.name,))
            clauses.append(
                f"CHECK (({quote('table')} = {literal(table_name)}) = ({quote(col.name)} IS NOT NULL)"
                f" AND ({quote(col.name)} IS NULL OR {quote(col.name)} = {quote('row_id')}))"
            )
    return clauses


def evidence_view() -> str:
    """Each citation with its source's bibliographic record: the join most users want."""
    return (
        f"CREATE VIEW {quote(EVIDENCE_VIEW)} AS SELECT c.{quote('table')}, c.{quote('row_id')}, "
        "c.citation_id, c.relation, c.supports, c.quote, c.note, c.source_id, "
        "s.title AS source_title, s.authors AS source_authors, s.date_published AS source_date "
        "FROM citations AS c JOIN sources AS s ON s.source_id = c.source_id"
    )


def metadata_rows(package: DataPackage) -> list[tuple[str, str]]:
    """Key-value rows naming the package and version the database was made from."""
    descriptor = package.descriptor
    rows: list[tuple[str, str]] = [
        (key, str(descriptor[key])) for key in ("name", "title", "version", "created", "homepage") if key in descriptor
    ]
    licenses = descriptor.get("licenses", [])
    if licenses:
        rows.append(("licenses", "; ".join(str(lic.get("title") or lic.get("name")) for lic in licenses)))
    return rows
