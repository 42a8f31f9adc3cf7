"""Where the shipped data package lives, in an installed wheel or in a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DESCRIPTOR = "datapackage.json"
_PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def data_root() -> Path:
    """The folder holding datapackage.json, schemas/ and tables/.

    A wheel carries the data inside the package (``turkey_russia_data/data``); a checkout
    or an editable install keeps the single copy at the repository root.
    """
    for candidate in (_PACKAGE_DIR / "data", _PACKAGE_DIR.parent):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    raise FileNotFoundError(
        f"no {DESCRIPTOR} found in {_PACKAGE_DIR / 'data'} or {_PACKAGE_DIR.parent}: "
        "the installation is incomplete; reinstall turkey-russia-data"
    )


def descriptor_path() -> Path:
    return data_root() / DESCRIPTOR
