"""Table Schema ``pattern`` constraints, decided by RE2.

A pattern comes with the package, so it is untrusted input: Python's backtracking ``re``
can take exponential time on a pattern such as ``^(a+)+$``. RE2 decides every match in
time linear in the cell, and refuses what it cannot decide that way (lookarounds,
backreferences, patterns whose automaton is too large). A refused pattern makes the
schema unusable (a located E101 problem); it is never handed to ``re`` instead.

A value matches when the whole of it matches (Table Schema patterns are implicitly
anchored), as ``re.fullmatch`` did before. ``\\d``, ``\\w`` and ``\\s`` (and their
negations, outside a character class) keep the Unicode meaning they have in Python: RE2
reads them as ASCII classes, so they are rewritten into the Unicode classes first.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import re2

MAX_PATTERN_CHARS = 10_000

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the reason is reported as a problem, not written to stderr


# Python's \s: the characters for which str.isspace() is true.
_SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_WORD = r"\p{L}\p{N}_"
_OUTSIDE = {
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
}
_INSIDE = {"d": r"\p{Nd}", "s": _SPACE, "w": _WORD}  # \D, \S, \W in a class stay ASCII


def unicode_classes(pattern: str) -> str:
    """The pattern with Python's Unicode meaning of ``\\d``, ``\\w``, ``\\s`` spelled out for RE2."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(nxt, ch + nxt))
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            # A ']' first in a class (after an optional '^') is a literal.
            for literal in ("^", "]"):
                if pattern.startswith(literal, i + 1):
                    out.append(literal)
                    i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def compile_pattern(pattern: Any) -> tuple[Any | None, str | None]:
    """A compiled pattern (``.fullmatch(value)``; ``.pattern`` is the text RE2 reads, with
    ``unicode_classes`` applied), or None and why not."""
    if not isinstance(pattern, str):
        return None, f"pattern {pattern!r} is not a string"
    return _compiled(pattern)


@lru_cache(maxsize=1024)
def _compiled(pattern: str) -> tuple[Any | None, str | None]:
    """Cached: a package's few patterns are compiled once per process, not once per cell
    kind and table (compiled RE2 patterns are immutable)."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return None, f"pattern of {len(pattern)} characters is longer than the limit of {MAX_PATTERN_CHARS}"
    try:
        return re2.compile(unicode_classes(pattern), _OPTIONS), None
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        why = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        return None, (
            f"pattern {pattern!r} is not a regular expression RE2 decides in linear time ({why}); "
            "lookarounds and backreferences are not supported"
        )
