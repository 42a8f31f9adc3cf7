"""Differential test against frictionless, the reference client: on a set of broken
copies of the package, everything frictionless flags, our structural checks flag too,
on the same rows. Our checks are reimplemented for speed; this is what keeps them
honest. The broken copies are the level-1 faults of the fault-injection catalogue plus
faults aimed at what frictionless checks (keys, types, constraints, hashes)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import copy_package
from mutations import Mutation, apply, edit_rows, set_cell, structure

from turkey_russia_data.validation import validate

# frictionless reads every broken copy in Python: about a second each.
pytestmark = pytest.mark.slow


def _extra() -> list[Mutation]:
    def dup_last(data: list[list[str]]) -> list[list[str]]:
        return [*data, list(data[-1])]

    def swap_first_two(data: list[list[str]]) -> list[list[str]]:
        return [data[0], data[2], data[1], *data[3:]]

    def blank_key(data: list[list[str]]) -> list[list[str]]:
        data[5][0] = ""
        return data

    return [
        Mutation(
            "dup: duplicate citation row", 1, "E120", "tables/citations.csv", None, edit_rows("citations", dup_last)
        ),
        Mutation("order: swapped events", 1, "E123", "tables/events.csv", None, edit_rows("events", swap_first_two)),
        Mutation("key: blank flow id", 1, "E111", "tables/trade_flows.csv", None, edit_rows("trade_flows", blank_key)),
        Mutation(
            "fk: unknown actor",
            1,
            "E121",
            "tables/arms_deals.csv",
            "AD0003",
            set_cell("arms_deals", "AD0003", "supplier", "ZZZ"),
        ),
        Mutation(
            "type: number word",
            1,
            "E110",
            "tables/energy_shares.csv",
            "ES0004",
            set_cell("energy_shares", "ES0004", "value", "five"),
        ),
        Mutation(
            "enum: relation",
            1,
            "E112",
            "tables/citations.csv",
            "CI00100",
            set_cell("citations", "CI00100", "relation", "maybe"),
        ),
    ]


# Codes with which we refuse to read a file at all: they stand for every row in it.
WHOLE_FILE = {"E101", "E102", "E105", "E125"}

CASES = [m for m in structure() if not m.needs_texts] + _extra()


def _frictionless_flags(pkg: Path) -> dict[str, set[tuple[int | None, str]]]:
    """Resource path -> (row number, note) of what frictionless flags (row None: an error
    about the whole file)."""
    # Imported here: collecting the default run (which leaves this module out) stays light.
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(pkg / "datapackage.json"))
    flagged: dict[str, set[tuple[int | None, str]]] = defaultdict(set)
    for task in report.tasks:
        for error in task.errors:
            flagged[str(task.place)].add((getattr(error, "row_number", None), error.note))
    for error in report.errors:
        flagged["datapackage.json"].add((None, error.note))
    return flagged


# What frictionless flags in each case, by case name: each broken copy is read once per run.
_FLAGGED: dict[str, dict[str, set[tuple[int | None, str]]]] = {}


def _flagged(mutation: Mutation, pkg: Path) -> dict[str, set[tuple[int | None, str]]]:
    """_frictionless_flags of pkg, a copy to which mutation has been applied."""
    if mutation.name not in _FLAGGED:
        _FLAGGED[mutation.name] = _frictionless_flags(pkg)
    return _FLAGGED[mutation.name]


@pytest.mark.parametrize("mutation", CASES, ids=[m.name for m in CASES])
def test_we_flag_every_row_frictionless_flags(mutation: Mutation, tmp_path: Path) -> None:
    pkg = copy_package(tmp_path / "pkg")
    apply(mutation, pkg)
    theirs = _flagged(mutation, pkg)
    ours = validate(pkg, levels="1")
    our_rows: dict[str, set[int | None]] = defaultdict(set)
    unreadable: set[str] = set()
    for p in ours.problems:
        our_rows[p.file].add(p.line)
        if p.code in WHOLE_FILE:
            unreadable.add(p.file)
    # frictionless repeats a file's read error in every table that refers to it.
    notes_of_unreadable = {note for place, errs in theirs.items() if place in unreadable for _, note in errs}
    messages = " ".join(p.message for p in ours.problems)
    # frictionless also reports every row of a table whose foreign key points into a table
    # it could not read (no rows to look up); we report the unreadable table once instead.
    unread_names = {Path(f).stem for f in unreadable} | set(
        re.findall(r"resource '([^']+)'", " ".join(p.message for p in ours.problems if p.code in WHOLE_FILE))
    )

    def lookup_in_unread(note: str, row: int | None) -> bool:
        if "lookup table" in note and any(f'"{n}"' in note for n in unread_names):
            return True
        # or, for the whole file, it could not read the referenced file, whose path we named
        return row is None and any("/" in path and path in messages for path in re.findall(r"'([^']+)'", note))

    missed = []
    for place, errors in theirs.items():
        file = next((f for f in our_rows if place.endswith(f) or f.endswith(place)), None)
        if file in unreadable:
            continue
        for row, note in errors:
            if file is None:
                # A resource we could not even open (remote, missing): we name it instead.
                caught = place in messages or note in notes_of_unreadable
            elif row is None:
                caught = bool(our_rows[file]) or note in notes_of_unreadable
            else:
                caught = row in our_rows[file]
            caught = caught or lookup_in_unread(note, row)
            if not caught:
                missed.append((place, row))
    assert not missed, f"frictionless flags what we do not: {missed}; ours: {[str(p) for p in ours.problems[:5]]}"


def test_the_cases_are_real_faults_for_frictionless(tmp_path: Path) -> None:
    """Most cases must be faults frictionless itself sees, or the comparison says little."""
    seen = 0
    for mutation in CASES:
        if mutation.name not in _FLAGGED:
            pkg = copy_package(tmp_path / mutation.name.replace(" ", "_").replace(":", ""))
            apply(mutation, pkg)
            _flagged(mutation, pkg)
        seen += bool(_FLAGGED[mutation.name])
    assert seen >= len(CASES) * 2 // 3, (seen, len(CASES))
