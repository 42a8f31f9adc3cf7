"""Where the version of a data package is written.

A data package's version is its datapackage.json ``version``, with ``created``, the day
that version was made. In this repository the Python package ships the data, so the
library and the data share one number, written in ``turkey_russia_data/_version.py``
(``__version__`` and ``CREATED``); ``python -m turkey_russia_data.descriptor --write``
copies it into datapackage.json. A folder without that file (a fork of the data alone)
keeps its version in datapackage.json only. ``turkey-russia-data release`` writes it in
the right place for the folder it is given
(docs/decisions/0006-release-writes-the-version-where-the-package-keeps-it.md).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import UnusableInputError
from ..schema import read_descriptor

LIBRARY_VERSION_FILE = Path("turkey_russia_data") / "_version.py"
_ASSIGNED = re.compile(r'^(__version__|CREATED) = "([^"\n]*)"$', re.M)


class VersionFileError(UnusableInputError):
    """A version file without a version, or a descriptor that cannot be read."""


def library_file(root: Path) -> Path | None:
    """``turkey_russia_data/_version.py`` when ``root`` is this library's source tree."""
    path = root / LIBRARY_VERSION_FILE
    return path if path.is_file() else None


def read(root: Path) -> tuple[str, str]:
    """The version of the package at ``root`` and the day it was created (ISO 8601)."""
    source = library_file(root)
    if source is not None:
        found = dict(_ASSIGNED.findall(source.read_text(encoding="utf-8")))
        if "__version__" not in found:
            raise VersionFileError(f'{source}: no line __version__ = "MAJOR.MINOR.PATCH"')
        return found["__version__"], found.get("CREATED", "")
    descriptor = read_descriptor(root)
    version = descriptor.get("version")
    if not isinstance(version, str):
        raise VersionFileError(f'{root / "datapackage.json"}: no "version"; add one, for example "1.0.0"')
    return version, str(descriptor.get("created", ""))


def written(root: Path, version: str, created: str) -> dict[Path, str]:
    """The file that holds the version of the package at ``root``, with ``version`` and
    ``created`` written into it."""
    source = library_file(root)
    if source is not None:
        values = {"__version__": version, "CREATED": created}
        text = _ASSIGNED.sub(lambda m: f'{m.group(1)} = "{values[m.group(1)]}"', source.read_text(encoding="utf-8"))
        return {source: text}
    descriptor = read_descriptor(root)
    descriptor["version"] = version
    descriptor["created"] = created
    return {root / "datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"}
