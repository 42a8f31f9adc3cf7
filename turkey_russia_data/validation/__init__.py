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
from ..reading import DEFAULT_MAX_BYTES, Table, open_package, read_table
from ..reading.threads import in_parallel
from ..roles import parse_roles

# Imported for the checks they register (validation.registry): the runner calls those.
from . import (  # noqa: F401
    actors,
    agency,
    coherence,
    cues,
    date_support,
    direction,
    duplicates,
    errata,
    plausibility,
    quotes,
    source_conflicts,
    structure,
    value_support,
    which_figure,
)
from .facts import Facts, fact_tables, roles_of
from .problems import CODES, LEVEL_NUMBERS, LEVELS, RETIRED_CODES, PackageError, Problem, Report, TableSummary
from .registry import (
    FACT_ROW,
    FACT_TABLE,
    FACTS,
    READ,
    TABLE,
    TABLE_IN_PACKAGE,
    TABLES,
    TEXTS,
    Check,
    Code,
    check,
    checks_at,
)
from .selection import Selection, SelectionError, selection
from .signatures import distinct_facts
from .source_conflicts import Conflict, find_conflicts

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
    "clear_caches",
    "conflicts",
    "validate",
]


def clear_caches() -> None:
    """Forget what validations in this process have cached by content (decision 0016):
    readings of source texts and quotes, actor names, compiled patterns. Nothing cached
    can be stale, as each entry is keyed on what decides it; this frees the memory after
    validating a large package, or measures a cold run."""
    from .. import textnorm
    from ..reading import patterns

    actors.clear_caches()
    for cached in (
        textnorm.normalise,
        textnorm.readings,
        patterns._compiled,
        date_support._read,
        direction.clause_statements,
        which_figure.year_after,
        which_figure.years,
    ):
        cached.cache_clear()


@check(
    1,
    READ,
    Code("E101", "resource-error", "a resource cannot be read: missing, unsafe or remote path, missing schema"),
    Code("E102", "encoding-error", "the file is not valid UTF-8"),
    Code("E103", "bom", "the file starts with a byte-order mark"),
    Code("E104", "line-ending", "the file uses CR or CRLF line endings instead of LF"),
    Code("E105", "malformed-csv", "the file is not parseable CSV (unclosed quote, NUL byte, empty file)"),
    Code("E106", "header-mismatch", "the header row differs from the schema's field names"),
    Code("E107", "ragged-row", "a row has more or fewer cells than the header"),
    Code(
        "E124", "hash-mismatch", "the file's hash (md5, sha1, sha256 or sha512) or size differs from datapackage.json"
    ),
    Code("E125", "file-too-large", "a file is far larger than declared or than the size limit; it is not read"),
)
def _read(path: str | Path | None, max_bytes: int, allow_remote: bool) -> tuple[str, dict[str, Table], list[Problem]]:
    pkg = open_package(path if path is not None else data_root(), max_bytes=max_bytes, allow_remote=allow_remote)

    def one(resource: Any) -> tuple[Table | None, list[Problem]]:
        if not isinstance(resource, dict):
            return None, [Problem("E101", pkg.descriptor_file.name, f"resource is not an object: {resource!r}")]
        problems: list[Problem] = []
        return read_table(pkg, resource, problems), problems

    problems: list[Problem] = []
    tables: dict[str, Table] = {}
    for resource, (table, found) in zip(
        pkg.descriptor["resources"], in_parallel(one, list(pkg.descriptor["resources"])), strict=True
    ):
        problems.extend(found)
        if table is not None:
            tables[table.spec.name] = table
            problems.extend(_role_problems(table, resource, pkg.descriptor_file.name))
    return str(pkg.descriptor_file), tables, problems


@check(
    1,
    READ,
    Code(
        "E126",
        "role-declaration",
        "a schema's role declaration (its x- properties, docs/roles.md) is malformed",
    ),
)
def _role_problems(table: Table, resource: dict[str, Any], descriptor: str) -> list[Problem]:
    """Level 1: the table's role declarations are well formed (docs/roles.md)."""
    where = resource["schema"] if isinstance(resource.get("schema"), str) else descriptor
    _, defects = parse_roles(table.schema)
    return [
        Problem(
            "E126",
            where,
            f"resource {table.spec.name!r}: {d.prop} {d.message}; the checks it would drive do not run on it",
            column=d.prop,
            expected="a declaration as docs/roles.md describes",
            found=d.found,
        )
        for d in defects
    ]


def _role_notes(tables: dict[str, Table], chosen: Selection) -> dict[str, list[str]]:
    """What the levels cannot check because a fact table declares no roles for it."""
    notes: dict[str, list[str]] = {}
    for name in fact_tables(tables):
        roles = roles_of(tables[name])
        missing = {
            "figure": not roles.figures,
            "date": not roles.dates,
            "fact key": not (roles.fact_key and roles.compared),
        }
        wanted = {
            "values": ("figure",),
            "dates": ("date",),
            "coherence": ("figure",),
            "plausibility": ("figure", "date"),
            "conflicts": ("fact key",),
        }
        for level, roles_needed in wanted.items():
            if not chosen.runs(LEVEL_NUMBERS[level]):
                continue
            for role in roles_needed:
                if missing[role]:
                    what = (
                        "no fact key or compared columns declared"
                        if role == "fact key"
                        else f"no {role} roles declared"
                    )
                    notes.setdefault(level, []).append(f"{name}: {what}")
    return notes


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


def _listed(check: Callable[..., Iterable[Problem]], *args: Any) -> list[Problem]:
    return list(check(*args))


def _table_checks(checks: list[Check], table: Table, tables: dict[str, Table]) -> list[Problem]:
    """A level's checks of one table, in the order they were registered."""
    return [p for k in checks for p in k.run(*((table,) if k.scope == TABLE else (table, tables)))]


def _kernel_tasks(level: int, tables: dict[str, Table]) -> list[Callable[[], list[Problem]]]:
    """The level's checks that read tables a column at a time, as tasks to run side by side."""
    tasks: list[Callable[[], list[Problem]]] = []
    per_table = checks_at(level, TABLE, TABLE_IN_PACKAGE)
    if per_table:
        tasks += [partial(_table_checks, per_table, table, tables) for table in tables.values()]
    for k in checks_at(level, TABLES, FACT_TABLE):
        if k.scope == TABLES:
            tasks.append(partial(_listed, k.run, tables))
        else:
            tasks += [partial(_listed, k.run, name, tables) for name in fact_tables(tables)]
    return tasks


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
    # The texts are read when a chosen level has a check over them (level 3, actor support).
    wants_texts = any(checks_at(level, TEXTS) for level in LEVELS if chosen.runs(level))
    folder = _sources_folder(sources) if wants_texts else None
    package, tables, read_problems = _read(path, max_bytes, allow_remote)
    report = Report(package=package, sources=str(folder) if folder else None)

    # The registered checks, level by level (validation.registry). Those over tables are
    # column kernels: they all run side by side, and their problems are put back in
    # level order. The checks over source texts and over fact rows run after them.
    levels = [level for level in LEVELS if chosen.runs(level)]
    tasks = {level: _kernel_tasks(level, tables) for level in levels}
    done = iter(in_parallel(_run, [task for level in levels for task in tasks[level]]))
    by_level = {level: [p for _ in tasks[level] for p in next(done)] for level in levels}

    quotes_status = "not run"
    facts: Facts | None = None
    found: list[Problem] = list(read_problems)
    for level in levels:
        found.extend(by_level[level])
        for k in checks_at(level, TEXTS):
            quotes_status = "not verified"
            if folder is not None and "sources" in tables and "citations" in tables:
                found.extend(k.run(tables, folder))
                quotes_status = "checked"
        for k in checks_at(level, FACTS, FACT_ROW):
            facts = facts if facts is not None else distinct_facts(tables)
            found.extend(facts.each_row(k.run) if k.scope == FACT_ROW else k.run(facts))

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
    report.notes = _role_notes(tables, chosen)
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
    return find_conflicts(distinct_facts(tables))
