"""The one kind of error the command line turns into exit code 2: input that cannot be
used at all (no such package or table, an unknown level or code). Each carries a
message the user can act on; no traceback is shown for it."""

from __future__ import annotations


class UnusableInputError(Exception):
    """Base of PackageError, SelectionError and UnknownTableError."""


class PackageError(UnusableInputError, ValueError):
    """The input cannot be read as a data package at all (no usable descriptor). CLI exit code 2."""
