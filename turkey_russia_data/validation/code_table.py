"""Generate the code tables of docs/validation.md from the registered checks.

Run ``python -m turkey_russia_data.validation.code_table --write`` after adding or
changing a check's declaration (validation.registry); ``--check`` exits 1 while the
document is out of date. Each level's table sits between ``<!-- codes: level N -->``
and ``<!-- /codes -->``; the text around them is written by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .. import generated
from . import CODES

DOCUMENT = Path("docs") / "validation.md"
_BLOCK = re.compile(r"(<!-- codes: level (\d) -->\n).*?(<!-- /codes -->)", re.S)


def table(level: int) -> str:
    rows = [f"| {code} | {name} | {meaning} |" for code, (lvl, name, meaning) in CODES.items() if lvl == level]
    return "\n".join(["| code | name | meaning |", "|---|---|---|", *rows]) + "\n"


def render(text: str) -> str:
    """The document with every level's code table regenerated."""
    return _BLOCK.sub(lambda m: m.group(1) + table(int(m.group(2))) + m.group(3), text)


def generated_files(root: Path) -> dict[Path, str]:
    path = root / DOCUMENT
    return {path: render(path.read_text(encoding="utf-8"))}


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(
        "turkey_russia_data.validation.code_table",
        __doc__,
        write="rewrite the code tables of docs/validation.md",
        check="exit 1 if they are out of date",
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / DOCUMENT).is_file():
        print(f"error: {root / DOCUMENT} not found; pass --root", file=sys.stderr)
        return 2
    return generated.finish(generated_files(root), args, "turkey_russia_data.validation.code_table")


if __name__ == "__main__":
    sys.exit(main())
