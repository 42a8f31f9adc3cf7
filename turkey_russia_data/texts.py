"""Source texts found by content: a folder's files indexed by SHA-256, as
``sources.text_sha256`` names them. Used by the quote check and by curation."""

from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_of(path: Path) -> str:
    """Hashed in chunks: a large unrelated file in the folder costs time, not memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def index_texts(folder: Path) -> dict[str, Path]:
    """SHA-256 -> file, for every regular file directly in the folder."""
    out: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.is_file():
            out[sha256_of(path)] = path
    return out
