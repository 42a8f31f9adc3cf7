"""The data dictionary (docs/data-dictionary.md): every table and column of the package, with
type, constraints, unit and description from the descriptor and Table Schemas, and row counts,
units in use and example values from the shipped tables.

    python -m turkey_russia_data.dictionary [--root .] (--write | --check)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import generated
from .roles import parse_roles
from .schema import EDTF_FLAG, REQUIRES_FLAG, fact_key_of, read_json, resource_schema

MODULE = "turkey_russia_data.dictionary"
OUT = Path("docs/data-dictionary.md")
MAX_EXAMPLES = 3
EXAMPLE_WIDTH = 40
ELLIPSIS = "…"
NUMERIC = ("number", "integer")
# The column that, row by row, names the unit of the table's figures.
UNIT_COLUMN = "unit"
# "ISO 4217 currency of value.": a column declaring itself the unit of another one.
_UNIT_OF = re.compile(r"\bcurrency of `?(\w+)`?")
_MENTIONS_UNIT_COLUMN = re.compile(rf"\b{UNIT_COLUMN}\b")
# A count's unit is the thing counted, as its description names it ("Number of units.",
# "Deaths, where the source states them."); nothing else is taken to be a unit.
_COUNTED = re.compile(r"^(?:Number of (\w+)|(\w+),)")
COLUMN_HEADER = ("Column", "Type", "Required", "Unit", "Allowed values", "Description", "Examples")

Row = dict[str, str]


@dataclass(frozen=True)
class DictionaryEntry:
    """One resource as the data dictionary documents it: descriptor entry, schema, rows."""

    resource: dict[str, Any]
    schema: dict[str, Any]
    rows: list[Row]

    @property
    def name(self) -> str:
        name: str = self.resource["name"]
        return name

    @property
    def fields(self) -> list[dict[str, Any]]:
        fields: list[dict[str, Any]] = self.schema["fields"]
        return fields


def _read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as fh:
        # a short row leaves None in DictReader's output; the dictionary treats it as empty
        return [{key: value or "" for key, value in row.items()} for row in csv.DictReader(fh)]


def load(root: Path) -> tuple[dict[str, Any], list[DictionaryEntry]]:
    """The descriptor and, in its order, each resource with its schema and rows."""
    descriptor: dict[str, Any] = read_json(root / "datapackage.json")
    tables = []
    for resource in descriptor["resources"]:
        tables.append(DictionaryEntry(resource, resource_schema(resource, root), _read_rows(root / resource["path"])))
    return descriptor, tables


def _cell(text: str) -> str:
    return " ".join(text.splitlines()).replace("|", "\\|")


def _code(text: str) -> str:
    # the fence must be longer than any run of backticks inside the value
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _role_lines(schema: dict[str, Any]) -> list[str]:
    """The roles the checks read (docs/roles.md), as the schema declares them."""
    roles, _ = parse_roles(schema)
    lines = []
    if roles.kind:
        lines.append(f"- **Kind:** {roles.kind}")
    for f in roles.figures:
        parts = [f"printed {_code(f.as_stated)}", f"qualifier {_code(f.qualifier)}"]
        if f.unit or f.fixed_unit:
            parts.append(f"unit {_code(f.unit) if f.unit else f.fixed_unit}")
        if f.basis:
            parts.append(f"basis {_code(f.basis)}")
        if f.measure:
            parts.append(f"measured by {_code(f.measure)}")
        lines.append(f"- **Figure:** {_code(f.value)} ({', '.join(parts)})")
    if roles.dates:
        lines.append("- **Dates:** " + "; ".join(f"{_code(d.column)} (basis {_code(d.basis)})" for d in roles.dates))
    if roles.compared:
        lines.append(f"- **Compared across sources:** {_codes(list(roles.compared))}")
    if roles.bounds:
        lines.append(f"- **Plausibility bounds:** {len(roles.bounds)} (see the schema's `x-bounds`)")
    return lines


def _table_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _codes(values: Iterable[str]) -> str:
    return ", ".join(_code(v) for v in values)


def _names(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def _shorten(text: str) -> str:
    text = " ".join(text.splitlines())
    return text if len(text) <= EXAMPLE_WIDTH else text[: EXAMPLE_WIDTH - 1].rstrip() + ELLIPSIS


def _distinct(values: Iterable[str], limit: int | None = None) -> list[str]:
    """The distinct non-empty values, in order of first occurrence."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
            if limit is not None and len(seen) == limit:
                break
    return list(seen)


def _enum(field: dict[str, Any]) -> list[str]:
    return [str(v) for v in field.get("constraints", {}).get("enum", [])]


def field_type(field: dict[str, Any]) -> str:
    kind: str = field.get("type", "string")
    return f"{kind} (EDTF date)" if field.get(EDTF_FLAG) else kind


def allowed_values(field: dict[str, Any]) -> str:
    constraints: dict[str, Any] = field.get("constraints", {})
    if "enum" in constraints:
        listed = _codes(_enum(field))
        return f"{listed} (ordered)" if field.get("categoriesOrdered") else listed
    if field.get(EDTF_FLAG):
        # the EDTF pattern is several hundred characters of regex; its name says more
        return "EDTF (level 1)"
    if field.get("type") == "boolean" and ("trueValues" in field or "falseValues" in field):
        return _codes([*field.get("trueValues", []), *field.get("falseValues", [])])
    if "pattern" in constraints:
        return _code(constraints["pattern"])
    bounds = []
    if "minimum" in constraints:
        bounds.append(f"minimum {constraints['minimum']}")
    if "maximum" in constraints:
        bounds.append(f"maximum {constraints['maximum']}")
    if "minLength" in constraints:
        bounds.append(f"at least {constraints['minLength']} characters")
    if "maxLength" in constraints:
        bounds.append(f"at most {constraints['maxLength']} characters")
    return "; ".join(bounds)


def _unit_column(field: dict[str, Any], table: DictionaryEntry) -> str | None:
    """The column holding, row by row, the unit of a numeric field, if the schema names one."""
    name = field["name"]
    if any(f["name"] == UNIT_COLUMN for f in table.fields) and (
        name == "value" or _MENTIONS_UNIT_COLUMN.search(field.get("description", ""))
    ):
        return UNIT_COLUMN
    for other in table.fields:
        match = _UNIT_OF.search(other.get("description", ""))
        if match and match.group(1) == name:
            return str(other["name"])
    return None


def unit(field: dict[str, Any], table: DictionaryEntry) -> str:
    """The unit of a numeric column, only as the schema or the data give it; otherwise empty."""
    if field.get("type") not in NUMERIC:
        return ""
    name = field["name"]
    column = _unit_column(field, table)
    if column is not None:
        used = _distinct(row.get(column, "") for row in table.rows if row.get(name))
        # the unit column's own enum order (money first), not the alphabet's
        unit_field = next(f for f in table.fields if f["name"] == column)
        order = {u: i for i, u in enumerate(_enum(unit_field))}
        used.sort(key=lambda u: (order.get(u, len(order)), u))
        return f"see {_code(column)}: {_codes(used)}" if used else f"see {_code(column)}"
    if field.get("type") == "integer" and field.get("constraints", {}).get("minimum") == 0:
        counted = _COUNTED.match(field.get("description", ""))
        if counted:
            return (counted.group(1) or counted.group(2)).lower()
    return ""


def examples(field: dict[str, Any], table: DictionaryEntry) -> list[str]:
    """Up to MAX_EXAMPLES non-empty values of the column as shown (on one line, shortened),
    in order of first occurrence."""
    # distinct as shown: two notes opening with the same 39 characters would look like one value twice
    return _distinct((_shorten(row.get(field["name"], "")) for row in table.rows), MAX_EXAMPLES)


def _column_row(field: dict[str, Any], table: DictionaryEntry) -> str:
    required = "yes" if field.get("constraints", {}).get("required") else "no"
    return _table_row(
        [
            _code(field["name"]),
            field_type(field),
            required,
            unit(field, table),
            allowed_values(field),
            field.get("description", ""),
            _codes(examples(field, table)),
        ]
    )


def _foreign_key(key: dict[str, Any], table: str) -> str:
    reference = key["reference"]
    target = reference["resource"] or table
    own = _names(key["fields"])
    theirs = [f"{target}.{f}" for f in _names(reference["fields"])]
    text = f"{_codes(own)} → {_codes(theirs)}"
    return f"{text} (same table)" if not reference["resource"] else text


def _table_section(table: DictionaryEntry) -> list[str]:
    schema, resource = table.schema, table.resource
    title, description = resource.get("title", ""), resource.get("description", "")
    lines = [f"## {table.name}", ""]
    if title or description:
        lines += [f"**{title.rstrip('.')}.** {description}".strip() if title else description, ""]
    schema_path = resource["schema"] if isinstance(resource["schema"], str) else None
    file_line = f"- **File:** {_code(resource['path'])}"
    lines.append(file_line + (f" (schema {_code(schema_path)})" if schema_path else ""))
    lines.append(f"- **Rows:** {len(table.rows)}")
    primary_key = _names(schema.get("primaryKey", []))
    lines.append(f"- **Primary key:** {_codes(primary_key) if primary_key else 'none'}")
    keys = schema.get("foreignKeys", [])
    if keys:
        lines.append("- **Foreign keys:** " + "; ".join(_foreign_key(k, table.name) for k in keys))
    fact_key = fact_key_of(schema)
    if fact_key:
        lines.append(f"- **Fact key** (which fact a row is): {_codes(list(fact_key))}")
    lines += _role_lines(schema)
    requires = schema.get(REQUIRES_FLAG, [])
    if requires:
        pairs = "; ".join(f"{_code(a)} requires {_code(b)}" for a, b in requires)
        lines.append(f"- **Co-required columns** (a filled first column needs the second): {pairs}")
    lines += [
        "",
        _table_row(COLUMN_HEADER),
        "|" + "---|" * len(COLUMN_HEADER),
        *(_column_row(f, table) for f in table.fields),
        "",
    ]
    return lines


def _head(descriptor: dict[str, Any], tables: list[DictionaryEntry]) -> list[str]:
    return [
        "# Data dictionary",
        "",
        f"Generated by `python -m {MODULE} --write` from `datapackage.json`, the Table Schemas in "
        "`schemas/` and, for row counts, units in use and examples, the tables in `tables/`; do not edit "
        f"by hand: change the schemas or data and regenerate (`python -m {MODULE} --check` exits 1 while "
        "this file is out of date).",
        "",
        f"Data version: **{descriptor.get('version', 'unknown')}**",
        "",
        "## Conventions",
        "",
        "- An empty cell means unknown: nothing is filled in that the source does not state.",
        "- Dates are EDTF (Extended Date/Time Format, level 0-1), as precise as the source states them: "
        "`2019`, `2019-07`, `2015-11-24`, `1853/1856`, `196X`, `2013~`.",
        "- `value` is at full scale (`$28.9 billion` is `28900000000`); its unit is in the same row's "
        "`unit` column (for arms deals, the `currency` column).",
        "- `*_as_stated` columns hold the figure exactly as printed in the source; where the row's value "
        "differs from it (misprint, OCR), `erratum` says why in words and a row of `errata` names the "
        "corrected column and the kind of slip; the checks excuse that column only.",
        "- Not in the CSVs but added by `trd.load()` and by the SQLite, DuckDB, Parquet and Excel exports: "
        "for each EDTF date column `c`, `c_start` and `c_end` (the first and last day `c` can denote) and "
        "`c_precision`; the SQL exports also hold `fact_rows`, the `evidence` view and `package_metadata` "
        "([exports.md](exports.md)).",
        "- In the column tables, *Required* means the cell may not be empty; *Unit* is given only where the "
        'schema or the data states one ("see `unit`" lists the units the rows use); *Examples* are the '
        f"first {MAX_EXAMPLES} distinct values in the table, cut to {EXAMPLE_WIDTH} characters.",
        "",
        "## Contents",
        "",
        "| Table | Rows | Title | Description |",
        "|---|---:|---|---|",
        *(
            _table_row(
                [
                    f"[{_code(t.name)}](#{t.name})",
                    str(len(t.rows)),
                    t.resource.get("title", ""),
                    t.resource.get("description", ""),
                ]
            )
            for t in tables
        ),
        "",
    ]


def render(root: Path) -> str:
    """The Markdown text of the data dictionary for the package at root."""
    descriptor, tables = load(root)
    lines = _head(descriptor, tables)
    for table in tables:
        lines += _table_section(table)
    return "\n".join(lines).rstrip("\n") + "\n"


def files(root: Path) -> dict[Path, str]:
    return {root / OUT: render(root)}


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(
        MODULE, __doc__, write="rewrite docs/data-dictionary.md", check="exit 1 if it is out of date"
    )
    args = parser.parse_args(argv)
    return generated.finish(files(args.root), args, MODULE)


if __name__ == "__main__":
    raise SystemExit(main())
