"""Level 4, stance and status cues: a stance or a status its quotes' words contradict.

A table declares in ``x-cues`` which columns are read against which lexicon
(validation.cue_lexicon). The row's value-carrying quotes are searched for the cue
words of each group once per distinct quote; a row fails when they carry cues of a
group opposite to its value and none of a group that speaks for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..reading import Table
from ..textnorm import normalise
from .cue_lexicon import LEXICONS, Lexicon
from .facts import roles_of
from .problems import Problem
from .registry import TABLES, Code, check
from .signatures import distinct_rows

_Compiled = dict[str, re.Pattern[str]]


def _compile(lexicon: Lexicon) -> _Compiled:
    return {
        group: re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.I) for group, words in lexicon.groups.items()
    }


def groups_in(text: str, compiled: _Compiled) -> dict[str, str]:
    """The cue groups a text carries, each with the first cue word found."""
    out = {}
    for group, pattern in compiled.items():
        m = pattern.search(text)
        if m is not None:
            out[group] = m.group()
    return out


@check(
    4,
    TABLES,
    Code(
        "E409",
        "cue-contradicted",
        "the quotes carry only cue words opposite to the stance or status (opposed vs welcomed, mou vs delivered)",
    ),
)
def check_cues(tables: dict[str, Table]) -> Iterator[Problem]:
    for table in tables.values():
        roles = roles_of(table)
        cues = [(c, LEXICONS[c.lexicon]) for c in roles.cues if c.lexicon in LEXICONS]
        if not cues or len(table.spec.primary_key) != 1:
            continue
        for role, lexicon in cues:
            compiled = _compile(lexicon)
            columns = [role.column, *(column for column, _ in role.unless)]
            rows = distinct_rows(table, columns, tables.get("citations"))
            if rows is None:
                continue
            seen: dict[str, dict[str, str]] = {}
            found: dict[int, tuple[str, list[str], dict[str, str]]] = {}
            for group, (cells, quotes) in enumerate(zip(rows.cells, rows.quotes, strict=True)):
                value = cells.get(role.column, "")
                if role.skips(cells):
                    continue
                own, opposite = lexicon.own.get(value), lexicon.opposite.get(value)
                if not own or not opposite:
                    continue
                carried: dict[str, str] = {}
                for quote in quotes:
                    if quote not in seen:
                        seen[quote] = groups_in(normalise(quote), compiled)
                    carried = seen[quote] | carried
                if any(g in carried for g in own):
                    continue
                against = [g for g in opposite if g in carried]
                if against:
                    found[group] = (value, against, carried)
            for group, line, row_id in rows.rows(set(found)):
                value, against, carried = found[group]
                words = ", ".join(repr(carried[g]) for g in against)
                yield Problem(
                    "E409",
                    table.file,
                    f"the quotes say {words} ({', '.join(against)}) and nothing that speaks for {value!r}",
                    line=line,
                    row_id=row_id,
                    column=role.column,
                    expected=f"a value the cue words {words} allow",
                    found=value,
                )
