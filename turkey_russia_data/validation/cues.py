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
from .direction import _substance_quotes
from .facts import records, roles_of
from .problems import Problem
from .registry import TABLES, Code, check

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
    quotes: dict[tuple[str, str], list[str]] | None = None
    for name, table in tables.items():
        roles = roles_of(table)
        cues = [(c, LEXICONS[c.lexicon]) for c in roles.cues if c.lexicon in LEXICONS]
        if not cues or len(table.spec.primary_key) != 1:
            continue
        if quotes is None:
            quotes = _substance_quotes(tables.get("citations"))
        pk = table.spec.primary_key[0]
        for role, lexicon in cues:
            compiled = _compile(lexicon)
            seen: dict[str, dict[str, str]] = {}
            for line, row in records(table):
                value = row.get(role.column, "")
                if role.skips(row):
                    continue
                own, opposite = lexicon.own.get(value), lexicon.opposite.get(value)
                if not own or not opposite:
                    continue
                carried: dict[str, str] = {}
                for quote in quotes.get((name, row.get(pk, "")), ()):
                    if quote not in seen:
                        seen[quote] = groups_in(normalise(quote), compiled)
                    carried = seen[quote] | carried
                if any(g in carried for g in own):
                    continue
                against = [g for g in opposite if g in carried]
                if not against:
                    continue
                words = ", ".join(repr(carried[g]) for g in against)
                yield Problem(
                    "E409",
                    table.file,
                    f"the quotes say {words} ({', '.join(against)}) and nothing that speaks for {value!r}",
                    line=line,
                    row_id=row.get(pk, ""),
                    column=role.column,
                    expected=f"a value the cue words {words} allow",
                    found=value,
                )
