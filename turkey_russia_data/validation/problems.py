"""What the validator finds: problems with stable codes, and the report that holds them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LEVELS = {
    1: "structure",
    2: "evidence",
    3: "quotes",
}

# code -> (level, short name, what it means). Codes are stable: never reuse one.
CODES: dict[str, tuple[int, str, str]] = {
    "E101": (1, "resource-error", "a resource cannot be read: missing, unsafe or remote path, missing schema"),
    "E102": (1, "encoding-error", "the file is not valid UTF-8"),
    "E103": (1, "bom", "the file starts with a byte-order mark"),
    "E104": (1, "line-ending", "the file uses CR or CRLF line endings instead of LF"),
    "E105": (1, "malformed-csv", "the file is not parseable CSV (unclosed quote, NUL byte, empty file)"),
    "E106": (1, "header-mismatch", "the header row differs from the schema's field names"),
    "E107": (1, "ragged-row", "a row has more or fewer cells than the header"),
    "E110": (1, "type-error", "a cell is not of the field's type"),
    "E111": (1, "required", "a required cell is empty"),
    "E112": (1, "enum", "a cell is not one of the allowed values"),
    "E113": (1, "pattern", "a cell does not match the field's pattern"),
    "E114": (1, "invalid-date", "a date matches the pattern but is not a real date or interval"),
    "E115": (1, "constraint", "a cell breaks a minimum, maximum or length constraint"),
    "E116": (1, "co-required", "a cell is filled but a cell it requires is empty"),
    "E120": (1, "duplicate-key", "two rows share a primary key"),
    "E121": (1, "foreign-key", "a code does not exist in the table it refers to"),
    "E122": (1, "citation-target", "a citation points at a row that does not exist"),
    "E123": (1, "unsorted", "rows are not sorted by primary key"),
    "E124": (1, "hash-mismatch", "the file's SHA-256 or size differs from datapackage.json"),
    "E201": (2, "uncited", "a fact row has no supporting citation"),
    "E301": (3, "quote-not-found", "a quote does not occur in its source text"),
    "E302": (3, "text-missing", "no text file with the source's SHA-256 was found"),
}


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
        return CODES[self.code][0]

    @property
    def name(self) -> str:
        return CODES[self.code][1]

    def as_dict(self) -> dict[str, Any]:
        return {"level": LEVELS[self.level], "name": self.name, **asdict(self)}


@dataclass
class TableSummary:
    rows: int = 0
    problems: int = 0


@dataclass
class Report:
    """The outcome of a validation run."""

    package: str
    problems: list[Problem] = field(default_factory=list)
    tables: dict[str, TableSummary] = field(default_factory=dict)
    # level name -> "ok" | "failed" | "not verified" | "not run"
    levels: dict[str, str] = field(default_factory=dict)

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
        return {
            "valid": self.valid,
            "package": self.package,
            "levels": dict(self.levels),
            "tables": {k: asdict(v) for k, v in self.tables.items()},
            "problems": [p.as_dict() for p in self.problems],
        }


class PackageError(ValueError):
    """The input cannot be validated at all (no usable descriptor). CLI exit code 2."""
