"""What changed between two versions, row by row and field by field, and which version
bump the changes require (the Frictionless Data Package version recipe):

- major: a field added, removed, renamed, reordered or retyped; a constraint tightened;
  a primary or foreign key changed or added; a table removed; the package renamed; rows
  deleted from a table that other tables refer to by foreign key;
- minor: rows or tables added; a constraint loosened; a foreign key removed;
- patch: values corrected; rows of other tables retired; descriptive metadata changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..roles import FACT_KEY
from .semver import BUMPS, Bump
from .snapshot import Retirement, Snapshot, TableSnapshot

# Field properties that change how a value is read: changing one retypes the field (major).
_RETYPING = ("type", "format", "x-edtf", "categoriesOrdered", "trueValues", "falseValues")
# Field properties that only describe: changing them is a patch.
_DESCRIPTIVE = {"description", "title", "example", "categories"}
# Table Schema properties compared as a whole, with the bump a change of each needs.
_SCHEMA_KEYS: dict[str, Bump] = {"missingValues": "major"}
# Schema x- properties compared on their own above (the fact key; co-required pairs).
_NOT_ROLES = {"x-requires", FACT_KEY, "x-identity"}
# Constraints where a larger number is looser, and where it is tighter.
_LOOSER_WHEN_LARGER = {"maxLength", "maximum", "maxItems"}
_LOOSER_WHEN_SMALLER = {"minLength", "minimum", "minItems"}


@dataclass(frozen=True)
class Reason:
    """One change and the bump it requires."""

    bump: Bump
    table: str | None
    what: str
    about: str = "schema"  # "schema" | "rows" | "package"

    def __str__(self) -> str:
        return f"{self.table}: {self.what}" if self.table else self.what

    def as_dict(self) -> dict[str, Any]:
        return {"bump": self.bump, "table": self.table, "about": self.about, "what": self.what}


def ranked(reasons: list[Reason]) -> list[Reason]:
    """Largest bump first."""
    return sorted(reasons, key=lambda r: -BUMPS.index(r.bump))


@dataclass(frozen=True)
class RowChange:
    row_id: str
    fields: dict[str, tuple[str, str]]  # field -> (old, new); "" is an empty cell


@dataclass(frozen=True)
class Removed:
    row_id: str
    values: dict[str, str]
    retirement: Retirement | None


@dataclass
class TableDiff:
    name: str
    rows_old: int | None  # None: the table is not in that version
    rows_new: int | None
    schema: list[Reason] = field(default_factory=list)
    added: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    new_fields: list[str] = field(default_factory=list)  # fields the old version did not have

    @property
    def unchanged(self) -> bool:
        return not (self.schema or self.added or self.removed or self.changed) and self.rows_old == self.rows_new


@dataclass
class Diff:
    old: Snapshot
    new: Snapshot
    package: list[Reason] = field(default_factory=list)
    tables: list[TableDiff] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)

    @property
    def required(self) -> Bump:
        return max((r.bump for r in self.reasons), key=BUMPS.index, default="none")

    @property
    def empty(self) -> bool:
        return not self.reasons

    def table(self, name: str) -> TableDiff:
        return next(t for t in self.tables if t.name == name)


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """Every difference between two versions, with the bump each requires."""
    diff = Diff(old, new)
    diff.package = _metadata_changes(old.metadata, new.metadata)
    diff.reasons.extend(diff.package)
    for name in list(old.tables) + [n for n in new.tables if n not in old.tables]:
        a, b = old.tables.get(name), new.tables.get(name)
        if a is None and b is not None:
            t = TableDiff(name, None, len(b.rows), added=[(i, _filled(b.cells(i))) for i in b.rows])
            t.schema.append(Reason("minor", name, "table added"))
        elif b is None and a is not None:
            t = TableDiff(name, len(a.rows), None)
            t.removed = [Removed(i, _filled(a.cells(i)), new.retirement(name, i)) for i in a.rows]
            t.schema.append(Reason("major", name, "table removed"))
        else:
            assert a is not None and b is not None
            t = _table_diff(a, b, new)
            t.schema.extend(_schema_changes(a, b))
            _row_reasons(t, a, old, new)
        diff.tables.append(t)
        diff.reasons.extend(t.schema)
    return diff


def _filled(cells: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in cells.items() if v != ""}


def _table_diff(a: TableSnapshot, b: TableSnapshot, new: Snapshot) -> TableDiff:
    t = TableDiff(a.name, len(a.rows), len(b.rows), new_fields=[f for f in b.fields if f not in a.fields])
    for row_id in b.rows:
        if row_id not in a.rows:
            t.added.append((row_id, _filled(b.cells(row_id))))
            continue
        old_cells, new_cells = a.cells(row_id), b.cells(row_id)
        fields = {
            name: (old_cells.get(name, ""), new_cells.get(name, ""))
            for name in list(a.fields) + [f for f in b.fields if f not in a.fields]
            if old_cells.get(name, "") != new_cells.get(name, "")
        }
        if fields:
            t.changed.append(RowChange(row_id, fields))
    t.removed = [Removed(i, _filled(a.cells(i)), new.retirement(a.name, i)) for i in a.rows if i not in b.rows]
    return t


def _row_reasons(t: TableDiff, a: TableSnapshot, old: Snapshot, new: Snapshot) -> None:
    if t.added:
        t.schema.append(Reason("minor", t.name, f"{len(t.added)} rows added", "rows"))
    if t.changed:
        t.schema.append(Reason("patch", t.name, f"{len(t.changed)} rows changed", "rows"))
    if t.removed:
        referrers = a.referenced_by_foreign_keys({**old.tables, **new.tables})
        if referrers:
            t.schema.append(
                Reason(
                    "major",
                    t.name,
                    f"{len(t.removed)} rows deleted; {', '.join(referrers)} refer to this table",
                    "rows",
                )
            )
        else:
            t.schema.append(Reason("patch", t.name, f"{len(t.removed)} rows retired", "rows"))


def _metadata_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Reason]:
    out = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            bump: Bump = "major" if key in ("name", "id") else "patch"
            out.append(Reason(bump, None, f"package {key!r} changed", "package"))
    return out


def _schema_changes(a: TableSnapshot, b: TableSnapshot) -> list[Reason]:
    name = a.name
    out: list[Reason] = []
    old_fields = {f["name"]: f for f in a.schema["fields"]}
    new_fields = {f["name"]: f for f in b.schema["fields"]}
    for f in old_fields:
        if f not in new_fields:
            out.append(Reason("major", name, f"field {f!r} removed or renamed"))
    for f in new_fields:
        if f not in old_fields:
            out.append(Reason("major", name, f"field {f!r} added"))
    common_old = [f for f in old_fields if f in new_fields]
    common_new = [f for f in new_fields if f in old_fields]
    if common_old != common_new:
        out.append(Reason("major", name, "fields reordered"))
    for f in common_new:
        out.extend(_field_changes(name, f, old_fields[f], new_fields[f]))
    if a.primary_key != b.primary_key:
        out.append(Reason("major", name, f"primary key {list(a.primary_key)} -> {list(b.primary_key)}"))
    for key, what in (("foreignKeys", "foreign key"), ("x-requires", "co-required pair")):
        out.extend(_listed_changes(name, what, a.schema.get(key, []), b.schema.get(key, [])))
    if a.identity != b.identity:
        out.append(Reason("patch", name, f"fact key {list(a.identity)} -> {list(b.identity)}"))
    # The other roles (docs/roles.md) say what the checks read, not what the data is:
    # descriptive metadata, a patch. Every x- property is one, declared now or later.
    for key in sorted({k for k in (*a.schema, *b.schema) if k.startswith("x-")} - _NOT_ROLES):
        if a.schema.get(key) != b.schema.get(key):
            out.append(Reason("patch", name, f"roles: schema {key!r} changed"))
    for key, bump in _SCHEMA_KEYS.items():
        if a.schema.get(key) != b.schema.get(key):
            out.append(Reason(bump, name, f"schema {key!r} changed"))
    # A changed path is not compared: relocating the data needs no bump (the recipe).
    return out


def _listed_changes(table: str, what: str, old: list[Any], new: list[Any]) -> list[Reason]:
    out = [Reason("major", table, f"{what} added: {item}") for item in new if item not in old]
    out += [Reason("minor", table, f"{what} removed: {item}") for item in old if item not in new]
    return out


def _field_changes(table: str, name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Reason]:
    out: list[Reason] = []
    for key in _RETYPING:
        if old.get(key) != new.get(key):
            out.append(Reason("major", table, f"field {name!r}: {key} {old.get(key)!r} -> {new.get(key)!r}"))
    out.extend(_constraint_changes(table, name, old.get("constraints", {}), new.get("constraints", {})))
    known = {"name", "constraints", *_RETYPING}
    for key in sorted((set(old) | set(new)) - known):
        if old.get(key) != new.get(key):
            if key == "categories" and old.get("constraints", {}).get("enum") != new.get("constraints", {}).get("enum"):
                continue  # reported with the enum
            bump: Bump = "patch" if key in _DESCRIPTIVE else "major"
            out.append(Reason(bump, table, f"field {name!r}: {key} changed"))
    return out


def _constraint_changes(table: str, name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Reason]:
    out: list[Reason] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        bump = _constraint_bump(key, a, b)
        verb = "loosened" if bump == "minor" else "tightened"
        out.append(Reason(bump, table, f"field {name!r}: constraint {key} {verb} ({a!r} -> {b!r})"))
    return out


def _constraint_bump(key: str, a: Any, b: Any) -> Bump:
    """Loosening a constraint is minor; tightening it, or any change that cannot be shown
    to loosen it (a new pattern), is major."""
    if b is None or b is False:
        return "minor"  # constraint dropped
    if a is None or a is False:
        return "major"  # constraint added
    if key == "enum" and isinstance(a, list) and isinstance(b, list):
        return "minor" if set(a) < set(b) else "major"
    if key in _LOOSER_WHEN_LARGER and isinstance(a, int | float) and isinstance(b, int | float):
        return "minor" if b > a else "major"
    if key in _LOOSER_WHEN_SMALLER and isinstance(a, int | float) and isinstance(b, int | float):
        return "minor" if b < a else "major"
    return "major"
