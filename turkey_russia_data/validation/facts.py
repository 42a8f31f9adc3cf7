"""The fact rows and their citations as records, for the checks at levels 4-8.

Levels 1-3 work on raw cells because the cells may be broken; the later levels read
rows that passed the structure checks well enough to be looked up by column name.
A row whose cells do not fit the header was reported at level 1 and is left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

import pyarrow.compute as pc

from ..reading import Table
from ..roles import FigureRole, Roles, parse_roles
from ..vocab import FACT_TABLES
from .kernels import flat, string, strings
from .problems import Problem

# Which citations carry which part of a row (see docs/validation.md, "supports").
SUBSTANCE = ("value", "both")
DATE = ("date", "both")
# The free-text column of a fact row that says, in words, why cells differ from the print
# (docs/roles.md: it keeps its meaning by name in every fact table).
ERRATUM_NOTE = "erratum"
NOTES = "notes"


def read_columns(roles: Roles) -> tuple[str, ...]:
    """The cells of a fact row that the checks of levels 5-8 read: those the schema's roles
    name, and the two free-text columns that explain a row (a conflict, an erratum)."""
    return tuple(dict.fromkeys((*roles.columns, NOTES, ERRATUM_NOTE)))


# The columns that together state one figure of a row (declared in the schema's x-figures).
FigureColumns = FigureRole


def roles_of(table: Table) -> Roles:
    """The roles the table's own schema declares. A schema that does not say whether it
    is a fact table (written before x-kind existed) is one when its name is."""

    def make() -> Roles:
        roles, _ = parse_roles(table.schema)
        if not roles.kind:
            roles = replace(roles, kind="fact" if table.spec.name in FACT_TABLES else "reference")
        return roles

    return table.memo("roles", make)  # type: ignore[no-any-return]


def errata_tables(tables: dict[str, Table]) -> list[str]:
    """The tables that declare themselves errata (x-corrects)."""
    return [name for name, table in tables.items() if roles_of(table).corrects]


def errata(tables: dict[str, Table]) -> dict[tuple[str, str], frozenset[str]]:
    """(fact table, row id) -> the columns errata name for that row, from every errata table.

    A package without an errata table (releases before 1.1) kept its errata only as the
    free-text `erratum` cell, which then excuses every column of its row, as it did."""
    names = errata_tables(tables)
    if not names:
        return _whole_row_errata(tables)
    # Read once per package by every check that asks (it depends on the errata tables alone).
    return tables[names[0]].memo("errata of the package", lambda: _errata(tables, names))  # type: ignore[no-any-return]


def errata_of(tables: dict[str, Table], name: str) -> dict[str, frozenset[str]]:
    """Row id -> the columns errata name for that row of one fact table (``errata``)."""
    return {row: columns for (table, row), columns in errata(tables).items() if table == name}


def _errata(tables: dict[str, Table], names: list[str]) -> dict[tuple[str, str], frozenset[str]]:
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in names:
        t, r, c = roles_of(tables[name]).corrects
        for _, cells in records(tables[name]):
            if cells.get(c):
                found[(cells.get(t, ""), cells.get(r, ""))].add(cells[c])
    return {key: frozenset(columns) for key, columns in found.items()}


def corrected_column(ids: Any, corrected: dict[str, frozenset[str]]) -> Any:
    """Per row of this id column (Arrow): the columns errata name for its row, sorted and
    joined by commas ("" for none); every row of a repeated id has them."""
    if not corrected:
        return strings([""] * len(ids))
    named = strings([",".join(sorted(columns)) for columns in corrected.values()])
    return pc.fill_null(pc.take(named, pc.index_in(ids, value_set=strings(list(corrected)))), string(""))


def _whole_row_errata(tables: dict[str, Table]) -> dict[tuple[str, str], frozenset[str]]:
    out: dict[tuple[str, str], frozenset[str]] = {}
    for name in fact_tables(tables):
        table = tables[name]
        ids, notes = key_values(table), table.column(ERRATUM_NOTE)
        if ids is None or notes is None or not table.n_rows:
            continue
        everything = frozenset(table.header)
        noted = pc.filter(ids, pc.not_equal(notes, string(""))).to_pylist()
        out.update({(name, row_id): everything for row_id in noted})
    return out


def key_values(table: Table) -> Any | None:
    """The column of a one-column primary key (Arrow), all empty when the header lacks it
    (level 1 says so); None for a table keyed otherwise."""
    if len(table.spec.primary_key) != 1:
        return None
    ids = table.key_column()
    return ids if ids is not None else strings([""] * table.n_rows)


def fact_tables(tables: dict[str, Table]) -> list[str]:
    """The fact tables of a package, in the descriptor's order."""
    return [name for name, table in tables.items() if roles_of(table).is_fact]


class Cite(NamedTuple):
    """A citation as the checks read it (a tuple: a million of them are made quickly)."""

    citation_id: str
    line: int
    source_id: str
    quote: str
    supports: str
    relation: str
    note: str


@dataclass(frozen=True)
class Fact:
    table: str
    file: str
    line: int
    row_id: str
    cells: dict[str, str]
    cites: tuple[Cite, ...] = ()
    roles: Roles = field(default_factory=Roles, compare=False)
    # The columns an errata table says this row corrects: checks on them are excused.
    corrected: frozenset[str] = frozenset()
    # (line, row id) of the other rows this fact stands for: rows identical to it in every
    # cell the checks of levels 5-8 read and in their citations (``signatures.distinct_facts``).
    copies: tuple[tuple[int, str], ...] = field(default=(), compare=False)

    def corrects(self, *columns: str | None) -> bool:
        """Whether an erratum names one of these columns of the row."""
        return any(c in self.corrected for c in columns if c)

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def figure(self, column: str) -> FigureRole | None:
        return self.roles.figure(column)

    def measure(self, figure: FigureRole) -> str:
        """What a figure measures: the cell of its measure column, else the column's name."""
        return self.get(figure.measure) if figure.measure else figure.value

    def unit(self, figure: FigureRole) -> str:
        return self.get(figure.unit) if figure.unit else figure.fixed_unit or ""

    def number(self, column: str) -> float | None:
        """The cell as a finite number; None when empty or not a number (level 1 says so)."""
        try:
            value = float(self.get(column))
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    def problem(self, code: str, column: str | None, message: str, expected: str, found: str) -> Problem:
        return Problem(
            code, self.file, message, line=self.line, row_id=self.row_id, column=column, expected=expected, found=found
        )

    def quotes(self, parts: tuple[str, ...]) -> list[str]:
        """Supporting quotes that carry one of these parts of the row."""
        return [c.quote for c in self.cites if c.relation == "supports" and c.supports in parts]


@dataclass
class Facts:
    """The fact rows of a package, for the checks of levels 5-8.

    ``by_table`` holds one fact per distinct row: a fact stands for itself and its
    ``copies``. A check of one row at a time (scope FACT_ROW) is run on each of those, and
    its problems are repeated for each copy (``each_row``); a check across rows reads them
    with their copies in mind, or every row (``rows``)."""

    by_table: dict[str, list[Fact]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    primary_keys: dict[str, str] = field(default_factory=dict)  # table -> its one-column primary key
    roles: dict[str, Roles] = field(default_factory=dict)
    # table -> foreign-key column -> the table it refers to (one-column keys only)
    references: dict[str, dict[str, str]] = field(default_factory=dict)
    actor_kinds: dict[str, str] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)  # source_id -> date_published (EDTF)
    _rows: dict[str, list[Fact]] = field(default_factory=dict, repr=False, compare=False)
    _ids: dict[str, dict[str, Fact]] = field(default_factory=dict, repr=False, compare=False)

    def rows(self, table: str) -> list[Fact]:
        """Every row of the table, in file order, each a fact of its own."""
        facts = self.by_table.get(table, [])
        if not any(f.copies for f in facts):
            return facts
        made = self._rows.get(table)
        if made is None:
            made = self._rows[table] = sorted(
                (
                    Fact(f.table, f.file, line, row_id, f.cells, f.cites, f.roles, f.corrected)
                    for f in facts
                    for line, row_id in _rows_of(f)
                ),
                key=lambda f: f.line,
            )
        return made

    def by_id(self, table: str) -> dict[str, Fact]:
        """Row id -> the fact that stands for that row (the last row of a repeated id)."""
        made = self._ids.get(table)
        if made is None:
            ids = [(line, row_id, f) for f in self.by_table.get(table, []) for line, row_id in _rows_of(f)]
            ids.sort(key=lambda found: found[0])
            made = self._ids[table] = {row_id: f for _, row_id, f in ids}
        return made

    def each_row(self, check: Callable[[Fact, Facts], Iterable[Problem]]) -> list[Problem]:
        """A check of one row at a time, run on each fact, its problems repeated with the
        line and id of every row the fact stands for: table by table, in row order, as a
        pass over every row gives them."""
        out: list[Problem] = []
        for facts in self.by_table.values():
            found: list[tuple[int, int, Problem]] = []
            for fact in facts:
                for seq, p in enumerate(check(fact, self)):
                    found.append((fact.line, seq, p))
                    found += [(line, seq, replace(p, line=line, row_id=row_id)) for line, row_id in fact.copies]
            found.sort(key=lambda item: item[:2])
            out += [p for *_, p in found]
        return out


def _rows_of(fact: Fact) -> tuple[tuple[int, str], ...]:
    return ((fact.line, fact.row_id), *fact.copies)


def records(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells by column) for each row of the header's width: the others were
    reported at level 1. One row at a time, so a million rows are never held as dicts;
    a fact table's rows are made once and shared (``fact_records``)."""
    if roles_of(table).is_fact:
        yield from fact_records(table)
        return
    width = len(table.header)
    for line, cells in table.rows:
        if len(cells) == width:
            yield line, dict(zip(table.header, cells, strict=True))


def fact_records(table: Table) -> list[tuple[int, dict[str, str]]]:
    """A fact table's rows as (line, cells by column), made once per table for every check
    that reads them (and for the facts of levels 5-8, which hold them anyway). Read only."""
    if not table.header or not table.n_rows:
        return []
    # A name the header holds twice is read from its first column, as levels 1-4 read it.
    first = [i for i, name in enumerate(table.header) if table.header.index(name) == i]
    columns = [table.values(i) for i in first]  # before the memo's lock: values takes it
    lines = table.lines if table.lines is not None else range(2, table.n_rows + 2)
    header = [table.header[i] for i in first]

    def make() -> list[tuple[int, dict[str, str]]]:
        return [
            (line, dict(zip(header, row, strict=True)))
            for line, row in zip(lines, zip(*columns, strict=True), strict=True)
        ]

    return table.memo("fact records", make)  # type: ignore[no-any-return]


_CITE_COLUMNS = ("table", "row_id", "citation_id", "source_id", "quote", "supports", "relation", "note")


def cites_by_row(tables: dict[str, Table]) -> dict[tuple[str, str], tuple[Cite, ...]]:
    """(table, row id) -> the row's citations, in file order; made once per package."""
    citations = tables.get("citations")
    if citations is None or not citations.n_rows:
        return {}
    # Texts that repeat (quotes, sources, kinds) as one object each; ids as they are.
    columns = [
        _shared_strings(citations, name) if name in _REPEATED else citations.values_of(name) for name in _CITE_COLUMNS
    ]
    return citations.memo("cites by row", lambda: _index_cites(citations, columns))  # type: ignore[no-any-return]


_REPEATED = frozenset({"table", "source_id", "quote", "supports", "relation"})


def _shared_strings(table: Table, column: str) -> list[str] | None:
    """A column as Python strings, each distinct text one object: quotes and ids repeat,
    and a repeated object is stored once and hashed once by every cache it meets."""
    i = table.index(column)
    if i is None:
        return None

    def make() -> list[str]:
        import pyarrow.compute as pc

        encoded = pc.dictionary_encode(flat(table.data[i]))
        texts = encoded.dictionary.to_pylist()
        return [texts[k] for k in encoded.indices.to_pylist()]

    return table.memo(f"shared strings {i}", make)  # type: ignore[no-any-return]


def _index_cites(citations: Table, columns: list[list[str] | None]) -> dict[tuple[str, str], tuple[Cite, ...]]:
    n = citations.n_rows
    empty = [""] * n
    t, r, cid, sid, quote, supports, relation, note = (c if c is not None else empty for c in columns)
    lines = citations.lines if citations.lines is not None else range(2, n + 2)
    out: dict[tuple[str, str], list[Cite]] = defaultdict(list)
    made = map(Cite._make, zip(cid, lines, sid, quote, supports, relation, note, strict=True))
    for key, cite in zip(zip(t, r, strict=True), made, strict=True):
        out[key].append(cite)
    return {key: tuple(found) for key, found in out.items()}


def references(schema: dict[str, Any], name: str) -> dict[str, str]:
    """Column -> the table a one-column foreign key of it refers to (``name``: itself)."""
    out = {}
    fks = schema.get("foreignKeys")
    for fk in fks if isinstance(fks, list) else []:
        if not isinstance(fk, dict) or not isinstance(fk.get("reference"), dict):
            continue
        fields = fk.get("fields")
        fields = fields[0] if isinstance(fields, list) and len(fields) == 1 else fields
        target = fk["reference"].get("resource")
        if isinstance(fields, str) and isinstance(target, str):
            out[fields] = target or name
    return out


def without_rows(tables: dict[str, Table]) -> Facts:
    """The facts of a package but their rows: actor kinds, publication dates, and each
    fact table's file, key, roles and references (fact tables with a one-column key)."""
    facts = Facts()
    if "actors" in tables:
        facts.actor_kinds = {c.get("actor_id", ""): c.get("kind", "") for _, c in records(tables["actors"])}
    if "sources" in tables:
        facts.published = {c.get("source_id", ""): c.get("date_published", "") for _, c in records(tables["sources"])}
    for name in fact_tables(tables):
        table = tables[name]
        if len(table.spec.primary_key) == 1:
            facts.files[name] = table.file
            facts.primary_keys[name] = table.spec.primary_key[0]
            facts.roles[name] = roles_of(table)
            facts.references[name] = references(table.schema, name)
    return facts


def collect(tables: dict[str, Table]) -> Facts:
    """A fact of every row, with all its cells and citations (the reference for
    ``signatures.distinct_facts``, which validation reads)."""
    cites = cites_by_row(tables)
    facts = without_rows(tables)
    corrected = errata(tables)
    none: frozenset[str] = frozenset()
    for name, pk in facts.primary_keys.items():
        table, roles = tables[name], facts.roles[name]
        facts.by_table[name] = [
            Fact(
                name,
                table.file,
                line,
                row_id,
                cells,
                cites.get((name, row_id), ()),
                roles,
                corrected.get((name, row_id), none),
            )
            for line, cells in fact_records(table)
            for row_id in (cells.get(pk, ""),)
        ]
    return facts
