"""A file's bytes against the hash and size its descriptor declares."""

from __future__ import annotations

import hashlib
import mmap
from typing import Any

from ..problem import Problem


def check_hash(resource: dict[str, Any], raw: bytes | mmap.mmap, file: str, problems: list[Problem]) -> None:
    """Add a problem when the bytes differ from the resource's declared ``hash`` or ``bytes``."""
    declared = resource.get("hash")
    if isinstance(declared, str) and declared:
        algo, _, digest = declared.rpartition(":")
        algo = algo or "md5"
        if algo in ("md5", "sha1", "sha256", "sha512"):
            actual = hashlib.new(algo, raw).hexdigest()
            if actual != digest.lower():
                problems.append(
                    Problem(
                        "E124",
                        file,
                        f"{algo} differs from datapackage.json; after editing a table, update its 'hash' and "
                        "'bytes' there (in this repository: python -m turkey_russia_data.descriptor --write)",
                        expected=digest,
                        found=actual,
                    )
                )
                return
    size = resource.get("bytes")
    if isinstance(size, int) and size != len(raw):
        problems.append(
            Problem("E124", file, "size differs from datapackage.json", expected=str(size), found=str(len(raw)))
        )


def hash_problems(resource: dict[str, Any], raw: bytes | mmap.mmap, file: str) -> list[Problem]:
    """``check_hash``'s problems as a list of their own, for a check run on a side thread."""
    problems: list[Problem] = []
    check_hash(resource, raw, file, problems)
    return problems
