"""Table Schema ``pattern`` constraints, decided by RE2.

A pattern comes with the package, so it is untrusted input: Python's backtracking ``re``
can take exponential time on a pattern such as ``^(a+)+$``. RE2 decides every match in
time linear in the cell, and refuses what it cannot decide that way (lookarounds,
backreferences, patterns whose automaton is too large). A refused pattern makes the
schema unusable (a located E101 problem); it is never handed to ``re`` instead.

A value matches when the whole of it matches (Table Schema patterns are implicitly
anchored), as ``re.fullmatch`` did before. In RE2, ``\\d``, ``\\w`` and ``\\s`` are ASCII
classes.
"""

from __future__ import annotations

from typing import Any

import re2

MAX_PATTERN_CHARS = 10_000

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the reason is reported as a problem, not written to stderr


def compile_pattern(pattern: Any) -> tuple[Any | None, str | None]:
    """A compiled pattern (``.fullmatch(value)``, ``.pattern``), or None and why not."""
    if not isinstance(pattern, str):
        return None, f"pattern {pattern!r} is not a string"
    if len(pattern) > MAX_PATTERN_CHARS:
        return None, f"pattern of {len(pattern)} characters is longer than the limit of {MAX_PATTERN_CHARS}"
    try:
        return re2.compile(pattern, _OPTIONS), None
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        why = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        return None, (
            f"pattern {pattern!r} is not a regular expression RE2 decides in linear time ({why}); "
            "lookarounds and backreferences are not supported"
        )
