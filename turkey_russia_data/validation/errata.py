"""Level 2, errata: every entry of an errata table (a table declaring x-corrects) names a
fact row that exists and a column that row has, and a fact row says why in its free-text
`erratum` cell exactly when at least one entry names it. The entries are what levels 4,
7 and 8 read; the cell is the human note.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow.compute as pc

from ..reading import Table
from .facts import ERRATUM_NOTE, errata_tables, fact_tables, roles_of
from .kernels import integer, rows_where
from .problems import Problem
from .registry import TABLES, Code, check


@check(
    2,
    TABLES,
    Code("E203", "erratum-target", "an erratum names a fact row that does not exist, or a column its table lacks"),
    Code(
        "E204",
        "erratum-unstructured",
        "a fact row has an erratum note but no errata entry, or an errata entry but no erratum note",
    ),
)
def check_errata(tables: dict[str, Table]) -> Iterator[Problem]:
    names = errata_tables(tables)
    if not names:
        return  # a package written before errata tables keeps its notes only
    # Level 2 works on columns: only the key and the note of each fact table are read.
    rows: dict[str, dict[str, int]] = {}  # table -> row id -> position
    noted: dict[str, list[int]] = {}  # table -> positions of rows with an erratum note
    headers: dict[str, list[str]] = {}
    for name in fact_tables(tables):
        table = tables[name]
        ids = table.key_column()
        if ids is None:
            continue  # a composite key or a missing key column, reported at level 1
        headers[name] = table.header
        rows[name] = {rid: r for r, rid in enumerate(ids.to_pylist())}
        note = table.column(ERRATUM_NOTE)
        noted[name] = [] if note is None else rows_where(pc.greater(pc.utf8_length(note), integer(0)))
    noted_at = {name: set(positions) for name, positions in noted.items()}
    named: set[tuple[str, str]] = set()
    for name in names:
        errata = tables[name]
        t, r, c = roles_of(errata).corrects
        if any(x not in errata.header for x in (t, r, c)):
            continue  # a header problem, reported at level 1
        width = len(errata.header)
        at = [errata.header.index(x) for x in (t, r, c)]
        for line, cells in errata.rows:
            if len(cells) != width:
                continue
            target, row_id, column = (cells[i] for i in at)
            entry = f"{target}/{row_id}/{column}"
            if target not in rows:
                continue  # not a fact table: an enum problem, reported at level 1
            if row_id not in rows[target]:
                yield Problem(
                    "E203",
                    errata.file,
                    f"no row {row_id!r} in {target}",
                    line=line,
                    row_id=entry,
                    column=r,
                    expected=f"an id of {target}",
                    found=row_id,
                )
                continue
            if column not in headers[target]:
                yield Problem(
                    "E203",
                    errata.file,
                    f"{target} has no column {column!r}",
                    line=line,
                    row_id=entry,
                    column=c,
                    expected=f"a column of {target}",
                    found=column,
                )
            named.add((target, row_id))
            if ERRATUM_NOTE in headers[target] and rows[target][row_id] not in noted_at[target]:
                yield Problem(
                    "E204",
                    errata.file,
                    f"{target} {row_id} is corrected here but its {ERRATUM_NOTE} note is empty; say why in words",
                    line=line,
                    row_id=entry,
                    column=c,
                    expected=f"a filled {ERRATUM_NOTE} cell on {row_id}",
                    found="empty",
                )
    for target, positions in noted.items():
        table = tables[target]
        ids = table.key_column()
        for position in positions:
            row_id = ids[position].as_py()
            if (target, row_id) in named:
                continue
            yield Problem(
                "E204",
                table.file,
                f"the {ERRATUM_NOTE} note names no column; add a row to the errata table "
                "(table, row_id, column, kind, printed) for each cell it corrects",
                line=table.line(position),
                row_id=row_id,
                column=ERRATUM_NOTE,
                expected="at least one errata entry",
                found="none",
            )
