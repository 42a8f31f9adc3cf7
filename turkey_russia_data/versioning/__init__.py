"""Versions of the data: release records, row-level diffs and the release check.

>>> import turkey_russia_data as trd
>>> d = trd.diff("0.2.0", "1.0.0")  # two recorded releases, or package folders
>>> d.required
'major'
"""

from __future__ import annotations

from pathlib import Path

from .changes import Diff, Reason, RowChange, TableDiff, compare
from .check import CODES, ReleaseProblem, check
from .record import open_version, recorded_versions
from .render import as_dict, as_json, as_markdown, as_text
from .snapshot import Snapshot, SnapshotError

__all__ = [
    "CODES",
    "Diff",
    "Reason",
    "ReleaseProblem",
    "RowChange",
    "Snapshot",
    "SnapshotError",
    "TableDiff",
    "as_dict",
    "as_json",
    "as_markdown",
    "as_text",
    "check",
    "compare",
    "diff",
    "open_version",
    "recorded_versions",
]


def diff(old: str | Path, new: str | Path | None = None) -> Diff:
    """What changed from ``old`` to ``new``, row by row and field by field.

    Each side is a package folder, a ``datapackage.json``, a release record file
    (``releases/1.0.0.json``) or a recorded version number (``"1.0.0"``). ``new``
    defaults to the installed package.
    """
    from ..paths import descriptor_path

    return compare(open_version(old), open_version(new if new is not None else descriptor_path()))
