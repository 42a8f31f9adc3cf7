"""What the validator finds: problems with stable codes, and the report that holds them.

The problem record itself is ``turkey_russia_data.problem.Problem``, shared with the reader
and the release check; the E codes' levels and names are looked up here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import PackageError as PackageError  # re-exported: validation raises it too
from ..problem import CodeInfo, describe_codes
from ..problem import Problem as Problem  # re-exported: the checks import it from here
from .registry import CODES as CODES

LEVELS = {
    1: "structure",
    2: "evidence",
    3: "quotes",
    4: "values",
    5: "dates",
    6: "coherence",
    7: "plausibility",
    8: "conflicts",
}
LEVEL_NUMBERS = {name: number for number, name in LEVELS.items()}

# code -> (level, short name, what it means), made from the checks' own declarations
# (validation.registry); filled once the validation package is imported.
# Codes once used and never to be reused for another meaning.
RETIRED_CODES = {"E122": "moved to level 2 as E202 in 0.2.0"}


@describe_codes
def _code_info(code: str) -> CodeInfo | None:
    if code not in CODES:
        return None
    level, name, _ = CODES[code]
    return CodeInfo(level, LEVELS[level], name)


@dataclass
class TableSummary:
    file: str = ""
    rows: int = 0
    problems: int = 0
    # level name -> problems found at that level in this table
    by_level: dict[str, int] = field(default_factory=dict)


REPORT_SCHEMA = "turkey-russia-data/validation-report/1"


@dataclass
class Report:
    """The outcome of a validation run. ``as_dict`` is the JSON form, documented in
    docs/validation-report.schema.json and stable within a major version."""

    package: str
    problems: list[Problem] = field(default_factory=list)
    tables: dict[str, TableSummary] = field(default_factory=dict)
    # level name -> "ok" | "failed" | "not verified" | "not run"
    levels: dict[str, str] = field(default_factory=dict)
    sources: str | None = None
    # problems found but silenced by --ignore / --select
    silenced: int = 0
    # level name -> what the level could not check, e.g. "trade_flows: no figure roles declared"
    notes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def by_code(self, code: str) -> list[Problem]:
        return [p for p in self.problems if p.code == code]

    def as_dict(self) -> dict[str, Any]:
        from .._version import __version__

        counts: dict[str, int] = {}
        for p in self.problems:
            counts[p.code] = counts.get(p.code, 0) + 1
        return {
            "schema": REPORT_SCHEMA,
            "validator": f"turkey-russia-data {__version__}",
            "valid": self.valid,
            "package": self.package,
            "sources": self.sources,
            "levels": [
                {
                    "level": LEVEL_NUMBERS[name],
                    "name": name,
                    "status": status,
                    "problems": sum(1 for p in self.problems if LEVELS[p.level] == name),
                    "notes": list(self.notes.get(name, [])),
                }
                for name, status in self.levels.items()
            ],
            "tables": [
                {"name": name, "file": t.file, "rows": t.rows, "problems": t.problems, "by_level": dict(t.by_level)}
                for name, t in self.tables.items()
            ],
            "counts": dict(sorted(counts.items())),
            "silenced": self.silenced,
            "problems": [p.as_dict() for p in self.problems],
        }
