"""Version numbers (MAJOR.MINOR.PATCH) and the kinds of bump between two of them."""

from __future__ import annotations

import re
from typing import Literal

from ..errors import UnusableInputError

Bump = Literal["none", "patch", "minor", "major"]
# Ordered from the smallest to the largest: a release must bump at least as much as its
# largest change requires.
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")

_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


class VersionError(UnusableInputError, ValueError):
    """A version that is not MAJOR.MINOR.PATCH."""


def parse(text: str) -> tuple[int, int, int]:
    match = _VERSION.match(text)
    if match is None:
        raise VersionError(f"version {text!r} is not MAJOR.MINOR.PATCH (for example 1.0.0)")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def is_version(text: str) -> bool:
    return _VERSION.match(text) is not None


def bump_between(old: str, new: str) -> Bump | Literal["backwards"]:
    """How ``new`` was bumped from ``old``."""
    a, b = parse(old), parse(new)
    if b < a:
        return "backwards"
    if b[0] != a[0]:
        return "major"
    if b[1] != a[1]:
        return "minor"
    return "patch" if b[2] != a[2] else "none"


def covers(old: str, new: str, required: Bump) -> bool:
    """Whether going from ``old`` to ``new`` is a large enough bump for ``required``.

    Before 1.0.0 the data is in development (0.y.z): a minor bump may carry incompatible
    changes, as Semantic Versioning allows for major version zero.
    """
    made = bump_between(old, new)
    if made == "backwards":
        return False
    if parse(old)[0] == 0 and made == "minor" and required == "major":
        return True
    return BUMPS.index(made) >= BUMPS.index(required)


def next_version(old: str, bump: Bump) -> str:
    """The smallest version after ``old`` that ``covers`` a change needing ``bump``."""
    major, minor, patch = parse(old)
    if major == 0 and bump == "major":
        bump = "minor"
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return old
