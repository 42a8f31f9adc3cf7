"""Level 4, who did what to whom: an actor's role its quotes contradict.

A table declares on an ``x-actors`` entry (docs/roles.md) the column holding each
actor's role and which role values make the actor the one who acts (``doer``:
event_actors' ``initiator``) and the one acted upon (``doneTo``: ``target``). The
value-carrying quotes of the fact row the actor belongs to are read after every actor's
name is marked (validation.actors) for statements that name both: an actor acting on
another with a verb of action ("X downed a Y jet", "X imposed sanctions on Y"), the
same in the passive with its agent ("Y was removed ... by X", "the downing of a Y jet
... by a X F-16", "Y soldiers were killed in a X airstrike"), or a noun of action
("X's invasion of Y", "X retaliation against Y"; ``STATEMENTS`` below).

Only statements whose two ends are both actors of the same fact row count: a quote
that states another deed in passing ("branded Russia's aggression against Ukraine an
act of war") says nothing about the roles in this one. A row fails when its actor is
named in such statements only on the other end: a doer named only as the one acted
upon, or the one acted upon named only as the doer. Where a quote says nothing of the
kind (a passive without its agent, no verb of action, an actor on both ends) the row
is not judged. Each distinct quote is read once, and rows alike in what decides their
verdict are judged once (``_check_role``): linear in rows and citations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..reading import Table
from ..roles import ActorRole
from ..textnorm import normalise
from .actors import Names
from .facts import references, roles_of
from .kernels import flat, string, strings
from .problems import Problem
from .registry import TABLES, Code, check
from .signatures import ZERO, quote_codes_of

# A marked code is short and holds no guillemet: an unclosed «, or many, cost a bounded look.
_A = r"«(?P<a>[^«»]{1,40})»"  # who acts
_B = r"«(?P<b>[^«»]{1,40})»"  # who is acted upon
_NOT_POSS = r"(?!'s?\b|')"  # a possessive actor owns the subject, it is not the subject
_POSS = r"(?:'s|')"
# A word that undoes or reports the act instead of stating it ("refused to join sanctions").
# A word that reports, denies or opposes the act is not the act ("denied its forces attacked",
# "opposed the annexation of", "said the attack on").
_NEGATION = (
    r"(?:not|never|no|refused|refuses|refusing|declined|without|against|condemned|condemning|after|"
    r"denied|denies|denying|opposed|opposes|opposing|said|says|claimed|claims|accused|accuses|called|calls)\b"
)
# Up to n words with no actor, no negation, no sentence or clause break.
_WORDS = r"(?:(?!" + _NEGATION + r")[^\s«».;,]+ ){0,%d}"
# The same, and not a passive auxiliary, "by" or a relative pronoun.
_ACTIVE = r"(?:(?!(?:was|were|is|are|be|been|being|by|who|which|that)\b|" + _NEGATION + r")[^\s«».;,]+ ){0,%d}"
# Up to n words, actors and commas allowed, no sentence break, not "by".
_ANY = r"(?:(?!by\b)[^\s.;]+ ){0,%d}?"
# Up to n words, actors and commas allowed, no sentence break.
_CLAUSE = r"(?:[^\s.;]+ ){0,%d}?"
_DET = r"(?:(?:the|a|an|two|three|its|their) )?"
# Verbs whose subject acts on their object.
_DID = (
    r"(?:downed|shot down|annexed|invaded|attacked|struck|bombed|occupied|imposed|sanctioned|arrested|"
    r"detained|expelled|removed|threatened|urged|pressured|punished|vetoed|killed)"
)
_DO = r"(?:sanction|expel|attack|invade|strike|punish|arrest|urge|pressure)"
_DOING = r"(?:expelling|sanctioning|attacking|invading|striking|arresting|punishing|pressuring)"
# Nouns of an act, with the preposition that names the one acted upon.
_ACT = (
    r"(?:downing|annexation|invasion|occupation|attack|aggression|airstrike|strikes?|sanctions|embargo(?:es)?|"
    r"retaliation|arrest|detention|expulsion|pressure|suspension|(?:military )?operations?)"
)

STATEMENTS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        # X downed a Y jet; X imposed a series of sanctions on Y; X ... began to urge Y
        rf"{_A}{_NOT_POSS} {_ACTIVE % 5}(?:{_DID}|to {_DO}) (?:{_WORDS % 5}?(?:on|against|from) )?{_DET}{_B}",
        # Y was removed from the programme by X
        rf"{_B}{_NOT_POSS} {_WORDS % 2}(?:was|were|had been|has been|have been) (?:\w+ly )?{_DID} "
        rf"{_ANY % 6}by {_DET}{_WORDS % 1}{_A}",
        # Y soldiers were killed in a X airstrike ("in X" alone is a place, not who acted)
        rf"{_B}{_NOT_POSS} {_WORDS % 2}(?:was|were|had been|has been|have been) (?:\w+ly )?{_DID} "
        rf"{_ANY % 6}in {_DET}{_A}{_POSS}? {_ACT}",
        # the downing of a Y jet ... by a X F-16; the suspension of visas to Y citizens by X
        rf"\b{_ACT} (?:of|on|against) {_DET}{_WORDS % 4}{_B}{_NOT_POSS} {_ANY % 6}by {_DET}{_WORDS % 1}{_A}",
        # X's invasion of Y; X retaliation against Y; X carried out military operations against Y
        rf"{_A}{_POSS}? {_WORDS % 3}{_ACT} (?:of|on|against|upon) {_DET}{_WORDS % 1}{_B}",
        # X's objection to a Y-led initiative; the X demands for the provinces in eastern Y
        rf"{_A}{_POSS}? {_WORDS % 2}(?:objection|opposition) to {_DET}{_B}",
        rf"{_A}{_POSS}? {_WORDS % 2}demands (?:for|on) {_WORDS % 6}(?:in|of|from) {_DET}{_WORDS % 1}{_B}",
        # X's decision to sanction Y; X ... would retaliate by expelling Y
        rf"{_A}{_POSS}? {_WORDS % 2}(?:(?:decision|decided|move|moved|threat|plan|plans) {_WORDS % 3}to {_DO}"
        rf"|{_WORDS % 3}by {_DOING}) {_DET}{_B}",
        # X extracted concessions (not only from A but also) from Y; X used it as a trump card against Y;
        # X's push came at the expense of Y
        rf"{_A}{_NOT_POSS} {_CLAUSE % 8}(?:extract|extracted|extracting|squeezing out|squeezed out) concessions "
        rf"(?:[^\s«».;]+ ){{0,8}}?from {_DET}{_B}",
        rf"{_A}{_NOT_POSS} {_CLAUSE % 8}used {_WORDS % 5}against {_DET}{_B}",
        rf"{_A}{_POSS}? {_CLAUSE % 10}at the expense of {_DET}{_WORDS % 3}{_B}",
    )
)

Statement = tuple[str, str]


def statements(marked: str) -> list[Statement]:
    """(who acts, who is acted upon) for each statement a text with «marked» actors makes."""
    found = []
    for pattern in STATEMENTS:
        for m in pattern.finditer(marked):
            a, b = m.group("a"), m.group("b")
            if a != b:
                found.append((a, b))
    return found


def contradicts(role: ActorRole, value: str, actor: str, said: list[Statement]) -> Statement | None:
    """A statement that puts the actor on the other end of its role, when none puts it on its own."""
    if value in role.doer:
        mine, other = 0, 1
    elif value in role.done_to:
        mine, other = 1, 0
    else:
        return None
    if any(s[mine] == actor for s in said):
        return None
    return next((s for s in said if s[other] == actor), None)


@check(
    4,
    TABLES,
    Code(
        "E410",
        "role-contradicted",
        "the quotes say the actor acted where the row says it was acted upon, or the other way (roles flipped)",
    ),
)
def check_roles(tables: dict[str, Table]) -> Iterator[Problem]:
    declared = [(table, role) for table in tables.values() for role in roles_of(table).actors if role.role is not None]
    if not declared:
        return
    names = Names.of(tables)
    read: dict[str, list[Statement]] = {}  # quote -> its statements

    def said_in(quote: str) -> list[Statement]:
        found = read.get(quote)
        if found is None:
            found = read[quote] = statements(names.mark(normalise(quote)))
        return found

    for table, role in declared:
        yield from _check_role(table, role, tables, said_in)


def _check_role(
    table: Table, role: ActorRole, tables: dict[str, Table], said_in: Callable[[str], list[Statement]]
) -> Iterator[Problem]:
    """One declared role of a table. A row's verdict turns on its actor, its role, the
    actors of its fact row and that row's value quotes: rows alike in those are judged
    once (grouped on the Arrow columns), and the verdict is reported on each of them."""
    pk = table.spec.primary_key[0] if len(table.spec.primary_key) == 1 else None
    owner = references(table.schema, table.spec.name).get(role.of, "") if role.of else table.spec.name
    owners, actors, values = (table.column(c) for c in (role.of or pk or "", role.column, role.role or ""))
    if owners is None or actors is None or values is None or not table.n_rows:
        return
    judged = pc.and_(pc.is_in(values, value_set=strings([*role.doer, *role.done_to])), pc.not_equal(actors, string("")))
    if not pc.any(judged).as_py():
        return
    # The actors of each fact row (sorted, so that a set is written one way): only
    # statements between two of them are about it.
    both = pa.Table.from_arrays([owners, actors], names=["owner", "actor"])
    order = pc.sort_indices(both, sort_keys=[("owner", "ascending"), ("actor", "ascending")])
    tally = pc.value_counts(pc.take(owners, order))  # in sorted order, as first met there
    starts = pa.concat_arrays([ZERO, pc.cumulative_sum(tally.field("counts"))])
    listed = pa.LargeListArray.from_arrays(starts, flat(pc.take(actors, order)))
    members = pc.take(pc.binary_join(listed, string(_SEP)), pc.index_in(owners, value_set=tally.field("values")))
    codes, texts = quote_codes_of(owner, owners, tables.get("citations"), table.n_rows)
    signature = pc.binary_join_element_wise(codes, members, actors, values, string("\x00"))
    rows = pc.indices_nonzero(judged)
    groups = pc.dictionary_encode(flat(pc.take(signature, rows))).indices.to_pylist()
    at = rows.to_pylist()
    verdicts: dict[int, Statement | None] = {}
    flagged: list[tuple[int, Statement]] = []
    for r, g in zip(at, groups, strict=True):
        if g not in verdicts:
            verdicts[g] = _verdict(role, r, owners, actors, values, members, codes, texts, said_in)
        against = verdicts[g]
        if against is not None:
            flagged.append((r, against))
    if not flagged:
        return
    keys = table.column(pk) if pk else None
    for r, against in flagged:
        owner_id, actor = owners[r].as_py(), actors[r].as_py()
        row_id = keys[r].as_py() if keys is not None else f"{owner_id}/{actor}"
        yield role_problem(table, role, r, row_id, owner_id, actor, values[r].as_py(), against)


def role_problem(
    table: Table, role: ActorRole, r: int, row_id: str, owner_id: str, actor: str, value: str, against: Statement
) -> Problem:
    """E410 on row r, whose ``value`` of the role the statement ``against`` contradicts."""
    doer, done_to = against
    mine = "acted upon" if value in role.doer else "the one who acted"
    return Problem(
        "E410",
        table.file,
        f"the quotes of {owner_id} say {doer} acted on {done_to}: {actor} is {mine} there, "
        f"not {value!r} (check {role.role} of {actor}, and of the other actor)",
        line=table.line(r),
        row_id=row_id,
        column=role.role,
        expected=_expected(role, actor, against),
        found=value,
    )


# Between the actors of a fact row in its signature: no actor code holds it.
_SEP = "\x01"


def _verdict(
    role: ActorRole,
    r: int,
    owners: Any,
    actors: Any,
    values: Any,
    members: Any,
    codes: Any,
    texts: list[str],
    said_in: Callable[[str], list[Statement]],
) -> Statement | None:
    """The statement that contradicts row r's role, if any (``contradicts``)."""
    ours = set(members[r].as_py().split(_SEP))
    joined = codes[r].as_py()
    quotes = [texts[int(k)] for k in joined.split(",")] if joined else []
    said = [s for quote in quotes for s in said_in(quote) if s[0] in ours and s[1] in ours]
    return contradicts(role, values[r].as_py(), actors[r].as_py(), said)


def _expected(role: ActorRole, actor: str, said: Statement) -> str:
    values = role.doer if said[0] == actor else role.done_to
    side = "acts" if said[0] == actor else "is acted upon"
    return f"{' or '.join(values) or 'a role where it ' + side} ({said[0]} acts on {said[1]})"
