"""Why an export could not be written; the command line prints these and exits 2."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnusableInputError


class ExportError(UnusableInputError):
    """An export that cannot be written: bad target, unknown format."""


class OutputExistsError(ExportError):
    def __init__(self, out: Path) -> None:
        super().__init__(f"{out}: already exists; pass --force (force=True) to replace it")
        self.out = out


class MissingDependencyError(ExportError, ImportError):
    """The format needs an optional package that is not installed."""

    def __init__(self, fmt: str, package: str, extra: str) -> None:
        super().__init__(f"the {fmt} export needs the {package} package: pip install 'turkey-russia-data[{extra}]'")
        self.package = package
        self.extra = extra
