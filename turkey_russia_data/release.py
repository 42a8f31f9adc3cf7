"""Record a release and check the versioning of the data.

``python -m turkey_russia_data.release --check`` exits 1 when the tables differ from the
latest release record without a large enough version bump, when a released id is
missing without a recorded retirement, or when an id is reused (codes R101-R109, see
``turkey_russia_data.versioning.check``). ``--write`` records the current version in
``releases/<version>.json`` and then checks. Exit codes: 0 sound, 1 problems, 2 unusable
input.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import generated
from ._version import CREATED
from .errors import UnusableInputError
from .problem import problem_line
from .versioning.check import check
from .versioning.record import record_of, record_path, render
from .versioning.snapshot import package_snapshot, read_record


def record_file(root: Path, released: str | None = None) -> tuple[Path, str]:
    """The release record of the package at ``root``: its path and exact text. The
    release date is ``released``, else the one already recorded, else the date the
    version was created (``_version.CREATED``, also datapackage.json "created")."""
    snapshot = package_snapshot(root)
    path = record_path(root, snapshot.version)
    if released is None and path.is_file():
        released = read_record(path).get("released")
    created = str(snapshot.metadata.get("created") or CREATED)
    return path, render(record_of(snapshot, released or created[:10]))


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = generated.command_line(
        "turkey_russia_data.release",
        __doc__,
        write="record the current version, then check",
        check="check the versioning; exit 1 on problems",
    )
    parser.add_argument("--date", type=_date, help="release date for --write (default: recorded, else created)")
    args = parser.parse_args(argv)
    try:
        if args.write:
            path, text = record_file(args.root, args.date)
            generated.write({path: text})
            print(f"recorded {path}")
        problems = check(args.root)
    except UnusableInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for p in problems:
        print(problem_line(p))
    print(f"{len(problems)} versioning problems" if problems else "versioning: ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
