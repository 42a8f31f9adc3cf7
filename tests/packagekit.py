"""Helpers for tests that change a scratch copy of the data package."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path


def rehash(pkg: Path) -> None:
    """Refresh hashes and sizes (as ``descriptor --write`` would) so that a test sees
    only the fault it injected."""
    descriptor = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        path = pkg / str(resource.get("path", ""))
        if isinstance(resource.get("path"), str) and path.is_file() and path.resolve().is_relative_to(pkg.resolve()):
            resource["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            resource["bytes"] = path.stat().st_size
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))


def write_rows(path: Path, table: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def records(path: Path) -> list[dict[str, str]]:
    data = rows(path)
    return [dict(zip(data[0], r, strict=False)) for r in data[1:]]
