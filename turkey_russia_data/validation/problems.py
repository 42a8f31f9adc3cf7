"""What the validator finds: problems with stable codes, and the report that holds them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import UnusableInputError

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
    "E123": (1, "unsorted", "rows are not sorted by primary key"),
    "E124": (1, "hash-mismatch", "the file's hash (md5, sha1, sha256 or sha512) or size differs from datapackage.json"),
    "E125": (1, "file-too-large", "a file is far larger than declared or than the size limit; it is not read"),
    "E126": (
        1,
        "role-declaration",
        "a schema's role declaration (x-kind, x-fact-key, x-figures, x-dates, x-compared, x-bounds) is malformed",
    ),
    "E201": (2, "uncited", "a fact row has no supporting citation"),
    "E202": (2, "citation-target", "a citation points at a row that does not exist"),
    "E301": (3, "quote-not-found", "a quote does not occur in its source text"),
    "E302": (3, "text-missing", "no text file with the source's SHA-256 was found"),
    "E401": (4, "no-value-quote", "no supporting quote carries what the row states (only date or context quotes)"),
    "E402": (4, "figure-not-quoted", "the figure as printed is not in a quote that carries the value"),
    "E403": (4, "value-mismatch", "the figure as printed does not read as the row's value, and no erratum says why"),
    "E404": (4, "qualifier-mismatch", "the words around the figure (almost, more than, ...) contradict the qualifier"),
    "E405": (
        4,
        "unit-mismatch",
        "the unit the figure as printed implies ($, EUR, %, tons, m3/a, km, ordinal, -fold) contradicts the unit",
    ),
    "E501": (
        5,
        "date-not-stated",
        "a date marked 'stated' is not stated, at its precision, in a quote that carries it",
    ),
    "E502": (5, "no-date-quote", "a date marked 'stated' has no supporting quote that carries a date"),
    "E601": (6, "share-bounds", "a share lies outside 0-100 percent"),
    "E602": (6, "shares-over-100", "shares of one whole add up to more than 100 percent"),
    "E603": (6, "parts-vs-total", "parts do not add up to their total, or a part exceeds it"),
    "E604": (6, "delivery-before-deal", "a delivery is dated before the deal"),
    "E605": (6, "deal-event-dates", "a deal and the event that records it do not agree in time"),
    "E701": (
        7,
        "implausible-magnitude",
        "a value outside the plausible bounds for its unit and metric, with no erratum",
    ),
    "E702": (7, "after-publication", "a fact dated after every source that states it was published"),
    "E801": (8, "unexplained-disagreement", "two rows state the same fact differently and neither says why"),
    "E802": (8, "unexplained-refutation", "a row refuted by a citation does not say why it is kept"),
}
# Codes once used and never to be reused for another meaning.
RETIRED_CODES = {"E122": "moved to level 2 as E202 in 0.2.0"}


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
        return {"level": self.level, "level_name": LEVELS[self.level], "name": self.name, **asdict(self)}


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


class PackageError(UnusableInputError, ValueError):
    """The input cannot be validated at all (no usable descriptor). CLI exit code 2."""
