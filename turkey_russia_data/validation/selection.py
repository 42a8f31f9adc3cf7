"""Which levels run and which problems are reported: ``--level``, ``--select`` and
``--ignore``, in the manner of linters.

- levels: numbers, ranges or names: "1-3", "4,5", "values,dates". Others are "not run".
- select / ignore: codes, code prefixes or check names: "E4", "E40", "E403",
  "value-mismatch", or level names ("plausibility"). A problem is reported when it
  matches a select entry (if any were given) and no ignore entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import UnusableInputError
from .problems import CODES, LEVEL_NUMBERS, LEVELS


class SelectionError(UnusableInputError, ValueError):
    """An unknown level, code or check name. CLI exit code 2."""


def _tokens(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [t.strip() for item in items for t in str(item).split(",") if t.strip()]


def parse_levels(value: str | Iterable[str | int] | None) -> frozenset[int]:
    if value is None:
        return frozenset(LEVELS)
    items = [value] if isinstance(value, (str, int)) else list(value)
    chosen: set[int] = set()
    for token in _tokens([str(i) for i in items]):
        if token in LEVEL_NUMBERS:
            chosen.add(LEVEL_NUMBERS[token])
            continue
        low, dash, high = token.partition("-")
        try:
            first, last = int(low), int(high) if dash else int(low)
        except ValueError:
            raise SelectionError(f"unknown level {token!r}; use 1-8 or {', '.join(LEVELS.values())}") from None
        if not (1 <= first <= last <= 8):
            raise SelectionError(f"level {token!r} is out of range; levels are 1 to 8")
        chosen.update(range(first, last + 1))
    return frozenset(chosen)


def _codes_for(token: str) -> set[str]:
    if token in LEVEL_NUMBERS:
        return {c for c, (level, _, _) in CODES.items() if level == LEVEL_NUMBERS[token]}
    names = {c for c, (_, name, _) in CODES.items() if name == token}
    if names:
        return names
    prefix = token.upper()
    matched = {c for c in CODES if c.startswith(prefix)} if prefix.startswith("E") else set()
    if not matched:
        raise SelectionError(f"unknown code or check {token!r}; see 'turkey-russia-data codes'")
    return matched


@dataclass(frozen=True)
class Selection:
    levels: frozenset[int] = frozenset(LEVELS)
    codes: frozenset[str] = field(default_factory=lambda: frozenset(CODES))

    def reports(self, code: str) -> bool:
        return code in self.codes and CODES[code][0] in self.levels

    def runs(self, level: int) -> bool:
        """A level runs when it is chosen and at least one of its codes is reported."""
        return level in self.levels and any(CODES[c][0] == level for c in self.codes)


def selection(
    levels: str | Iterable[str | int] | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> Selection:
    chosen = set(CODES)
    picked = _tokens(select)
    if picked:
        chosen = set().union(*(_codes_for(t) for t in picked))
    for token in _tokens(ignore):
        chosen -= _codes_for(token)
    return Selection(parse_levels(levels), frozenset(chosen))
