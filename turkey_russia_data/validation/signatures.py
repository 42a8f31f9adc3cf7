"""Rows grouped by what a check reads, so that each distinct case is judged once.

A check whose verdict on a row depends only on some of the row's cells and on the row's
value-carrying quotes (direction, cues, which figure) reads a *signature* per row: those
cells and the codes of those quotes, joined on Arrow columns (decision 0003, as level
4's value check does). Rows with one signature get one verdict, judged on the first of
them (its representative); the verdict is repeated, with each row's line and id, for
every row that shares it. The Python work grows with the distinct cases, not the rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..reading import Table
from ..roles import Roles
from .facts import (
    SUBSTANCE,
    Cite,
    Fact,
    Facts,
    corrected_column,
    errata_of,
    key_values,
    read_columns,
    without_rows,
)
from .kernels import equals, flat, group_rows, int32s, string, strings

# A one-element int64 array made from raw bytes: pa.array() on Python objects would
# import pandas (the validator does without it).
ZERO = pa.Array.from_buffers(pa.int64(), 1, [None, pa.py_buffer(bytes(8))])


@dataclass(frozen=True)
class Distinct:
    """A table's rows grouped by signature."""

    table: Table
    ids: Any  # the primary-key column
    groups: Any  # the group of each row (Arrow int32)
    cells: list[dict[str, str]]  # per group: the columns read, of its first row
    quotes: list[tuple[str, ...]]  # per group: its rows' value quotes, in citation order
    extra: list[str]  # per group: the ``extra`` value its rows share ("" without one)

    def rows(self, flagged: set[int]) -> Iterator[tuple[int, int, str]]:
        """(group, line, row id) of every row in a flagged group, in row order."""
        if not flagged:
            return
        at = pc.indices_nonzero(pc.is_in(self.groups, value_set=int32s(sorted(flagged))))
        groups = pc.take(self.groups, at).to_pylist()
        ids = pc.take(self.ids, at).to_pylist()
        for r, g, row_id in zip(at.to_pylist(), groups, ids, strict=True):
            yield g, self.table.line(r), row_id


def distinct_rows(
    table: Table, columns: list[str], citations: Table | None, extra: Any | None = None
) -> Distinct | None:
    """The rows of a table with a one-column key, grouped by these columns and their
    value-carrying quotes (supports "value" or "both"), and by ``extra`` (an Arrow string
    column: what else each row's verdict turns on, such as the columns errata name); None
    for any other table."""
    ids = table.key_column()
    if ids is None or not table.n_rows:
        return None
    n = table.n_rows
    read = [c for c in dict.fromkeys(columns) if table.index(c) is not None]
    codes, texts = quote_codes_of(table.spec.name, ids, citations, n)
    more = [extra] if extra is not None else []
    parts = [codes, *more, *(table.column(c) for c in read)]
    groups = group_rows(parts)
    first = groups.first
    taken = [pc.take(table.column(c), first).to_pylist() for c in read]
    if read:
        cells = [dict(zip(read, values, strict=True)) for values in zip(*taken, strict=True)]
    else:
        cells = [{} for _ in range(len(first))]
    quotes = [
        tuple(texts[int(k)] for k in joined.split(",")) if joined else ()
        for joined in pc.take(codes, first).to_pylist()
    ]
    shared = pc.take(more[0], first).to_pylist() if more else [""] * len(first)
    return Distinct(table, ids, groups.of_row, cells, quotes, shared)


def quotes_of(
    owner: str,
    ids: Any,
    citations: Table | None,
    parts: tuple[str, ...] | None = SUBSTANCE,
    with_source: bool = False,
) -> dict[str, tuple[str, ...]]:
    """Each distinct id of this column (rows of the table ``owner``) -> the quotes of
    that row's supporting citations that carry one of ``parts`` (None: any), in citation
    order; with ``with_source``, each as "source id\x00quote"."""
    if ids is None or not len(ids):
        return {}
    unique = pc.unique(flat(ids))
    codes, texts = quote_codes_of(owner, unique, citations, len(unique), parts, with_source)
    found: dict[str, tuple[str, ...]] = {}
    by_codes: dict[str, tuple[str, ...]] = {}  # rows citing the same quotes share one tuple
    for row_id, joined in zip(unique.to_pylist(), codes.to_pylist(), strict=True):
        quotes = by_codes.get(joined)
        if quotes is None:
            quotes = by_codes[joined] = tuple(texts[int(k)] for k in joined.split(",")) if joined else ()
        found[row_id] = quotes
    return found


def quote_codes_of(
    name: str,
    ids: Any,
    citations: Table | None,
    n: int,
    parts: tuple[str, ...] | None = SUBSTANCE,
    with_source: bool = False,
    fields: tuple[str, ...] | None = None,
    relation: str = "supports",
) -> tuple[Any, list[str]]:
    """Per row: the codes of the quotes of its citations of this ``relation`` that carry
    one of ``parts`` (None: any), joined by commas ("" for none), and the text of each
    code. With ``fields``, a code stands for those cells of the citation joined by NUL
    instead of its quote (``with_source``: its source id and quote)."""
    if citations is None or not citations.n_rows:
        return strings([""] * n), []
    read = fields or (("source_id", "quote") if with_source else ("quote",))
    key = f"quote codes: {name}\x00{parts}\x00{read}\x00{relation}\x00{fields is not None}"
    prepared = citations.memo(key, lambda: _prepare(citations, name, parts, read, relation, fields is not None))
    if prepared is None:
        return strings([""] * n), []
    values, joined, texts = prepared
    at = pc.index_in(ids, value_set=values)
    return pc.fill_null(pc.take(joined, at), string("")), texts


def _prepare(
    citations: Table, name: str, parts: tuple[str, ...] | None, fields: tuple[str, ...], kind: str, lenient: bool
) -> tuple[Any, Any, list[str]] | None:
    """For one fact table's citations (made once per package and kind of quote): the
    cited row ids, the codes of each one's quotes joined by commas, the text per code.
    ``lenient``: a field the header lacks reads as empty cells (level 1 reports the
    header), as a record of the citation reads it."""
    table, row_id, relation, supports = (citations.column(c) for c in ("table", "row_id", "relation", "supports"))
    read = [citations.column(c) for c in fields]
    if table is None or row_id is None or relation is None or (parts is not None and supports is None):
        return None
    if any(c is None for c in read):
        if not lenient:
            return None
        empty = strings([""] * citations.n_rows)
        read = [c if c is not None else empty for c in read]
    mine = pc.and_(equals(table, name), equals(relation, kind))
    if parts is not None:
        mine = pc.and_(mine, pc.is_in(supports, value_set=strings(list(parts))))
    if not pc.any(mine).as_py():
        return None  # none (and an empty chunked array would make pyarrow import pandas)
    read = [pc.filter(c, mine) for c in read]
    quote = pc.binary_join_element_wise(*read, string("\x00")) if len(read) > 1 else read[0]
    encoded = pc.dictionary_encode(flat(quote))
    cited = flat(pc.filter(row_id, mine))
    order = pc.sort_indices(cited)  # stable: citation order within a row
    cited, codes = pc.take(cited, order), pc.take(pc.cast(encoded.indices, pa.string()), order)
    tally = pc.value_counts(cited)  # in order of first appearance: sorted here
    starts = pa.concat_arrays([ZERO, pc.cumulative_sum(tally.field("counts"))])
    joined = pc.binary_join(pa.LargeListArray.from_arrays(starts, codes), string(","))
    return tally.field("values"), joined, encoded.dictionary.to_pylist()


def distinct_facts(tables: dict[str, Table]) -> Facts:
    """The facts of levels 5-8, one per distinct row: rows of a fact table that agree in
    every cell those levels read (``facts.read_columns``: not the id), in the columns
    errata name for them and in their citations (each supporting one's source, part
    and quote, each refuting one's id and source) are one fact, which lists the others
    as its copies. ``facts.collect`` makes a fact of every row: the reference."""
    facts = without_rows(tables)
    citations = tables.get("citations")
    for name in facts.primary_keys:
        corrected = errata_of(tables, name)
        facts.by_table[name] = _distinct(name, tables[name], facts.roles[name], citations, corrected)
    return facts


# What of a citation a check of levels 5-8 reads: a supporting one's source, the part of
# the row it carries and its quote; a refuting one's id and source (conflicts list them).
_SUPPORTING = ("source_id", "supports", "quote")
_REFUTING = ("citation_id", "source_id")


def _distinct(
    name: str, table: Table, roles: Roles, citations: Table | None, corrected: dict[str, frozenset[str]]
) -> list[Fact]:
    ids = key_values(table)
    if ids is None or not table.n_rows:
        return []
    n = table.n_rows
    pk = table.spec.primary_key[0]
    read = [c for c in read_columns(roles) if c != pk and table.index(c) is not None]
    supporting, supporting_texts = quote_codes_of(name, ids, citations, n, None, fields=_SUPPORTING)
    refuting, refuting_texts = quote_codes_of(name, ids, citations, n, None, fields=_REFUTING, relation="refutes")
    parts = [supporting, refuting, *(table.column(c) for c in read)]
    if corrected:
        parts.append(corrected_column(ids, corrected))
    groups = group_rows(parts)
    first = groups.first  # each group's first row stands for it; the other rows are its copies
    copies_of: dict[int, list[int]] = defaultdict(list)
    for r, f in groups.repeats():
        copies_of[f].append(r)
    starts = first.to_pylist()
    taken = [pc.take(table.column(c), first).to_pylist() for c in read]
    cells = [dict(zip(read, values, strict=True)) for values in zip(*taken, strict=True)] if read else []
    cells = cells or [{} for _ in starts]
    row_ids = ids.to_pylist()
    # Rows cite few distinct sets of quotes: each set is made into citations once.
    cites_of: dict[tuple[str, str], tuple[Cite, ...]] = {}
    supports = [_cite(text, "supports") for text in supporting_texts]
    refutes = [_cite(text, "refutes") for text in refuting_texts]
    none: frozenset[str] = frozenset()
    lines = table.lines if table.lines is not None else range(2, n + 2)
    out = []
    for r, cells_of, s, f in zip(
        starts, cells, pc.take(supporting, first).to_pylist(), pc.take(refuting, first).to_pylist(), strict=True
    ):
        cites = cites_of.get((s, f))
        if cites is None:
            cites = cites_of[(s, f)] = tuple(supports[int(k)] for k in s.split(",") if s) + tuple(
                refutes[int(k)] for k in f.split(",") if f
            )
        rest = copies_of.get(r, ())
        copies = tuple(zip([lines[c] for c in rest], [row_ids[c] for c in rest], strict=True))
        fixed = corrected.get(row_ids[r], none)
        out.append(Fact(name, table.file, lines[r], row_ids[r], cells_of, cites, roles, fixed, copies))
    return out


def _cite(text: str, relation: str) -> Cite:
    if relation == "supports":
        source, supports, quote = text.split("\x00", 2)
        return Cite("", 0, source, quote, supports, relation, "")
    citation, source = text.split("\x00", 1)
    return Cite(citation, 0, source, "", "", relation, "")
