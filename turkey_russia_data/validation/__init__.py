"""The validator: ``validate(path=None, sources=None, ...) -> Report``.

Eight levels (docs/validation.md): 1 structure, 2 evidence, 3 quotes, 4 values,
5 dates, 6 coherence, 7 plausibility, 8 conflicts. Quotes are checked when a folder of
source texts is given, by argument or the TRD_SOURCES_DIR environment variable;
without texts that level reports "not verified", never "ok". The validator never
writes to its input.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from ..paths import data_root
from ..vocab import FACT_TABLES
from .facts import collect
from .package_io import DEFAULT_MAX_BYTES, Table, open_package, read_table
from .problems import CODES, LEVELS, RETIRED_CODES, PackageError, Problem, Report, TableSummary
from .selection import Selection, SelectionError, selection
from .source_conflicts import Conflict, check_conflicts, find_conflicts
from .structure import check_cells, check_citation_targets, check_evidence, check_foreign_keys, check_keys
from .threads import in_parallel
from .value_support import check_table_values

SOURCES_ENV = "TRD_SOURCES_DIR"


__all__ = [
    "CODES",
    "LEVELS",
    "RETIRED_CODES",
    "SOURCES_ENV",
    "Conflict",
    "PackageError",
    "Problem",
    "Report",
    "SelectionError",
    "conflicts",
    "validate",
]


def _read(path: str | Path | None, max_bytes: int, allow_remote: bool) -> tuple[str, dict[str, Table], list[Problem]]:
    pkg = open_package(path if path is not None else data_root(), max_bytes=max_bytes, allow_remote=allow_remote)

    def one(resource: Any) -> tuple[Table | None, list[Problem]]:
        if not isinstance(resource, dict):
            return None, [Problem("E101", pkg.descriptor_file.name, f"resource is not an object: {resource!r}")]
        problems: list[Problem] = []
        return read_table(pkg, resource, problems), problems

    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for table, found in in_parallel(one, list(pkg.descriptor["resources"])):
        problems.extend(found)
        if table is not None:
            tables[table.spec.name] = table
    return str(pkg.descriptor_file), tables, problems


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while tables are read and checked.

    Reading a table allocates millions of lists and strings, and every few hundred
    allocations trigger a collection that walks them all again, though none of them form
    cycles: a third of the time on a million rows. Reference counting still frees
    everything as usual; the collector is restored on the way out."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sources_folder(sources: str | Path | None) -> Path | None:
    folder = sources if sources is not None else os.environ.get(SOURCES_ENV)
    if not folder:
        return None
    path = Path(folder)
    if not path.is_dir():
        raise PackageError(f"{path}: source-text folder not found")
    return path


def _structure(table: Table, tables: dict[str, Table]) -> list[Problem]:
    return [*check_cells(table), *check_keys(table), *check_foreign_keys(table, tables)]


def _listed(check: Callable[..., Iterable[Problem]], *args: Any) -> list[Problem]:
    return list(check(*args))


def _run(task: Callable[[], list[Problem]]) -> list[Problem]:
    return task()


def validate(
    path: str | Path | None = None,
    sources: str | Path | None = None,
    *,
    levels: str | Iterable[str | int] | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    allow_remote: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Validate a data package (default: the installed one).

    ``path`` is a datapackage.json or a folder holding one. ``sources`` is a folder of
    source texts, matched to ``sources.text_sha256`` by content (default: the
    TRD_SOURCES_DIR environment variable). ``levels``, ``select`` and ``ignore`` choose
    what runs and what is reported (see ``validation.selection``). Raises PackageError
    when there is no usable descriptor and SelectionError for an unknown level or code.
    """
    if max_bytes < 1:
        raise SelectionError(f"max_bytes must be a positive number of bytes, found {max_bytes}")
    with _no_cyclic_gc():
        return _validate(path, sources, selection(levels, select, ignore), allow_remote, max_bytes)


def _validate(
    path: str | Path | None, sources: str | Path | None, chosen: Selection, allow_remote: bool, max_bytes: int
) -> Report:
    folder = _sources_folder(sources) if chosen.runs(3) else None
    package, tables, read_problems = _read(path, max_bytes, allow_remote)
    report = Report(package=package, sources=str(folder) if folder else None)

    # Levels 1, 2 and 4 are column kernels, table by table: they run side by side, and
    # their problems are put back in level order.
    tasks: dict[int, list[Callable[[], list[Problem]]]] = {1: [], 2: [], 4: []}
    if chosen.runs(1):
        tasks[1] = [partial(_structure, table, tables) for table in tables.values()]
    if chosen.runs(2) and "citations" in tables:
        tasks[2] = [partial(_listed, check_citation_targets, tables["citations"], tables)]
    if chosen.runs(2):
        tasks[2].append(partial(_listed, check_evidence, tables))
    if chosen.runs(4):
        tasks[4] = [partial(check_table_values, name, tables) for name in FACT_TABLES]
    done = iter(in_parallel(_run, [task for level in (1, 2, 4) for task in tasks[level]]))
    by_level = {level: [p for _ in tasks[level] for p in next(done)] for level in (1, 2, 4)}

    found: list[Problem] = [*read_problems, *by_level[1], *by_level[2]]
    quotes_status = "not run"
    if chosen.runs(3):
        quotes_status = "not verified"
        if folder is not None and "sources" in tables and "citations" in tables:
            from .quotes import check_quotes

            quotes = list(check_quotes(tables["sources"], tables["citations"], folder))
            found.extend(quotes)
            quotes_status = "checked"
    found.extend(by_level[4])
    if any(chosen.runs(level) for level in range(5, 9)):
        # Imported when run: a structural check need not load them.
        from .coherence import check_coherence
        from .date_support import check_date_support
        from .plausibility import check_plausibility

        facts = collect(tables)
        for level, check in (
            (5, check_date_support),
            (6, check_coherence),
            (7, check_plausibility),
            (8, check_conflicts),
        ):
            if chosen.runs(level):
                found.extend(check(facts))

    for p in found:
        if chosen.reports(p.code):
            report.add(p)
        elif p.level in chosen.levels:
            report.silenced += 1  # found by a level that ran, silenced by --select/--ignore
    for name, table in tables.items():
        report.tables[name] = TableSummary(file=table.file, rows=table.n_rows)
    owners = {t.file: name for name, t in tables.items()}
    for p in report.problems:
        owner = owners.get(p.file)
        if owner is not None:
            summary = report.tables[owner]
            summary.problems += 1
            level_name = LEVELS[p.level]
            summary.by_level[level_name] = summary.by_level.get(level_name, 0) + 1
    for level, name in LEVELS.items():
        if not chosen.runs(level):
            report.levels[name] = "not run"
        elif level == 3 and quotes_status == "not verified":
            report.levels[name] = "not verified"
        else:
            report.levels[name] = "failed" if any(p.level == level for p in report.problems) else "ok"
    return report


def conflicts(path: str | Path | None = None) -> list[Conflict]:
    """Every fact that sources state differently, and every refuted row, explained or not.

    Raises PackageError when a table cannot be read whole: a list drawn from part of
    the rows would look complete and not be.
    """
    with _no_cyclic_gc():
        package, tables, problems = _read(path, DEFAULT_MAX_BYTES, False)
    if problems:
        raise PackageError(
            f"{package}: {len(problems)} problem{'' if len(problems) == 1 else 's'} reading the tables "
            f"(first: {problems[0].file}: "
            f"{problems[0].message}); run 'turkey-russia-data validate' first"
        )
    return find_conflicts(collect(tables))
