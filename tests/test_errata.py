"""Structured errata: an erratum names the column it corrects and excuses the checks on
that column only. Run on the shipped errata and on faults that a whole-row erratum used
to silence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_package
from mutations import Mutation, apply, catalogue
from packagekit import records

from turkey_russia_data.schema import table_spec
from turkey_russia_data.textnorm import normalise
from turkey_russia_data.validation import validate
from turkey_russia_data.vocab import ErratumKind, values

# One column named, another one wrong: each was silenced while an erratum excused its row.
OTHER_COLUMN = [
    "erratum on the value, qualifier wrong: TF0018",
    "printed form corrected, value slipped: ES0010",
    "value corrected, period after the source: TF0018",
    "errata on the printed form, values disagree: ES0015",
]


def _errata(root: Path) -> list[dict[str, str]]:
    return list(records(root / "tables" / "errata.csv"))


def test_every_shipped_erratum_names_a_cell_of_its_row_and_a_printed_span(repo_root: Path) -> None:
    cites = list(records(repo_root / "tables" / "citations.csv"))
    entries = _errata(repo_root)
    assert entries, "the package records its errata"
    for e in entries:
        assert e["kind"] in values(ErratumKind)
        header = next(iter(records(repo_root / "tables" / f"{e['table']}.csv"))).keys()
        assert e["column"] in header, e
        pk = table_spec(e["table"]).primary_key[0]
        row = next(r for r in records(repo_root / "tables" / f"{e['table']}.csv") if r[pk] == e["row_id"])
        assert row["erratum"], e  # the human note stays on the row
        quotes = [c["quote"] for c in cites if (c["table"], c["row_id"]) == (e["table"], e["row_id"])]
        assert any(normalise(e["printed"]) in normalise(q) for q in quotes), e


def test_an_erratum_note_without_an_entry_excuses_nothing(tmp_path: Path) -> None:
    fault = next(m for m in catalogue() if m.name == "errata entry dropped: TF0018")
    pkg = copy_package(tmp_path / "pkg")
    apply(fault, pkg)
    codes = {(p.code, p.row_id) for p in validate(pkg).problems}
    assert {("E204", "TF0018"), ("E403", "TF0018")} <= codes


@pytest.mark.parametrize("name", OTHER_COLUMN)
def test_an_erratum_on_one_column_does_not_excuse_another(name: str, tmp_path: Path) -> None:
    fault: Mutation = next(m for m in catalogue() if m.name == name)
    pkg = copy_package(tmp_path / "pkg")
    apply(fault, pkg)
    found = [(p.code, p.file, p.row_id) for p in validate(pkg).problems]
    assert (fault.code, fault.file, fault.row_id) in found, found


def test_a_package_without_an_errata_table_keeps_whole_row_errata(tmp_path: Path) -> None:
    """Releases before 1.1 carry errata only as notes; they validate as they did."""
    pkg = copy_package(tmp_path / "pkg")
    (pkg / "tables" / "errata.csv").unlink()
    (pkg / "schemas" / "errata.json").unlink()
    descriptor = json.loads((pkg / "datapackage.json").read_text("utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "errata"]
    (pkg / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n", "utf-8")
    report = validate(pkg)
    assert report.valid, [str(p) for p in report.problems[:5]]
