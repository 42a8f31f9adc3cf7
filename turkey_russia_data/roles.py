"""What each column of a table means to the checks: its roles.

A table declares its roles once, in ``models.TableMeta``; the generated Table Schema
carries them as ``x-`` properties (documented in docs/roles.md) and the validator reads
them from the package's own schemas, so a fork that renames a column or adds a fact
table is checked without a code change.

- ``x-kind``: "fact", "reference" or "link". Fact rows need citations (levels 2-8).
- ``x-fact-key``: the columns that say which fact a row is. Rows sharing them state the
  same fact (level 8 compares them); a release may not change them for a released id.
- ``x-figures``: the figures a row states, each a value column with its printed form,
  qualifier, unit (a column or a fixed unit), basis, what it measures and which of
  those measures are shares.
- ``x-dates``: the date columns with their basis columns; the first is when the fact
  happened or held.
- ``x-compared``: what rows of one fact must agree on (level 8).
- ``x-bounds``: plausible magnitudes per measure and unit (level 7).

Only the standard library is used: ``parse_roles`` runs on untrusted schemas and
reports every defect as text instead of raising.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

KIND = "x-kind"
FACT_KEY = "x-fact-key"
FIGURES = "x-figures"
DATES = "x-dates"
COMPARED = "x-compared"
BOUNDS = "x-bounds"
ROLE_PROPERTIES = (KIND, FACT_KEY, FIGURES, DATES, COMPARED, BOUNDS)
KINDS = ("fact", "reference", "link")
ANY = "*"


@dataclass(frozen=True)
class FigureRole:
    """The columns that together state one figure of a row."""

    value: str
    as_stated: str
    qualifier: str
    unit: str | None = None  # the column holding the unit
    fixed_unit: str | None = None  # the unit, when no column holds it
    basis: str | None = None
    measure: str | None = None  # the column saying what the figure measures (flow, metric)
    shares: tuple[str, ...] = ()  # measures that are shares of a whole, 0-100 percent

    def columns(self) -> tuple[str, ...]:
        return tuple(c for c in (self.value, self.as_stated, self.qualifier, self.unit, self.basis, self.measure) if c)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "asStated": self.as_stated, "qualifier": self.qualifier}
        for key, value in (
            ("unit", self.unit),
            ("fixedUnit", self.fixed_unit),
            ("basis", self.basis),
            ("measure", self.measure),
        ):
            if value is not None:
                out[key] = value
        if self.shares:
            out["shares"] = list(self.shares)
        return out


@dataclass(frozen=True)
class DateRole:
    """A date column and the column that says whether it is stated or derived."""

    column: str
    basis: str

    def as_json(self) -> dict[str, Any]:
        return {"column": self.column, "basis": self.basis}


@dataclass(frozen=True)
class Bound:
    """Plausible magnitudes of a figure: ``measure`` is a value of the figure's measure
    column, or the figure's value column when it has none; "*" matches any."""

    measure: str
    unit: str
    minimum: float
    maximum: float

    def as_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "unit": self.unit,
            "minimum": _plain(self.minimum),
            "maximum": _plain(self.maximum),
        }


def _plain(x: float) -> float | int:
    """Whole numbers written without ".0" in the schema."""
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True)
class Roles:
    kind: str = ""  # "" when the schema does not say
    fact_key: tuple[str, ...] = ()
    figures: tuple[FigureRole, ...] = ()
    dates: tuple[DateRole, ...] = ()
    compared: tuple[str, ...] = ()
    bounds: tuple[Bound, ...] = ()

    @property
    def is_fact(self) -> bool:
        return self.kind == "fact"

    def figure(self, column: str) -> FigureRole | None:
        return next((f for f in self.figures if f.value == column), None)

    def bound(self, measure: str, unit: str) -> tuple[float, float] | None:
        """The first of: this measure and unit; this measure in any unit; any measure in this unit."""
        for m, u in ((measure, unit), (measure, ANY), (ANY, unit)):
            for b in self.bounds:
                if b.measure == m and b.unit == u:
                    return b.minimum, b.maximum
        return None

    def as_schema(self) -> dict[str, Any]:
        """The ``x-`` properties of a Table Schema, empty ones left out (kind always given)."""
        out: dict[str, Any] = {KIND: self.kind} if self.kind else {}
        if self.fact_key:
            out[FACT_KEY] = list(self.fact_key)
        if self.figures:
            out[FIGURES] = [f.as_json() for f in self.figures]
        if self.dates:
            out[DATES] = [d.as_json() for d in self.dates]
        if self.compared:
            out[COMPARED] = list(self.compared)
        if self.bounds:
            out[BOUNDS] = [b.as_json() for b in self.bounds]
        return out


@dataclass(frozen=True)
class RoleDefect:
    """A malformed role declaration: the property and what is wrong with it."""

    prop: str
    message: str
    found: str


@dataclass
class _Parser:
    fields: set[str]
    defects: list[RoleDefect] = field(default_factory=list)

    def bad(self, prop: str, message: str, found: Any) -> None:
        self.defects.append(RoleDefect(prop, message, _short(found)))

    def columns(self, prop: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
            self.bad(prop, "must be a list of column names", value)
            return ()
        unknown = [c for c in value if c not in self.fields]
        if unknown:
            self.bad(prop, f"names columns the schema does not have: {', '.join(unknown)}", value)
            return ()
        return tuple(value)

    def column(self, prop: str, entry: dict[str, Any], key: str, *, required: bool) -> str | bool | None:
        """The column named by ``entry[key]``; False when it is malformed."""
        value = entry.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or value not in self.fields:
            self.bad(prop, f"{key!r} must name a column of the schema", value)
            return False
        return value

    def entries(self, prop: str, value: Any, known: set[str]) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            self.bad(prop, "must be a list of objects", value)
            return []
        good = []
        for entry in value:
            extra = sorted(set(entry) - known)
            if extra:
                self.bad(prop, f"unknown key {extra[0]!r}; known keys: {', '.join(sorted(known))}", entry)
            else:
                good.append(entry)
        return good


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


_FIGURE_KEYS = {"value", "asStated", "qualifier", "unit", "fixedUnit", "basis", "measure", "shares"}


def _figures(p: _Parser, value: Any) -> tuple[FigureRole, ...]:
    out = []
    for entry in p.entries(FIGURES, value, _FIGURE_KEYS):
        cols = {
            key: p.column(FIGURES, entry, key, required=key in ("value", "asStated", "qualifier"))
            for key in ("value", "asStated", "qualifier", "unit", "basis", "measure")
        }
        fixed, shares = entry.get("fixedUnit"), entry.get("shares", [])
        ok = all(c is not False for c in cols.values())
        if fixed is not None and (not isinstance(fixed, str) or cols["unit"] is not None):
            p.bad(FIGURES, "'fixedUnit' must be a unit name, given only when no 'unit' column is", entry)
            ok = False
        if not isinstance(shares, list) or not all(isinstance(s, str) for s in shares):
            p.bad(FIGURES, "'shares' must be a list of measures", shares)
            ok = False
        elif shares and cols["measure"] is None:
            p.bad(FIGURES, "'shares' needs a 'measure' column", entry)
            ok = False
        if ok:
            c = {k: v if isinstance(v, str) else None for k, v in cols.items()}
            out.append(
                FigureRole(
                    str(c["value"]),
                    str(c["asStated"]),
                    str(c["qualifier"]),
                    c["unit"],
                    fixed,
                    c["basis"],
                    c["measure"],
                    tuple(shares),
                )
            )
    return tuple(out)


def _dates(p: _Parser, value: Any) -> tuple[DateRole, ...]:
    out = []
    for entry in p.entries(DATES, value, {"column", "basis"}):
        column = p.column(DATES, entry, "column", required=True)
        basis = p.column(DATES, entry, "basis", required=True)
        if isinstance(column, str) and isinstance(basis, str):
            out.append(DateRole(column, basis))
    return tuple(out)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _bounds(p: _Parser, value: Any) -> tuple[Bound, ...]:
    out = []
    for entry in p.entries(BOUNDS, value, {"measure", "unit", "minimum", "maximum"}):
        measure, unit = entry.get("measure", ANY), entry.get("unit", ANY)
        low, high = _number(entry.get("minimum")), _number(entry.get("maximum"))
        if not isinstance(measure, str) or not isinstance(unit, str):
            p.bad(BOUNDS, "'measure' and 'unit' must be strings ('*' for any)", entry)
        elif low is None or high is None or low > high:
            p.bad(BOUNDS, "'minimum' and 'maximum' must be finite numbers, minimum <= maximum", entry)
        else:
            out.append(Bound(measure, unit, low, high))
    return tuple(out)


def parse_roles(schema: dict[str, Any]) -> tuple[Roles, list[RoleDefect]]:
    """The roles a Table Schema declares, and what is wrong with them. A malformed
    declaration is left out (the checks it would drive do not run on it) and reported."""
    fields = schema.get("fields")
    names = (
        {f["name"] for f in fields if isinstance(f, dict) and isinstance(f.get("name"), str)}
        if isinstance(fields, list)
        else set()
    )
    p = _Parser(names)
    kind = schema.get(KIND, "")
    if kind != "" and kind not in KINDS:
        p.bad(KIND, f"must be one of {', '.join(KINDS)}", kind)
        kind = ""
    roles = Roles(
        kind=kind,
        fact_key=p.columns(FACT_KEY, schema[FACT_KEY]) if FACT_KEY in schema else (),
        figures=_figures(p, schema[FIGURES]) if FIGURES in schema else (),
        dates=_dates(p, schema[DATES]) if DATES in schema else (),
        compared=p.columns(COMPARED, schema[COMPARED]) if COMPARED in schema else (),
        bounds=_bounds(p, schema[BOUNDS]) if BOUNDS in schema else (),
    )
    return roles, p.defects
