"""Level 4, actor support: every actor a row names is named where its quotes stand.

The columns that name actors are the schema's ``x-actors`` (docs/roles.md); in a link
table (event_actors) each actor belongs to the fact row its ``of`` column points at. An
actor is named when its name, a part of its name in parentheses ("AKP"), or one of its
aliases (tables/actor_aliases.csv) occurs, as a whole word, in the context of one of the
row's supporting quotes: the quote's sentence and the sentence before it in the source
text (a pronoun's antecedent: "the two countries", "its"). The check needs the source
texts (``--sources``); without them it does not run.

Tolerances: the normalisation of level 3; aliases all in capitals ("US", "EU") match
their case, others any case; a word may carry a possessive or plural ending ("Turkey's").
Aggregates (actor kind "aggregate", e.g. WLD "all partners") stand for what no text
names, and are not looked for.

Each row's context is built once from its quotes; each distinct quote's sentence is
found once: linear in rows and citations.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..reading import Table
from ..textnorm import normalise
from ..texts import index_texts
from .facts import records, references, roles_of
from .problems import Problem
from .registry import TEXTS, Code, check
from .signatures import quotes_of

# Where a sentence ends: a full stop, question or exclamation mark (maybe closing a quote
# or bracket, maybe followed by an endnote number) and a space before a capital letter.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\d*\s+(?=[\"'(]?[A-Z0-9])")
# How many sentences before the quote's own are read with it.
_BEFORE = 1
# Actor kinds that stand for no one a text names.
_UNNAMED_KINDS = frozenset({"aggregate"})
_SHARED: dict[tuple[object, ...], Names] = {}


@dataclass
class Names:
    """Every actor's names, and the patterns that find them in a text."""

    names: dict[str, list[str]] = field(default_factory=dict)
    unnamed: set[str] = field(default_factory=set)
    # A name that stands for one actor only -> that actor (names in capitals as they are,
    # others lower-cased), and the pattern that finds them all.
    single: dict[str, str] = field(default_factory=dict)
    marker: re.Pattern[str] | None = None
    # Every name of an actor that is looked for -> the actors it names, and its pattern.
    owners: dict[str, frozenset[str]] = field(default_factory=dict)
    finder: re.Pattern[str] | None = None
    # context -> the actors it names (the finder's alternation is slow in Python's re).
    seen: dict[str, frozenset[str]] = field(default_factory=dict)
    marked: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, tables: dict[str, Table]) -> Names:
        """The names of the package's actors, made once per package."""
        actors = tables.get("actors")
        if actors is None:
            return cls._of(tables)
        for table in (actors, tables.get("actor_aliases")):
            if table is not None:
                table.rows  # noqa: B018 - read before the memo's lock is taken: reading takes it too
        return actors.memo("meaning: names", lambda: cls._shared(tables))  # type: ignore[no-any-return]

    @classmethod
    def _shared(cls, tables: dict[str, Table]) -> Names:
        """One Names per distinct actors and aliases content in a process: a process that
        validates many copies of a package (a test run, a curation session) finds the
        actors in each quote's context once."""
        key = tuple(
            tuple(tuple(sorted(row.items())) for _, row in records(table)) if table is not None else ()
            for table in (tables.get("actors"), tables.get("actor_aliases"))
        )
        found = _SHARED.get(key)
        if found is None:
            if len(_SHARED) >= 8:
                _SHARED.clear()
            found = _SHARED[key] = cls._of(tables)
        return found

    @classmethod
    def _of(cls, tables: dict[str, Table]) -> Names:
        found: dict[str, list[str]] = defaultdict(list)
        out = cls()
        actors = tables.get("actors")
        for _, row in records(actors) if actors is not None else ():
            actor, name = row.get("actor_id", ""), row.get("name", "")
            if row.get("kind") in _UNNAMED_KINDS:
                out.unnamed.add(actor)
            found[actor].append(name)
            inner = re.fullmatch(r"(.+?) \((.+)\)", name)
            parts = [name, *(inner.groups() if inner else ())]
            found[actor] += parts[1:]
            if row.get("country"):
                found[row["country"]] += parts  # a state is named through its own company or party
        aliases = tables.get("actor_aliases")
        for _, row in records(aliases) if aliases is not None else ():
            found[row.get("actor_id", "")].append(row.get("alias", ""))
        owners: dict[str, set[str]] = defaultdict(set)
        for actor, names in found.items():
            names = sorted({normalise(n) for n in names if n.strip()}, key=len, reverse=True)
            if names:
                out.names[actor] = names
            for n in names:
                owners[_key(n)].add(actor)
        out.single = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
        looked_for = {n for actor, names in out.names.items() if actor not in out.unnamed for n in names}
        out.owners = {_key(n): frozenset(a for a in owners[_key(n)] if a not in out.unnamed) for n in looked_for}
        if looked_for:
            alternatives = "|".join(_cased(n) for n in sorted(looked_for, key=len, reverse=True))
            out.finder = re.compile(rf"(?<!\w)(?P<n>{alternatives})(?:'s|'|s)?(?!\w)")
        ones = sorted(
            {n for names in out.names.values() for n in names if _key(n) in out.single}, key=len, reverse=True
        )
        if ones:
            out.marker = re.compile("|".join(rf"(?<!\w){_cased(n)}(?!\w)" for n in ones))
        return out

    def mark(self, text: str) -> str:
        """The text with every name of one actor replaced by «its code»."""
        if self.marker is None:
            return text
        marked = self.marked.get(text)
        if marked is None:
            if len(self.marked) >= 1 << 16:
                self.marked.clear()
            marked = self.marked[text] = self.marker.sub(lambda m: f"«{self.single.get(_key(m.group()), '?')}»", text)
        return marked

    def named_in(self, context: str) -> frozenset[str]:
        """The actors a text names (where names overlap, the longest at a place counts)."""
        if self.finder is None:
            return frozenset()
        known = self.seen.get(context)
        if known is not None:
            return known
        found: set[str] = set()
        for m in self.finder.finditer(context):
            found |= self.owners.get(_key(m.group("n")), frozenset())
        if len(self.seen) >= 1 << 16:
            self.seen.clear()
        known = self.seen[context] = frozenset(found)
        return known


def clear_caches() -> None:
    """Forget the shared actor names and the sentence contexts (validation.clear_caches)."""
    _SHARED.clear()
    _context.cache_clear()


def _cased(name: str) -> str:
    """A name's pattern: capitals-only names (acronyms) in their case, others in any."""
    body = re.escape(name)
    return body if name.upper() == name else f"(?i:{body})"


def _key(name: str) -> str:
    return name if name.upper() == name else name.lower()


class Contexts:
    """The context of a quote: its sentence and the one before, in its source's text."""

    def __init__(self, tables: dict[str, Table], folder: Path) -> None:
        self.texts: dict[str, str] = {}
        self.cache: dict[tuple[str, str], str] = {}
        sources = tables.get("sources")
        if sources is None:
            return
        by_hash = index_texts(folder)
        for _, row in records(sources):
            path = by_hash.get(row.get("text_sha256", ""))
            if path is not None:
                self.texts[row.get("source_id", "")] = normalise(path.read_text(encoding="utf-8", errors="replace"))

    def __call__(self, source_id: str, quote: str) -> str:
        key = (source_id, quote)
        found = self.cache.get(key)
        if found is None:
            text = self.texts.get(source_id)
            quote = normalise(quote)
            found = self.cache[key] = quote if text is None else _context(text, quote)
        return found


@lru_cache(maxsize=1 << 14)
def _context(text: str, quote: str) -> str:
    """Cached across packages: the text is the same (cached, normalised) string object
    each time, so its hash is computed once."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return quote  # level 3 reports a quote its text does not hold
    lo = max(0, at - 3000)  # a sentence is never longer
    starts = [lo, *(m.end() for m in _SENTENCE_END.finditer(text, lo, at))]
    start = starts[max(0, len(starts) - 1 - _BEFORE)]
    end_match = _SENTENCE_END.search(text, at + len(quote))
    end = end_match.start() + 1 if end_match else len(text)
    return text[start:end]


@check(
    4,
    TEXTS,
    Code(
        "E406",
        "actor-not-named",
        "an actor the row names is named (by name or alias) in none of its quotes' sentences",
    ),
)
def check_actor_support(tables: dict[str, Table], folder: Path) -> Iterator[Problem]:
    names = Names.of(tables)
    contexts = Contexts(tables, folder)
    citations = tables.get("citations")
    in_quote: dict[str, frozenset[str]] = {}  # "source\x00quote" -> actors its context names
    in_quotes: dict[tuple[str, ...], frozenset[str]] = {}  # rows citing the same quotes

    def named_in(cited: tuple[str, ...]) -> frozenset[str] | None:
        if not cited:
            return None  # an uncited row: E201 at level 2 says so
        named = in_quotes.get(cited)
        if named is None:
            found: set[str] = set()
            for pair in cited:
                if pair not in in_quote:
                    source_id, _, quote = pair.partition("\x00")
                    in_quote[pair] = names.named_in(contexts(source_id, quote))
                found |= in_quote[pair]
            named = in_quotes[cited] = frozenset(found)
        return named

    for name, table in tables.items():
        roles = roles_of(table)
        if not roles.actors:
            continue
        pk = table.spec.primary_key[0] if len(table.spec.primary_key) == 1 else None
        targets = _targets(table)
        checked = [r for r in roles.actors if r.of is not None or (pk is not None and roles.is_fact)]
        if not checked:
            continue
        # Each role's owner rows and their quotes (sources with them), read a column at a time.
        empty = [""] * table.n_rows
        cited_by: dict[str | None, dict[str, tuple[str, ...]]] = {}
        for role in checked:
            if role.of not in cited_by:
                owner = name if role.of is None else targets.get(role.of, "")
                column = table.key_column() if role.of is None else table.column(role.of)
                cited_by[role.of] = quotes_of(owner, column, citations, None, with_source=True)
        keys = table.values_of(pk) if pk else None
        columns = {c: table.values_of(c) or empty for r in checked for c in (r.column, r.of or pk or "")}
        for r in range(table.n_rows):
            for role in checked:
                actor = columns[role.column][r]
                if not actor or actor in names.unnamed:
                    continue
                owner_id = columns[role.of or pk or ""][r]
                named = named_in(cited_by[role.of].get(owner_id, ()))
                if named is None or actor in named:
                    continue
                owner = name if role.of is None else targets.get(role.of, "")
                where = f"{owner} {owner_id}" if owner != name else "its"
                yield Problem(
                    "E406",
                    table.file,
                    f"{actor} is not named in {where} quotes or their sentences; "
                    f"if the text names it otherwise, add the name to tables/actor_aliases.csv",
                    line=table.line(r),
                    row_id=keys[r] if keys is not None else f"{owner_id}/{actor}",
                    column=role.column,
                    expected=f"one of: {', '.join(names.names.get(actor, [actor])[:6])}",
                    found=f"not in {owner_id}'s quotes",
                )


def _targets(table: Table) -> dict[str, str]:
    """Column -> the table a one-column foreign key of it refers to."""
    return references(table.schema, table.spec.name)
