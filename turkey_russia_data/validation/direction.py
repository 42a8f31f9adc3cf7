"""Level 4, direction: a flow or a transfer goes the way its quotes say.

A table declares in ``x-direction`` (docs/roles.md) the two actor columns between which
something moves and which measures move it which way (trade_flows: an export goes from
reporter to partner, an import from partner to reporter; arms_deals: a sale or a
procurement goes from supplier to recipient). The quotes that carry the row's value
state directions with cue phrases, read after every actor's name is marked
(validation.actors): "X exports to Y", "Y's share in X's exports", "Y imports from X",
"sold/supplied/delivered ... to Y", "selling Y", "Y purchased", "purchase of X-made",
"from X to Y" (``STATEMENTS`` below). Where the row's printed figure is in a quote, only
the clause holding it is read ("$28.9 billion in Russian exports to Türkiye and $5.7
billion in imports": the second clause's bare "imports" go the other way of the first's
exports); a clause that states no direction and has no bare "imports" or "exports"
shares the whole quote's. A row fails when its quotes state at least one direction that puts one of its
actors on the other end and none that agrees with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..reading import Table
from ..roles import Direction
from ..textnorm import normalise
from .actors import Names
from .facts import roles_of
from .problems import Problem
from .registry import TABLES, Code, check
from .signatures import distinct_rows

# A marked code is short and holds no guillemet: an unclosed «, or many, cost a bounded look.
_A = r"(?:the )?«(?P<a>[^«»]{1,40})»"  # where it comes from
_B = r"(?:the )?«(?P<b>[^«»]{1,40})»"  # where it goes
_POSS = r"(?:'s|')?"
_WORDS = r"(?:[^\s«».;]+ ){0,%d}"  # up to n words, no actor, no sentence break
_ANY = r"(?:[^\s.;]+ ){0,%d}"  # up to n words, actors allowed
# Up to n words of a noun phrase ("Turkish defence and aerospace exports"), no preposition.
_MOD = r"(?:(?!(?:through|to|for|of|with|by|in|from|at|on|as|via)\b)[^\s«».;]+ ){0,%d}"
_SELL = r"(?:sells?|selling|sold|sales?|suppl(?:y|ies|ied|ying)|deliver(?:s|ed|ing|y|ies)?|exports?|exported)"
_BUY = (
    r"(?:purchas(?:e|es|ed|ing)|b(?:uy|uys|uying|ought)|acquir(?:e|es|ed|ing)|acquisition|procur(?:e|es|ed|ing|ement))"
)

# Cue phrases: each gives where a thing comes from (a) and where it goes (b), or one of them.
STATEMENTS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        rf"{_A}{_POSS} {_MOD % 3}exports? to {_B}",
        rf"{_B}{_POSS} share in {_A}{_POSS} {_MOD % 2}exports",
        rf"{_A}{_POSS} {_MOD % 3}exports\b(?! to)",
        rf"\bexports? to {_B}",
        rf"{_B}{_POSS} {_MOD % 3}imports? from {_A}",
        rf"\bimport(?:s|ed)? from {_A}",
        rf"\bfrom {_A} to {_B}",
        rf"\b{_SELL} {_ANY % 6}(?:to|in) {_B}",
        rf"\b(?:build|builds|building|built) {_ANY % 6}for {_B}",
        rf"\b(?:sell|sells|selling|sold|supplied|supplies|supplying) (?:the )?{_B}",
        rf"{_A} {_WORDS % 4}(?:supplied|supplying|supplies|sold|selling|sells|delivered|exported)\b",
        rf"{_B}{_POSS} {_WORDS % 4}(?:purchased|bought|buys|purchases|acquired|procured|(?:to|will) {_BUY})\b",
        rf"{_B}{_POSS} (?:purchase|acquisition|procurement) of",
        rf"\b{_BUY}(?: of)?(?: the)? {_A}",
        rf"\b{_BUY} {_ANY % 6}from {_A}",
        rf"{_A}-made",
    )
)
_BARE = re.compile(r"\b(?P<way>exports|imports)\b(?! (?:to|from))(?!\w)", re.I)
_EXPORTS, _IMPORTS = STATEMENTS[0], STATEMENTS[4]
# Where a quote's clauses part: each holds one figure of a list of figures.
_CLAUSE = re.compile(r"\s(?:and|while|whereas)\s|;|\u2014| - ")

Statement = tuple[str | None, str | None]


def statements(marked: str) -> list[Statement]:
    """The directions a text with «marked» actors states."""
    found: list[Statement] = []
    for pattern in STATEMENTS:
        for m in pattern.finditer(marked):
            groups = m.groupdict()
            found.append((groups.get("a"), groups.get("b")))
    return found


@lru_cache(maxsize=1 << 16)
def clause_statements(marked: str, printed: str) -> tuple[Statement, ...]:
    """Cached: rows that share a quote and a printed figure share the reading."""
    return tuple(_clause_statements(marked, printed))


def _clause_statements(marked: str, printed: str) -> list[Statement]:
    """The directions of the clause holding the printed figure; a bare "imports" (or
    "exports") there goes the other way of an "X exports to Y" (or "imports from")
    in another clause of the quote."""
    if not printed or printed not in marked:
        return statements(marked)
    clauses = _CLAUSE.split(marked)
    mine = next((c for c in clauses if printed in c), marked)
    found = statements(mine)
    bare = _BARE.search(mine)
    if not found and bare is not None:
        sibling = _EXPORTS if bare.group("way").lower() == "imports" else _IMPORTS
        for other in clauses:
            if other is not mine:
                found += [(m.group("b"), m.group("a")) for m in sibling.finditer(other)]
    elif not found:
        # A figure in a list ("both Spain (34%) and Italy (24%)") shares the quote's direction.
        found = statements(marked)
    return found


@dataclass(frozen=True)
class _Verdict:
    agrees: bool
    against: Statement | None


def _judge(ends: tuple[str, str], found: list[Statement]) -> _Verdict:
    source, target = ends
    against = None
    for a, b in found:
        if a == source or b == target:
            return _Verdict(True, None)
        if against is None and (a == target or b == source):
            against = (a, b)
    return _Verdict(False, against)


@check(
    4,
    TABLES,
    Code(
        "E407",
        "direction-contradicted",
        "the quotes say the flow or transfer goes the other way (actors swapped, export and import flipped)",
    ),
)
def check_direction(tables: dict[str, Table]) -> Iterator[Problem]:
    directed = [
        (name, table, way)
        for name, table in tables.items()
        if (way := roles_of(table).direction) is not None and len(table.spec.primary_key) == 1
    ]
    if not directed:
        return
    names = Names.of(tables)
    for _, table, way in directed:
        roles = roles_of(table)
        printed_in = [f.as_stated for f in roles.figures]
        columns = [way.source, way.target, *([way.measure] if way.measure else []), *printed_in]
        rows = distinct_rows(table, columns, tables.get("citations"))
        if rows is None:
            continue
        found: dict[int, tuple[tuple[str, str], Statement]] = {}
        for group, (cells, quotes) in enumerate(zip(rows.cells, rows.quotes, strict=True)):
            ends = way.ends(cells)
            if ends is None or not all(ends):
                continue
            printed = next((normalise(cells.get(c, "")) for c in printed_in if cells.get(c)), "")
            said: list[Statement] = []
            for quote in quotes:
                said += clause_statements(names.mark(normalise(quote)), printed)
            verdict = _judge(ends, said)
            if not verdict.agrees and verdict.against is not None:
                found[group] = (ends, verdict.against)
        for group, line, row_id in rows.rows(set(found)):
            yield _problem(table, line, row_id, way, *found[group])


def _problem(table: Table, line: int, row_id: str, way: Direction, ends: tuple[str, str], said: Statement) -> Problem:
    a, b = (x or "?" for x in said)
    column = way.measure if way.measure and (said[0] is None or said[1] is None) else way.source
    return Problem(
        "E407",
        table.file,
        f"the quotes say it goes from {a} to {b}; the row says from {ends[0]} to {ends[1]} "
        f"(check {way.source}, {way.target}{', ' + way.measure if way.measure else ''})",
        line=line,
        row_id=row_id,
        column=column,
        expected=f"from {a} to {b}",
        found=f"from {ends[0]} to {ends[1]}",
    )
