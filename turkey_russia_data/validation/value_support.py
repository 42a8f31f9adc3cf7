"""Level 4, value support: the figure as printed is in a quote that carries it, and it
reads as the row's value, unit and qualifier unless an erratum explains the difference.
An erratum (a row of an errata table, x-corrects) excuses only the checks on the column
it names: one on the printed form excuses them all, one on the value, qualifier or unit
excuses the comparison with that column.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pyarrow.compute as pc

from ..figures import Figure, close, parse_figure, qualifier_before, scale_after
from ..reading import Table
from ..textnorm import normalise
from .facts import (
    SUBSTANCE,
    Cite,
    Fact,
    FigureColumns,
    collect,
    corrected_column,
    errata_of,
    errata_tables,
    fact_tables,
    roles_of,
)
from .kernels import equals, group_rows, int32s, strings
from .problems import Problem
from .registry import FACT_TABLE, Code, check
from .signatures import quote_codes_of

# Unit words a figure can carry that the row's unit may legitimately refine.
_COMPATIBLE_UNITS = {("cubic_metres", "cubic_metres_per_year")}


def _fmt(value: float) -> str:
    return f"{value:.12g}"


def check_figure(fact: Fact, cols: FigureColumns) -> Iterator[Problem]:
    printed = fact.get(cols.as_stated)
    if not printed:
        return
    wanted = normalise(printed)
    carrying = [q for q in fact.quotes(SUBSTANCE) if wanted in normalise(q)]
    if not carrying:
        yield fact.problem(
            "E402",
            cols.as_stated,
            "the figure as printed is not in any quote that carries the row's value",
            f"{printed!r} in a citation with supports 'value' or 'both'",
            "not found",
        )
        return
    if cols.basis is not None and fact.get(cols.basis) == "derived":
        return  # the value was computed; its derivation says how
    figure = parse_figure(printed)
    if figure is None:
        if not fact.corrects(cols.as_stated, cols.value):
            yield fact.problem("E403", cols.as_stated, "no figure can be read here", "a number", printed)
        return
    value = fact.number(cols.value)
    if value is not None and not fact.corrects(cols.value, cols.as_stated):
        read = _scaled(figure, printed, carrying)
        if not close(read, value):
            yield fact.problem(
                "E403",
                cols.value,
                f"the value does not match the figure as printed ({printed!r}); if the text is wrong, add an erratum",
                _fmt(read),
                _fmt(value),
            )
    qualifier = figure.qualifier
    if qualifier == "exact":
        for quote in carrying:
            q = normalise(quote)
            before = qualifier_before(q[: q.find(wanted)])
            if before is not None:
                qualifier = before
                break
    recorded = fact.get(cols.qualifier) or "exact"
    if qualifier != recorded and not fact.corrects(cols.qualifier, cols.as_stated):
        yield fact.problem(
            "E404",
            cols.qualifier,
            f"the words around the figure ({printed!r}) make it {qualifier!r}",
            qualifier,
            recorded,
        )
    if cols.unit is not None and figure.unit is not None and not fact.corrects(cols.unit, cols.as_stated):
        unit = fact.get(cols.unit)
        if unit and unit != figure.unit and (figure.unit, unit) not in _COMPATIBLE_UNITS:
            yield fact.problem(
                "E405", cols.unit, f"the figure as printed ({printed!r}) is in {figure.unit}", figure.unit, unit
            )


def _scaled(figure: Figure, printed: str, quotes: list[str]) -> float:
    if figure.scaled:
        return figure.value
    for quote in quotes:
        scale = scale_after(printed, quote)
        if scale is not None:
            return figure.value * scale
    return figure.value


def check_fact(fact: Fact) -> Iterator[Problem]:
    """Level 4 for one fact row."""
    if not fact.quotes(("value", "date", "both", "context")):
        return  # no supporting citation at all: E201 at level 2 says so
    if not fact.quotes(SUBSTANCE):
        yield _no_substance(fact, sorted({c.supports for c in fact.cites}))
    for cols in fact.roles.figures:
        yield from check_figure(fact, cols)


def _no_substance(fact: Fact, supports: list[str]) -> Problem:
    return fact.problem(
        "E401",
        None,
        "no supporting quote carries what the row states (only date or context quotes)",
        "a citation with supports 'value' or 'both'",
        ", ".join(supports) or "none",
    )


def check_value_support(tables: dict[str, Table]) -> Iterator[Problem]:
    """Level 4 over whole tables: what ``check_fact`` finds for every fact row, in row order.

    Rows that state the same figures with the same quotes get the same verdict, so the
    figure checks run once per distinct (figure columns, corrected columns, quotes) combination and
    their problems are repeated, relocated, for every row that shares it.
    """
    for name in fact_tables(tables):
        yield from check_table_values(name, tables)


@check(
    4,
    FACT_TABLE,
    Code("E401", "no-value-quote", "no supporting quote carries what the row states (only date or context quotes)"),
    Code("E402", "figure-not-quoted", "the figure as printed is not in a quote that carries the value"),
    Code(
        "E403",
        "value-mismatch",
        "the figure as printed does not read as the row's value, and no erratum on the value or printed form says why",
    ),
    Code("E404", "qualifier-mismatch", "the words around the figure (almost, more than, ...) contradict the qualifier"),
    Code(
        "E405",
        "unit-mismatch",
        "the unit the figure as printed implies ($, EUR, %, tons, m3/a, km, ordinal, -fold) contradicts the unit",
    ),
)
def check_table_values(name: str, tables: dict[str, Table]) -> list[Problem]:
    """Level 4 for one fact table (the tables are checked side by side)."""
    table = tables.get(name)
    if table is None or len(table.spec.primary_key) != 1 or not table.n_rows:
        return []
    citations = tables.get("citations")
    cited = _Citations.of(citations) if citations is not None else None
    ids = table.key_column()
    if cited is None or ids is None:
        # Nothing to index by: let the row-by-row check say what it can.
        subset = {name: table} | {n: tables[n] for n in errata_tables(tables)}
        subset |= {"citations": citations} if citations is not None else {}
        return [p for fact in collect(subset).rows(name) for p in check_fact(fact)]
    corrected = errata_of(tables, name)
    return list(_check_table(name, table, ids, cited, corrected))


@dataclass(frozen=True)
class _Citations:
    citations: Table
    table: Any
    row_id: Any
    supports: Any
    supporting: Any  # relation is "supports"

    @classmethod
    def of(cls, citations: Table) -> _Citations | None:
        """The columns level 4 reads, prepared once for all fact tables."""
        return citations.memo("level 4", lambda: cls._of(citations))  # type: ignore[no-any-return]

    @classmethod
    def _of(cls, citations: Table) -> _Citations | None:
        columns = [citations.column(c) for c in ("table", "row_id", "supports", "quote", "relation")]
        if any(c is None for c in columns) or not citations.n_rows:
            return None
        table, row_id, supports, _, relation = columns
        return cls(citations, table, row_id, supports, equals(relation, "supports"))


def _check_table(
    name: str, table: Table, ids: Any, cited: _Citations, corrected: dict[str, frozenset[str]]
) -> Iterator[Problem]:
    of_table = equals(cited.table, name)
    supporting = pc.and_(of_table, cited.supporting)
    any_part = pc.and_(supporting, pc.is_in(cited.supports, value_set=strings(["value", "date", "both", "context"])))
    substance = pc.and_(supporting, pc.is_in(cited.supports, value_set=strings(list(SUBSTANCE))))
    has_any = pc.is_in(ids, value_set=pc.filter(cited.row_id, any_part))
    has_substance = pc.is_in(ids, value_set=pc.filter(cited.row_id, substance))
    found: list[tuple[int, int, Problem]] = []

    lacking = pc.indices_nonzero(pc.and_(has_any, pc.invert(has_substance)))
    if len(lacking):
        mine = pc.and_(of_table, pc.is_in(cited.row_id, value_set=pc.take(ids, lacking)))
        supports_of: dict[str, set[str]] = defaultdict(set)
        for rid, part in zip(
            pc.filter(cited.row_id, mine).to_pylist(), pc.filter(cited.supports, mine).to_pylist(), strict=True
        ):
            supports_of[rid].add(part)
        for r, fact in zip(lacking.to_pylist(), _facts_at(name, table, lacking), strict=True):
            found.append((r, 0, _no_substance(fact, sorted(supports_of[fact.row_id]))))

    figures = roles_of(table).figures
    rows = pc.indices_nonzero(has_any)
    if figures and len(rows):
        found.extend(_figure_problems(name, table, ids, rows, cited.citations, figures, corrected))
    found.sort(key=lambda item: item[:2])
    for *_, problem in found:
        yield problem


def _figure_problems(
    name: str,
    table: Table,
    ids: Any,
    rows: Any,
    citations: Table,
    figures: tuple[FigureColumns, ...],
    corrected: dict[str, frozenset[str]],
) -> Iterator[tuple[int, int, Problem]]:
    """The figure checks, once per distinct signature: the substance quotes (as codes of
    distinct quote texts, in citation order), the figure columns and the columns errata
    name for the row."""
    quote_codes, texts_of = quote_codes_of(name, pc.take(ids, rows), citations, len(rows))
    columns = sorted({c for f in figures for c in (f.value, f.as_stated, f.qualifier, f.unit, f.basis) if c})
    parts = [quote_codes]
    parts += [pc.take(table.data[i], rows) for i in (table.index(c) for c in columns) if i is not None]
    parts.append(corrected_column(pc.take(ids, rows), corrected))
    groups = group_rows(parts)
    first = groups.first  # each signature's first row represents it
    representatives = pc.take(rows, first)
    verdicts: dict[int, list[Problem]] = {}
    for k, (codes, fact) in enumerate(
        zip(pc.take(quote_codes, first).to_pylist(), _facts_at(name, table, representatives), strict=True)
    ):
        cites = tuple(_substance_cite(texts_of[int(c)]) for c in codes.split(",")) if codes else ()
        fact = replace(fact, cites=cites, corrected=corrected.get(fact.row_id, frozenset()))
        problems = [p for cols in figures for p in check_figure(fact, cols)]
        if problems:
            verdicts[k] = problems
    if not verdicts:
        return
    flagged = pc.indices_nonzero(pc.is_in(groups.of_row, value_set=int32s(list(verdicts))))
    for j in flagged.to_pylist():
        r = rows[j].as_py()
        for seq, p in enumerate(verdicts[groups.of_row[j].as_py()], 1):
            yield r, seq, replace(p, line=table.line(r), row_id=ids[r].as_py())


def _substance_cite(quote: str) -> Cite:
    return Cite("", 0, "", quote, "value", "supports", "")


def _facts_at(name: str, table: Table, positions: Any) -> list[Fact]:
    """The rows at these positions (an Arrow index array) as facts without citations,
    their cells taken a column at a time."""
    pk = table.spec.primary_key[0]
    roles = roles_of(table)
    columns = [pc.take(column, positions).to_pylist() for column in table.data]
    return [
        Fact(name, table.file, table.line(r), cells.get(pk, ""), cells, roles=roles)
        for r, cells in zip(
            positions.to_pylist(),
            (dict(zip(table.header, row, strict=True)) for row in zip(*columns, strict=True)),
            strict=True,
        )
    ]
