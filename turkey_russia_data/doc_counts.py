"""The numbers README.md and DATASHEET.md state about the data, kept current: the rows
of each table (a Markdown table row `` | `events` | 176 | ... ``), the tables and rows an
example export reports (``export of 9 tables (1,594 rows)``) and the data version the
datasheet describes. ``turkey-russia-data release`` rewrites them with every release.

    python -m turkey_russia_data.doc_counts [--root .] (--write | --check)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import generated
from .jsontext import parse_json
from .reading import package_records

DOCUMENTS = (Path("README.md"), Path("DATASHEET.md"))
_TABLE_ROW = re.compile(r"^(\| `(\w+)` \| )(\d[\d,]*)( \|)", re.M)
_DESCRIBES = re.compile(r"(describes data version )(\d+\.\d+\.\d+)")
_EXPORTED = re.compile(r"(export of )\d+( tables \()[\d,]+( rows\))")


def row_counts(root: Path) -> dict[str, int]:
    """Rows per table of the package at ``root``, as its descriptor lists the tables."""
    return {name: len(rows) for name, rows in package_records(root).rows.items()}


def rewrite(text: str, counts: dict[str, int], version: str) -> str:
    """``text`` with each table's row count and the described version brought up to date."""

    def count(m: re.Match[str]) -> str:
        rows = counts.get(m.group(2))
        return m.group(0) if rows is None else f"{m.group(1)}{rows}{m.group(4)}"

    text = _DESCRIBES.sub(lambda m: m.group(1) + version, _TABLE_ROW.sub(count, text))
    return _EXPORTED.sub(lambda m: f"{m.group(1)}{len(counts)}{m.group(2)}{sum(counts.values()):,}{m.group(3)}", text)


def files(root: Path) -> dict[Path, str]:
    """The documents at ``root`` that state the numbers (those it has), rewritten."""
    descriptor = parse_json((root / "datapackage.json").read_text(encoding="utf-8"))
    counts, version = row_counts(root), str(descriptor.get("version", ""))
    return {
        root / doc: rewrite((root / doc).read_text(encoding="utf-8"), counts, version)
        for doc in DOCUMENTS
        if (root / doc).is_file()
    }


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(
        "turkey_russia_data.doc_counts",
        __doc__,
        write="rewrite the row counts and version in README.md and DATASHEET.md",
        check="exit 1 if they are out of date",
    )
    args = parser.parse_args(argv)
    return generated.finish(files(args.root), args, "turkey_russia_data.doc_counts")


if __name__ == "__main__":
    sys.exit(main())
