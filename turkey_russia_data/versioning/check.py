"""The release check: the tables may only differ from the latest release record under a
new version number that is bumped enough for the changes; released ids never disappear
without a recorded retirement, and are never used again for another fact.

Codes (stable, never reused):

- R101 not-bumped: the data differs from the release record of its own version
- R102 bump-too-small: the version is bumped less than the changes require
- R103 version-backwards: the version is lower than the latest release
- R104 row-disappeared: a released id is missing and not in releases/retired.csv
- R105 id-reused: a retired id is in the data again
- R106 fact-changed: a released id now holds a different fact (a fact-key column changed)
- R107 record-invalid: a release record does not match its own name or content
- R108 retired-list-invalid: releases/retired.csv has a bad or withdrawn entry
- R109 not-recorded: the data's version has no release record
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..problem import CodeInfo, Problem, describe_codes
from . import semver
from .changes import Reason, compare, ranked
from .record import RELEASES_DIR, record_path, recorded_versions
from .snapshot import RETIRED_FILE, Snapshot, SnapshotError, package_snapshot, read_record, record_snapshot, row_sha256

CODES: dict[str, tuple[str, str]] = {
    "R101": ("not-bumped", "the data differs from the release record of its own version"),
    "R102": ("bump-too-small", "the version is bumped less than the changes require"),
    "R103": ("version-backwards", "the version is lower than the latest release"),
    "R104": ("row-disappeared", "a released id is missing and its retirement is not recorded"),
    "R105": ("id-reused", "a retired id is in the data again"),
    "R106": ("fact-changed", "a released id now holds a different fact (a fact-key column changed)"),
    "R107": ("record-invalid", "a release record does not match its own name or content"),
    "R108": ("retired-list-invalid", "releases/retired.csv has a bad or withdrawn entry"),
    "R109": ("not-recorded", "the data's version has no release record"),
}
_SHOWN = 5
# The fix for a version that is not bumped, bumped too little or not recorded.
RELEASE_COMMAND = "turkey-russia-data release"  # reasons listed per problem before "and N more"


@describe_codes
def _code_info(code: str) -> CodeInfo | None:
    # Level 0: not a validation level; the release check stands apart.
    return CodeInfo(0, "release", CODES[code][0]) if code in CODES else None


@dataclass(frozen=True)
class ReleaseProblem(Problem):
    """A versioning problem, located like a validation problem, plus the table it is in
    (release records and the retirement list hold every table)."""

    table: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, **asdict(self)}


def check(root: str | Path, *, version: str | None = None) -> list[ReleaseProblem]:
    """Check the data package at ``root`` (with its ``releases/`` folder) against its
    release history. An empty list means the versioning is sound. ``version`` checks the
    data as if it had that version (what a release is about to give it)."""
    root = Path(root)
    problems: list[ReleaseProblem] = []
    current = package_snapshot(root)
    if version is not None:
        current = dataclasses.replace(current, version=version)
    history, recorded = _history(root)
    problems.extend(recorded)

    descriptor = "datapackage.json"
    latest = history[-1] if history else None
    unreleased = latest is None or semver.parse(current.version) > semver.parse(latest.version)
    problems.extend(_ids([*history, current] if unreleased else history, root))
    if latest is not None and semver.parse(current.version) < semver.parse(latest.version):
        problems.append(
            ReleaseProblem(
                "R103",
                descriptor,
                f"the version is lower than the latest release: run {RELEASE_COMMAND}",
                column="version",
                expected=f">= {latest.version}",
                found=current.version,
            )
        )
    elif latest is not None and current.version == latest.version:
        diff = compare(latest, current)
        if not diff.empty:
            problems.append(
                ReleaseProblem(
                    "R101",
                    descriptor,
                    f"the data differs from release {latest.version} ({_listed(diff.reasons)}) but the version was not "
                    f"bumped: run {RELEASE_COMMAND} (a {diff.required} bump, to "
                    f"{semver.next_version(latest.version, diff.required)})",
                    column="version",
                    expected=semver.next_version(latest.version, diff.required),
                    found=current.version,
                )
            )
    else:
        if latest is not None:
            problems.extend(_step(latest, current, descriptor))
        problems.append(
            ReleaseProblem(
                "R109",
                descriptor,
                f"version {current.version} has no release record {RELEASES_DIR}/{current.version}.json: "
                f"run {RELEASE_COMMAND}",
                column="version",
                found=current.version,
            )
        )
    problems.extend(_retired_list(current, history, root))
    return problems


# Release records do not change once written, and a process that checks many copies of a
# package (a test run; `release`, then `release --check`) meets the same records again:
# their reading, integrity and steps are worked out once per content.
_HISTORIES: dict[tuple[tuple[str, str, str], ...], tuple[list[Snapshot], list[ReleaseProblem]]] = {}


def _history(root: Path) -> tuple[list[Snapshot], list[ReleaseProblem]]:
    """The release records, oldest first, and what is wrong with them and their steps."""
    key = []
    for version in recorded_versions(root):
        path = record_path(root, version)
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        key.append((version, _rel(path, root), digest))
    found = _HISTORIES.get(tuple(key))
    if found is None:
        found = _read_history(root)
        if len(_HISTORIES) >= 8:
            _HISTORIES.clear()
        # A record that cannot be read is reported with its full path, which names this
        # copy of the package: such a history is not shared with another copy.
        if all(digest for _, _, digest in key) and len(found[0]) == len(key):
            _HISTORIES[tuple(key)] = found
    history, problems = found
    return [dataclasses.replace(s, origin=record_path(root, s.version)) for s in history], list(problems)


def _read_history(root: Path) -> tuple[list[Snapshot], list[ReleaseProblem]]:
    problems: list[ReleaseProblem] = []
    history: list[Snapshot] = []
    for version in recorded_versions(root):
        path = record_path(root, version)
        try:
            raw = read_record(path)
            record = record_snapshot(path, label=version, record=raw)
        except SnapshotError as exc:
            problems.append(ReleaseProblem("R107", _rel(path, root), str(exc)))
            continue
        problems.extend(_record_integrity(record, raw, path, root))
        history.append(record)
    for earlier, later in itertools.pairwise(history):
        problems.extend(_step(earlier, later, _rel(record_path(root, later.version), root)))
    return history, problems


def _listed(reasons: list[Reason]) -> str:
    """The reasons for a bump, largest first, the first few of them."""
    order = ranked(reasons)
    shown = "; ".join(str(r) for r in order[:_SHOWN])
    return shown + (f" and {len(order) - _SHOWN} more" if len(order) > _SHOWN else "")


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _record_integrity(record: Snapshot, raw: dict[str, Any], path: Path, root: Path) -> list[ReleaseProblem]:
    file = _rel(path, root)
    out = []
    if record.version != path.stem:
        out.append(
            ReleaseProblem(
                "R107",
                file,
                "the record's version differs from its file name",
                column="version",
                expected=path.stem,
                found=record.version,
            )
        )
    for name, table in record.tables.items():
        stored = raw["tables"][name]
        if stored.get("rows") != len(table.rows):
            out.append(
                ReleaseProblem(
                    "R107",
                    file,
                    "row count differs from the rows recorded",
                    table=name,
                    column="rows",
                    expected=str(len(table.rows)),
                    found=str(stored.get("rows")),
                )
            )
        hashes = stored.get("row_sha256", {})
        for row_id, values in table.rows.items():
            if len(values) != len(table.fields):
                out.append(
                    ReleaseProblem(
                        "R107", file, f"{len(values)} values for {len(table.fields)} fields", table=name, row_id=row_id
                    )
                )
            elif hashes.get(row_id) != row_sha256(table.fields, values):
                out.append(
                    ReleaseProblem(
                        "R107",
                        file,
                        "row hash differs from the row's recorded values",
                        table=name,
                        row_id=row_id,
                        column="row_sha256",
                        expected=row_sha256(table.fields, values),
                        found=hashes.get(row_id),
                    )
                )
        for row_id in set(hashes) - set(table.rows):
            out.append(ReleaseProblem("R107", file, "a row hash without recorded values", table=name, row_id=row_id))
    return out


def _step(earlier: Snapshot, later: Snapshot, file: str) -> list[ReleaseProblem]:
    """A release (or the data about to be released) against the release before it."""
    if semver.parse(later.version) <= semver.parse(earlier.version):
        return [
            ReleaseProblem(
                "R103",
                file,
                f"versions must increase from release {earlier.version}",
                column="version",
                expected=f"> {earlier.version}",
                found=later.version,
            )
        ]
    diff = compare(earlier, later)
    if semver.covers(earlier.version, later.version, diff.required):
        return []
    needed = [r for r in diff.reasons if r.bump == diff.required]
    made = semver.bump_between(earlier.version, later.version)
    return [
        ReleaseProblem(
            "R102",
            file,
            f"{earlier.version} -> {later.version} is a {made} bump, but the changes need "
            f"{diff.required}: {_listed(needed)}" + (f"; run {RELEASE_COMMAND}" if later.kind == "package" else ""),
            column="version",
            expected=semver.next_version(earlier.version, diff.required),
            found=later.version,
        )
    ]


def _ids(chain: list[Snapshot], root: Path) -> list[ReleaseProblem]:
    """Ids along the releases, oldest first: never lost without a retirement, never reused."""
    out: list[ReleaseProblem] = []
    # (table, id) -> the last version that had it, and its fields and values there
    seen: dict[tuple[str, str], tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for snap in chain:
        file = "datapackage.json" if snap.kind == "package" else _rel(record_path(root, snap.version), root)
        retired = {(r.table, r.row_id) for r in snap.retired}
        for (table, row_id), (version, fields, values) in seen.items():
            present = table in snap.tables and row_id in snap.tables[table].rows
            if not present and (table, row_id) not in retired:
                out.append(
                    ReleaseProblem(
                        "R104",
                        file,
                        f"released in {version} but missing from {snap.version}, and not in "
                        f"{RELEASES_DIR}/{RETIRED_FILE}: restore the row or record its retirement",
                        table=table,
                        row_id=row_id,
                    )
                )
            elif present:
                # the fact key as declared now: the current rules apply to the whole history
                now_table = snap.tables[table]
                now_values = now_table.rows[row_id]
                for column in now_table.identity:
                    was, now = _cell(fields, values, column), _cell(now_table.fields, now_values, column)
                    if was != now:
                        out.append(
                            ReleaseProblem(
                                "R106",
                                file,
                                f"the id holds a different fact than in {version}: a change of {column!r} needs a new "
                                f"id (retire {row_id} and add the corrected row under a new one)",
                                table=table,
                                row_id=row_id,
                                column=column,
                                expected=was,
                                found=now,
                            )
                        )
        for r in snap.retired:
            if r.table in snap.tables and r.row_id in snap.tables[r.table].rows:
                out.append(
                    ReleaseProblem(
                        "R105",
                        file,
                        f"retired in {r.retired_in or '?'} ({r.reason}); ids are never used again",
                        table=r.table,
                        row_id=r.row_id,
                    )
                )
        for name, snapshot_table in snap.tables.items():
            for row_id, row in snapshot_table.rows.items():
                seen[(name, row_id)] = (snap.version, snapshot_table.fields, row)
        seen = {k: v for k, v in seen.items() if k not in retired}
    return out


def _cell(fields: tuple[str, ...], values: tuple[str, ...], column: str) -> str:
    at = _positions(fields).get(column)
    return values[at] if at is not None and at < len(values) else ""


@functools.lru_cache(maxsize=256)
def _positions(fields: tuple[str, ...]) -> dict[str, int]:
    return {name: at for at, name in enumerate(fields)}


def _retired_list(current: Snapshot, history: list[Snapshot], root: Path) -> list[ReleaseProblem]:
    file = f"{RELEASES_DIR}/{RETIRED_FILE}"
    out: list[ReleaseProblem] = []
    keys = [(r.table, r.row_id) for r in current.retired]
    for r in current.retired:
        if r.table not in current.tables:
            out.append(
                ReleaseProblem(
                    "R108", file, "unknown table", column="table", found=r.table, table=r.table, row_id=r.row_id
                )
            )
        if not semver.is_version(r.retired_in) or semver.parse(r.retired_in) > semver.parse(current.version):
            out.append(
                ReleaseProblem(
                    "R108",
                    file,
                    "retired_in must be a version no later than the data's",
                    column="retired_in",
                    expected=f"<= {current.version}",
                    found=r.retired_in,
                    table=r.table,
                    row_id=r.row_id,
                )
            )
        if not r.reason:
            out.append(
                ReleaseProblem(
                    "R108", file, "a retirement needs a reason", column="reason", table=r.table, row_id=r.row_id
                )
            )
        if keys.count((r.table, r.row_id)) > 1:
            out.append(ReleaseProblem("R108", file, "retired twice", table=r.table, row_id=r.row_id))
    withdrawn: set[tuple[str, str]] = set()
    for record in history:  # oldest first: each withdrawal is reported once, at its first record
        for r in record.retired:
            if (r.table, r.row_id) not in keys and (r.table, r.row_id) not in withdrawn:
                withdrawn.add((r.table, r.row_id))
                out.append(
                    ReleaseProblem(
                        "R108",
                        file,
                        f"retirement recorded in release {record.version} was withdrawn",
                        table=r.table,
                        row_id=r.row_id,
                    )
                )
    return out
