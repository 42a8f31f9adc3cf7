"""A located problem: what is wrong, in which file, line, row, column; what was expected
and what was found. The reader, the validator and the release check all report these.

A problem's code is its identity. What a code means (its level and short name) is kept
by the module that owns the code, which registers a lookup here with
``describe_codes``: validation/problems.py for the E codes, versioning/check.py for the
R codes. So this record depends on no table of codes, and a new owner of codes adds its
own lookup rather than a subclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class CodeInfo:
    """What a code means: its level (0 for codes outside the validator's levels), the
    level's name and the code's short name."""

    level: int
    level_name: str
    name: str


CodeLookup = Callable[[str], CodeInfo | None]
_LOOKUPS: list[CodeLookup] = []


def describe_codes(lookup: CodeLookup) -> CodeLookup:
    """Register a lookup from code to ``CodeInfo`` (None for codes it does not own)."""
    if lookup not in _LOOKUPS:
        _LOOKUPS.append(lookup)
    return lookup


def code_info(code: str) -> CodeInfo:
    for lookup in _LOOKUPS:
        info = lookup(code)
        if info is not None:
            return info
    raise KeyError(f"unknown problem code {code!r}: no registered lookup describes it (see describe_codes)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as possible."""

    code: str
    file: str
    message: str
    line: int | None = None
    row_id: str | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None

    @property
    def level(self) -> int:
        return code_info(self.code).level

    @property
    def name(self) -> str:
        return code_info(self.code).name

    def as_dict(self) -> dict[str, Any]:
        info = code_info(self.code)
        return {"level": info.level, "level_name": info.level_name, "name": info.name, **asdict(self)}


def problem_line(p: Problem) -> str:
    """One line a user can act on: ``file:line: CODE name, row R, column C: message (expected E; found F)``."""
    where = f"{p.file}:{p.line}" if p.line is not None else p.file
    parts = [f"{where}: {p.code} {p.name}"]
    table = getattr(p, "table", None)  # release problems name the table; a table file says it already
    if table:
        parts.append(f"table {table}")
    if p.row_id:
        parts.append(f"row {p.row_id}")
    if p.column:
        parts.append(f"column {p.column}")
    text = ", ".join(parts) + f": {p.message}"
    detail = [f"{k} {v}" for k, v in (("expected", p.expected), ("found", p.found)) if v is not None]
    if detail:
        text += f" ({'; '.join(detail)})"
    return text
