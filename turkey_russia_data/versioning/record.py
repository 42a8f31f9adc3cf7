"""Release records: ``releases/<version>.json``, one per released version, kept in the
repository and shipped in the wheel.

A record holds, per table, the row count, the file's SHA-256 and size, the Table Schema,
a SHA-256 per row id and the rows' values, plus the package metadata and the retired ids.
The values make two releases comparable field by field without the old files; the
hashes make any edit to a released row detectable at a glance.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from . import semver
from .snapshot import RECORD_FORMAT, Snapshot, SnapshotError, package_snapshot, read_record, record_snapshot

RELEASES_DIR = "releases"


def record_of(snapshot: Snapshot, released: str) -> dict[str, Any]:
    """The release record of a package snapshot."""
    return {
        "format": RECORD_FORMAT,
        "version": snapshot.version,
        "released": released,
        "package": snapshot.metadata,
        "tables": {
            name: {
                "path": t.path,
                "rows": len(t.rows),
                "sha256": t.sha256,
                "bytes": t.bytes,
                "schema": t.schema,
                "row_sha256": {row_id: t.row_hash(row_id) for row_id in t.rows},
                "values": {row_id: list(values) for row_id, values in t.rows.items()},
            }
            for name, t in snapshot.tables.items()
        },
        "retired": [r.as_dict() for r in snapshot.retired],
    }


def render(record: dict[str, Any]) -> str:
    """JSON with one line per row, so that a record reads (and diffs in git) row by row."""
    rows: dict[str, str] = {}

    def placeholder(values: list[str]) -> str:
        token = f"\x00{len(rows)}\x00"
        rows[token] = json.dumps(values, ensure_ascii=False)
        return token

    shaped = json.loads(json.dumps(record))
    for table in shaped["tables"].values():
        table["values"] = {row_id: placeholder(v) for row_id, v in table["values"].items()}
    text = json.dumps(shaped, ensure_ascii=False, indent=2)
    text = re.sub(r'"\\u0000(\d+)\\u0000"', lambda m: rows[f"\x00{m.group(1)}\x00"], text)
    return text + "\n"


def record_path(root: Path, version: str) -> Path:
    return root / RELEASES_DIR / f"{version}.json"


def recorded_versions(root: Path) -> list[str]:
    """Versions with a release record under ``root/releases``, oldest first."""
    folder = root / RELEASES_DIR
    found = [p.stem for p in folder.glob("*.json")] if folder.is_dir() else []
    return sorted((v for v in found if semver.is_version(v)), key=semver.parse)


def installed_releases_root() -> Path:
    from ..paths import data_root

    return data_root()


def open_version(ref: str | Path, *, releases_root: Path | None = None) -> Snapshot:
    """A version to compare: a package folder, a datapackage.json, a release record file,
    or a version number with a record under ``releases_root`` (default: the installed
    package's releases)."""
    text = str(ref)
    if semver.is_version(text) and not Path(text).exists():
        root = releases_root or installed_releases_root()
        path = record_path(root, text)
        if not path.is_file():
            known = ", ".join(recorded_versions(root)) or "none"
            raise SnapshotError(f"no release record for version {text} in {root / RELEASES_DIR} (recorded: {known})")
        return record_snapshot(path, label=text)
    path = Path(text)
    if path.is_file() and path.suffix == ".json" and path.name != "datapackage.json":
        try:
            return record_snapshot(path, record=read_record(path))
        except SnapshotError:
            pass  # not a release record: read it as a descriptor, which says what is wrong
    return package_snapshot(path)
