"""Reading a data package: the layer below the loader, the validator, the release check,
the exports and curation.

``open_package(path)`` opens a descriptor (a datapackage.json or the folder holding
it); ``read_table(pkg, resource, problems)`` reads one resource's CSV into a ``Table``
of Arrow string columns; ``package_records(path)`` reads every table as rows, for the
writers that copy a whole package. Safe local paths, remote files only with permission, size
limits, declared hashes, the fast and the strict CSV readers live in the modules below.
"""

from __future__ import annotations

from ..errors import PackageError
from ..problem import Problem
from .csv import read_table
from .package import (
    DEFAULT_MAX_BYTES,
    MAX_DESCRIPTOR_BYTES,
    MiB,
    Package,
    open_package,
    read_bytes,
    resource_schema,
    schema_defect,
)
from .records import PackageRecords, package_records
from .table import Rows, Table

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DESCRIPTOR_BYTES",
    "MiB",
    "Package",
    "PackageError",
    "PackageRecords",
    "Problem",
    "Rows",
    "Table",
    "open_package",
    "package_records",
    "read_bytes",
    "read_table",
    "resource_schema",
    "schema_defect",
]
