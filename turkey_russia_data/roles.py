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
- ``x-actors``: the columns that name actors (codes of the actors table); in a link
  table, each with the column holding the fact row it attaches to (level 4 looks for
  the actor in that row's quotes); optionally the column holding the actor's role and
  which of its values make the actor the doer or the one done to (level 4 reads who
  did what to whom from the quotes).
- ``x-direction``: the two actor columns between which something moves (exporter and
  importer, supplier and recipient), and which values of a measure column say it moves
  from the first to the second or back (level 4 reads the direction from the quotes).
- ``x-cues``: columns whose value the quotes' cue words must not contradict, each with
  the lexicon that reads it (validation.cue_lexicon: "stance", "deal_status").
- ``x-corrects``: on an errata table, its three columns naming the fact table, row and
  column each of its rows corrects; the checks of levels 4, 7 and 8 then excuse only
  that column of that row.

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
WHOLES = "x-wholes"
SUMS = "x-sums"
SUBSETS = "x-subsets"
CAPACITIES = "x-capacities"
AGREES_IN_TIME = "x-agrees-in-time"
ACTORS = "x-actors"
DIRECTION = "x-direction"
CUES = "x-cues"
CORRECTS = "x-corrects"
ROLE_PROPERTIES = (
    KIND,
    FACT_KEY,
    FIGURES,
    DATES,
    COMPARED,
    BOUNDS,
    WHOLES,
    SUMS,
    SUBSETS,
    CAPACITIES,
    AGREES_IN_TIME,
    ACTORS,
    DIRECTION,
    CUES,
    CORRECTS,
)
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
    not_before: str | None = None  # a date column this one may not end before

    def as_json(self) -> dict[str, Any]:
        out = {"column": self.column, "basis": self.basis}
        if self.not_before is not None:
            out["notBefore"] = self.not_before
        return out


@dataclass(frozen=True)
class ActorRole:
    """A column naming an actor; ``of``, in a link table, is the column holding the id of
    the fact row the actor belongs to (a one-column foreign key to a fact table)."""

    column: str
    of: str | None = None
    # The column holding the actor's part in the fact, and which of its values make the
    # actor the one who acts (``doer``) or the one acted upon (``done_to``).
    role: str | None = None
    doer: tuple[str, ...] = ()
    done_to: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"column": self.column} | ({"of": self.of} if self.of is not None else {})
        if self.role is not None:
            out |= {"role": self.role, "doer": list(self.doer), "doneTo": list(self.done_to)}
        return out


@dataclass(frozen=True)
class Direction:
    """Something moves between two actor columns: from ``source`` to ``target`` when the
    ``measure`` cell is one of ``outward``, the other way when it is one of ``inward``,
    and not at all otherwise. With no measure column, always outward."""

    source: str
    target: str
    measure: str | None = None
    outward: tuple[str, ...] = ()
    inward: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"from": self.source, "to": self.target}
        if self.measure is not None:
            out |= {"measure": self.measure, "outward": list(self.outward), "inward": list(self.inward)}
        return out

    def ends(self, cells: dict[str, str]) -> tuple[str, str] | None:
        """(where it comes from, where it goes) for a row, or None when nothing moves."""
        a, b = cells.get(self.source, ""), cells.get(self.target, "")
        if self.measure is None:
            return a, b
        measure = cells.get(self.measure, "")
        if measure in self.outward:
            return a, b
        if measure in self.inward:
            return b, a
        return None


@dataclass(frozen=True)
class CueRole:
    """A column read against a lexicon of cue words."""

    column: str
    lexicon: str
    # (column, values): rows holding one of these values are not read. A stance on a
    # dispute topic is towards a counterpart, so "supports X" may speak against Türkiye.
    unless: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"column": self.column, "lexicon": self.lexicon}
        if self.unless:
            out["unless"] = {column: list(values) for column, values in self.unless}
        return out

    def skips(self, row: dict[str, str]) -> bool:
        return any(row.get(column, "") in values for column, values in self.unless)


@dataclass(frozen=True)
class Whole:
    """Shares of one whole (x-wholes): rows of these measures that share the ``whole``
    columns, one per ``part``, add up to at most 100 percent. Rows with a ``without``
    column filled are not parts; with ``partKind``, a part must be an actor of that kind."""

    figure: str
    measures: tuple[str, ...]
    whole: tuple[str, ...]
    part: str
    without: tuple[str, ...] = ()
    part_kind: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "figure": self.figure,
            "measures": list(self.measures),
            "whole": list(self.whole),
            "part": self.part,
        }
        if self.without:
            out["without"] = list(self.without)
        if self.part_kind is not None:
            out["partKind"] = self.part_kind
        return out


@dataclass(frozen=True)
class Sum:
    """A total made of parts (x-sums): among rows sharing the ``within`` columns, one row
    of each part measure must add up to within the range of each row of the total."""

    figure: str
    total: str
    parts: tuple[str, ...]
    within: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"figure": self.figure, "total": self.total, "parts": list(self.parts), "within": list(self.within)}


@dataclass(frozen=True)
class Subset:
    """A part cannot exceed its whole (x-subsets): a row whose ``column`` is not ``all``
    may not be larger than the row saying ``all`` with the same measure and ``within``."""

    figure: str
    column: str
    all: str
    measures: tuple[str, ...]
    within: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "figure": self.figure,
            "column": self.column,
            "all": self.all,
            "measures": list(self.measures),
            "within": list(self.within),
        }


@dataclass(frozen=True)
class Capacity:
    """What the parts carry cannot exceed a capacity (x-capacities): among rows whose
    ``within`` columns agree (the first one filled), the lowest readings of the distinct
    ``part`` rows of the part measures add up to no more than each ``total`` row."""

    figure: str
    total: str
    parts: tuple[str, ...]
    within: tuple[str, ...]
    part: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "figure": self.figure,
            "total": self.total,
            "parts": list(self.parts),
            "within": list(self.within),
            "part": list(self.part),
        }


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
    wholes: tuple[Whole, ...] = ()
    sums: tuple[Sum, ...] = ()
    subsets: tuple[Subset, ...] = ()
    capacities: tuple[Capacity, ...] = ()
    agrees_in_time: tuple[str, ...] = ()  # foreign-key columns whose target row must agree in time
    actors: tuple[ActorRole, ...] = ()
    direction: Direction | None = None
    cues: tuple[CueRole, ...] = ()
    corrects: tuple[str, ...] = ()  # an errata table's (table, row, column) columns

    @property
    def is_fact(self) -> bool:
        return self.kind == "fact"

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column a role names, once each, in the order the roles are declared."""
        named: list[str | None] = [*self.fact_key]
        for f in self.figures:
            named += f.columns()
        for d in self.dates:
            named += [d.column, d.basis, d.not_before]
        named += self.compared
        for w in self.wholes:
            named += [*w.whole, w.part, *w.without]
        for s in self.sums:
            named += s.within
        for b in self.subsets:
            named += [b.column, *b.within]
        for c in self.capacities:
            named += [*c.within, *c.part]
        named += self.agrees_in_time
        for a in self.actors:
            named += [a.column, a.of, a.role]
        if self.direction is not None:
            named += [self.direction.source, self.direction.target, self.direction.measure]
        for cue in self.cues:
            named += [cue.column, *(column for column, _ in cue.unless)]
        named += self.corrects
        return tuple(dict.fromkeys(c for c in named if c))

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
        for prop, items in (
            (WHOLES, self.wholes),
            (SUMS, self.sums),
            (SUBSETS, self.subsets),
            (CAPACITIES, self.capacities),
        ):
            if items:
                out[prop] = [i.as_json() for i in items]
        if self.agrees_in_time:
            out[AGREES_IN_TIME] = list(self.agrees_in_time)
        if self.actors:
            out[ACTORS] = [a.as_json() for a in self.actors]
        if self.direction is not None:
            out[DIRECTION] = self.direction.as_json()
        if self.cues:
            out[CUES] = [c.as_json() for c in self.cues]
        if self.corrects:
            out[CORRECTS] = list(self.corrects)
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
    for entry in p.entries(DATES, value, {"column", "basis", "notBefore"}):
        column = p.column(DATES, entry, "column", required=True)
        basis = p.column(DATES, entry, "basis", required=True)
        after = p.column(DATES, entry, "notBefore", required=False)
        if isinstance(column, str) and isinstance(basis, str) and after is not False:
            out.append(DateRole(column, basis, after if isinstance(after, str) else None))
    return tuple(out)


# key -> what it holds: a column, columns, a name (any string) or names
_Kinds = dict[str, str]
_STRUCTURES: dict[str, tuple[_Kinds, set[str]]] = {
    WHOLES: (
        {
            "figure": "figure",
            "measures": "names",
            "whole": "columns",
            "part": "column",
            "without": "columns",
            "partKind": "name",
        },
        {"figure", "measures", "whole", "part"},
    ),
    SUMS: (
        {"figure": "figure", "total": "name", "parts": "names", "within": "columns"},
        {"figure", "total", "parts", "within"},
    ),
    SUBSETS: (
        {"figure": "figure", "column": "column", "all": "name", "measures": "names", "within": "columns"},
        {"figure", "column", "all", "measures", "within"},
    ),
    CAPACITIES: (
        {"figure": "figure", "total": "name", "parts": "names", "within": "columns", "part": "columns"},
        {"figure", "total", "parts", "within", "part"},
    ),
}


def _structures(p: _Parser, prop: str, value: Any, figures: tuple[FigureRole, ...]) -> list[dict[str, Any]]:
    """The well-formed entries of a structure property, their values checked by kind."""
    kinds, required = _STRUCTURES[prop]
    out = []
    for entry in p.entries(prop, value, set(kinds)):
        missing = sorted(required - set(entry))
        if missing:
            p.bad(prop, f"needs {', '.join(repr(m) for m in missing)}", entry)
            continue
        wrong = next((key for key, item in entry.items() if not _fits(kinds[key], item, p.fields, figures)), None)
        if wrong is not None:
            p.bad(prop, f"{wrong!r} must be {_WHAT[kinds[wrong]]}", entry)
        else:
            out.append(entry)
    return out


_WHAT = {
    "figure": "the value column of a declared figure",
    "column": "a column of the schema",
    "columns": "a non-empty list of columns of the schema",
    "name": "a string",
    "names": "a non-empty list of strings",
}


def _fits(kind: str, item: Any, fields: set[str], figures: tuple[FigureRole, ...]) -> bool:
    if kind in ("names", "columns"):
        if not isinstance(item, list) or not item or not all(isinstance(i, str) for i in item):
            return False
        return kind == "names" or all(i in fields for i in item)
    if not isinstance(item, str):
        return False
    if kind == "column":
        return item in fields
    if kind == "figure":
        return any(f.value == item for f in figures)
    return True


def _wholes(p: _Parser, value: Any, figures: tuple[FigureRole, ...]) -> tuple[Whole, ...]:
    return tuple(
        Whole(
            e["figure"],
            tuple(e["measures"]),
            tuple(e["whole"]),
            e["part"],
            tuple(e.get("without", ())),
            e.get("partKind"),
        )
        for e in _structures(p, WHOLES, value, figures)
    )


def _sums(p: _Parser, value: Any, figures: tuple[FigureRole, ...]) -> tuple[Sum, ...]:
    return tuple(
        Sum(e["figure"], e["total"], tuple(e["parts"]), tuple(e["within"]))
        for e in _structures(p, SUMS, value, figures)
    )


def _subsets(p: _Parser, value: Any, figures: tuple[FigureRole, ...]) -> tuple[Subset, ...]:
    return tuple(
        Subset(e["figure"], e["column"], e["all"], tuple(e["measures"]), tuple(e["within"]))
        for e in _structures(p, SUBSETS, value, figures)
    )


def _capacities(p: _Parser, value: Any, figures: tuple[FigureRole, ...]) -> tuple[Capacity, ...]:
    return tuple(
        Capacity(e["figure"], e["total"], tuple(e["parts"]), tuple(e["within"]), tuple(e["part"]))
        for e in _structures(p, CAPACITIES, value, figures)
    )


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
    figures = _figures(p, schema[FIGURES]) if FIGURES in schema else ()
    roles = Roles(
        kind=kind,
        fact_key=p.columns(FACT_KEY, schema[FACT_KEY]) if FACT_KEY in schema else (),
        figures=figures,
        dates=_dates(p, schema[DATES]) if DATES in schema else (),
        compared=p.columns(COMPARED, schema[COMPARED]) if COMPARED in schema else (),
        bounds=_bounds(p, schema[BOUNDS]) if BOUNDS in schema else (),
        wholes=_wholes(p, schema[WHOLES], figures) if WHOLES in schema else (),
        sums=_sums(p, schema[SUMS], figures) if SUMS in schema else (),
        subsets=_subsets(p, schema[SUBSETS], figures) if SUBSETS in schema else (),
        capacities=_capacities(p, schema[CAPACITIES], figures) if CAPACITIES in schema else (),
        agrees_in_time=_links(p, schema) if AGREES_IN_TIME in schema else (),
        actors=_actors(p, schema[ACTORS]) if ACTORS in schema else (),
        direction=_direction(p, schema[DIRECTION]) if DIRECTION in schema else None,
        cues=_cues(p, schema[CUES]) if CUES in schema else (),
        corrects=_corrects(p, schema[CORRECTS]) if CORRECTS in schema else (),
    )
    return roles, p.defects


def _actors(p: _Parser, value: Any) -> tuple[ActorRole, ...]:
    out = []
    for entry in p.entries(ACTORS, value, {"column", "of", "role", "doer", "doneTo"}):
        column = p.column(ACTORS, entry, "column", required=True)
        of = p.column(ACTORS, entry, "of", required=False)
        role = p.column(ACTORS, entry, "role", required=False)
        ways = [entry.get(k, []) for k in ("doer", "doneTo")]
        if not all(isinstance(w, list) and all(isinstance(v, str) for v in w) for w in ways):
            p.bad(ACTORS, "'doer' and 'doneTo' must be lists of role values", entry)
            continue
        if (role is None) != (not any(ways)):
            p.bad(
                ACTORS, "'role' goes with 'doer' or 'doneTo': the role values of who acts and who is acted upon", entry
            )
            continue
        if set(ways[0]) & set(ways[1]):
            p.bad(ACTORS, "a role value is in both 'doer' and 'doneTo'", entry)
            continue
        if isinstance(column, str) and of is not False and role is not False:
            out.append(
                ActorRole(
                    column,
                    of if isinstance(of, str) else None,
                    role if isinstance(role, str) else None,
                    tuple(ways[0]),
                    tuple(ways[1]),
                )
            )
    return tuple(out)


def _direction(p: _Parser, value: Any) -> Direction | None:
    entries = p.entries(DIRECTION, [value], {"from", "to", "measure", "outward", "inward"})
    if not entries:
        return None
    e = entries[0]
    source = p.column(DIRECTION, e, "from", required=True)
    target = p.column(DIRECTION, e, "to", required=True)
    measure = p.column(DIRECTION, e, "measure", required=False)
    ways = [e.get(k, []) for k in ("outward", "inward")]
    if not all(isinstance(w, list) and all(isinstance(v, str) for v in w) for w in ways):
        p.bad(DIRECTION, "'outward' and 'inward' must be lists of measures", e)
        return None
    if not isinstance(source, str) or not isinstance(target, str) or measure is False:
        return None
    return Direction(source, target, measure if isinstance(measure, str) else None, tuple(ways[0]), tuple(ways[1]))


def _cues(p: _Parser, value: Any) -> tuple[CueRole, ...]:
    out = []
    for entry in p.entries(CUES, value, {"column", "lexicon", "unless"}):
        column = p.column(CUES, entry, "column", required=True)
        lexicon = entry.get("lexicon")
        unless = entry.get("unless", {})
        if not isinstance(lexicon, str):
            p.bad(CUES, "'lexicon' must name a lexicon", entry)
        elif not isinstance(unless, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) for x in v) for v in unless.values()
        ):
            p.bad(CUES, "'unless' must map a column to a list of values", entry)
        elif isinstance(column, str):
            out.append(CueRole(column, lexicon, tuple((str(k), tuple(v)) for k, v in unless.items())))
    return tuple(out)


def _links(p: _Parser, schema: dict[str, Any]) -> tuple[str, ...]:
    """Foreign-key columns of one column each, whose target row must agree in time."""
    columns = p.columns(AGREES_IN_TIME, schema[AGREES_IN_TIME])
    keyed: set[str] = set()
    fks = schema.get("foreignKeys")
    for fk in fks if isinstance(fks, list) else []:
        fields = fk.get("fields") if isinstance(fk, dict) else None
        if isinstance(fields, list) and len(fields) == 1:
            fields = fields[0]
        if isinstance(fields, str):
            keyed.add(fields)
    unkeyed = [c for c in columns if c not in keyed]
    if unkeyed:
        p.bad(AGREES_IN_TIME, f"names columns that are not a one-column foreign key: {', '.join(unkeyed)}", columns)
        return ()
    return columns


def _corrects(p: _Parser, value: Any) -> tuple[str, ...]:
    """The (table, row, column) columns of an errata table."""
    columns = p.columns(CORRECTS, value)
    if columns and len(columns) != 3:
        p.bad(CORRECTS, "must name three columns: the fact table, the row id and the column corrected", value)
        return ()
    return columns
