"""The validator: ``validate(path=None, sources=None) -> Report``.

Levels run now: 1 structure, 2 evidence, 3 quotes (when a folder of source texts is
given, by argument or the TRD_SOURCES_DIR environment variable). Without texts the quote
level reports "not verified", never "ok". The validator never writes to its input.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import data_root
from .package_io import Table, open_package, read_table
from .problems import CODES, LEVELS, PackageError, Problem, Report, TableSummary
from .quotes import check_quotes
from .structure import check_cells, check_citation_targets, check_evidence, check_foreign_keys, check_keys

SOURCES_ENV = "TRD_SOURCES_DIR"

__all__ = ["CODES", "LEVELS", "SOURCES_ENV", "PackageError", "Problem", "Report", "validate"]


def validate(path: str | Path | None = None, sources: str | Path | None = None) -> Report:
    """Validate a data package (default: the installed one).

    ``path`` is a datapackage.json or a folder holding one. ``sources`` is a folder of
    source texts, matched to ``sources.text_sha256`` by content. Raises PackageError when
    there is no usable descriptor.
    """
    pkg = open_package(Path(path) if path is not None else data_root())
    report = Report(package=str(pkg.descriptor_file))
    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for resource in pkg.descriptor["resources"]:
        if not isinstance(resource, dict):
            problems.append(Problem("E101", pkg.descriptor_file.name, f"resource is not an object: {resource!r}"))
            continue
        table = read_table(pkg, resource, problems)
        if table is not None:
            tables[table.spec.name] = table
    for table in tables.values():
        problems.extend(check_cells(table))
        problems.extend(check_keys(table))
        problems.extend(check_foreign_keys(table, tables))
    if "citations" in tables:
        problems.extend(check_citation_targets(tables["citations"], tables))
    problems.extend(check_evidence(tables))

    folder = sources if sources is not None else os.environ.get(SOURCES_ENV)
    quotes_status = "not verified"
    if folder and "sources" in tables and "citations" in tables:
        folder_path = Path(folder)
        if not folder_path.is_dir():
            raise PackageError(f"{folder_path}: source-text folder not found")
        found = list(check_quotes(tables["sources"], tables["citations"], folder_path))
        problems.extend(found)
        quotes_status = "failed" if found else "ok"

    for p in problems:
        report.add(p)
    for name, table in tables.items():
        report.tables[name] = TableSummary(rows=len(table.rows))
    files = {t.file: name for name, t in tables.items()}
    for p in problems:
        owner = files.get(p.file)
        if owner is not None:
            report.tables[owner].problems += 1
    for level in (1, 2):
        report.levels[LEVELS[level]] = "failed" if any(p.level == level for p in problems) else "ok"
    report.levels[LEVELS[3]] = quotes_status
    return report
