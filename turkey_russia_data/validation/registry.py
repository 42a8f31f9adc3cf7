"""Checks registered where they are written.

Each check declares, beside its function, its level, what it is called with (its
scope) and every code it can raise, with the code's name and meaning::

    @check(4, FACT_TABLE,
           Code("E403", "value-mismatch", "the figure as printed does not read as the row's value"))
    def check_table_values(name, tables): ...

The level runner (``validation.validate``) calls the registered checks in level order;
``CODES``, the ``codes`` command and the code table of docs/validation.md are made from
the registry, so a new check is one function and one declaration. Codes are stable:
never reuse one (``problems.RETIRED_CODES`` lists the retired).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

# What a check is called with:
# - "read": nothing; the codes are raised while the package is read, before any check
# - "table": (table) for every table
# - "table in package": (table, tables) for every table
# - "tables": (tables) once
# - "fact table": (name, tables) for every fact table (x-kind "fact")
# - "texts": (tables, folder) once, when a folder of source texts is given
# - "facts": (facts) once, with the fact rows and their citations (validation.facts)
# - "fact row": (fact, facts) for each distinct fact row, for a check that reads one row at
#   a time: each problem it finds is repeated for every row that fact stands for, with
#   the row's line and id (``Facts.each_row``)
Scope = Literal["read", "table", "table in package", "tables", "fact table", "texts", "facts", "fact row"]
READ: Scope = "read"
TABLE: Scope = "table"
TABLE_IN_PACKAGE: Scope = "table in package"
TABLES: Scope = "tables"
FACT_TABLE: Scope = "fact table"
TEXTS: Scope = "texts"
FACTS: Scope = "facts"
FACT_ROW: Scope = "fact row"


@dataclass(frozen=True)
class Code:
    """One kind of problem: its stable code, short name and meaning."""

    code: str
    name: str
    meaning: str


@dataclass(frozen=True)
class Check:
    level: int
    scope: Scope
    codes: tuple[Code, ...]
    run: Callable[..., Any]

    @property
    def name(self) -> str:
        return f"{self.run.__module__}.{self.run.__qualname__}"


CHECKS: list[Check] = []
# code -> (level, name, meaning), in level and code order; filled as checks register.
CODES: dict[str, tuple[int, str, str]] = {}

_F = TypeVar("_F", bound=Callable[..., Any])


def check(level: int, scope: Scope, *codes: Code) -> Callable[[_F], _F]:
    """Register the decorated function as a check at ``level`` raising ``codes``."""
    if not codes:
        raise ValueError("a check declares the codes it raises")

    def register(function: _F) -> _F:
        for c in codes:
            if c.code in CODES and CODES[c.code] != (level, c.name, c.meaning):
                raise ValueError(f"{c.code} is declared twice, differently")
        CHECKS.append(Check(level, scope, codes, function))
        CHECKS.sort(key=lambda k: k.level)  # stable: registration order within a level
        merged = {**CODES, **{c.code: (level, c.name, c.meaning) for c in codes}}
        CODES.clear()
        CODES.update(sorted(merged.items(), key=lambda item: (item[1][0], item[0])))
        return function

    return register


def checks_at(level: int, *scopes: Scope) -> list[Check]:
    """The registered checks of a level (of these scopes), in registration order."""
    return [k for k in CHECKS if k.level == level and (not scopes or k.scope in scopes)]
