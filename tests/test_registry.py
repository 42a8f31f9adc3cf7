"""The check registry (validation.registry): every code is declared once beside the
function that raises it, the code tables of docs/validation.md are generated from the
declarations, and every code has a fault in the catalogue that triggers it."""

from __future__ import annotations

from pathlib import Path

from mutations import catalogue

from turkey_russia_data import generated
from turkey_russia_data.validation import CODES, LEVELS, RETIRED_CODES, code_table
from turkey_russia_data.validation.registry import CHECKS

# Codes that no single edit of the shipped package can raise, and why.
NOT_INJECTABLE: dict[str, str] = {}


def test_every_code_is_declared_by_one_check() -> None:
    declared = [c.code for k in CHECKS for c in k.codes]
    assert sorted(declared) == sorted(CODES)
    assert len(declared) == len(set(declared))
    assert not set(CODES) & set(RETIRED_CODES)
    assert all(k.level in LEVELS for k in CHECKS)
    assert [k.level for k in CHECKS] == sorted(k.level for k in CHECKS)


def test_the_code_tables_of_the_docs_are_generated(repo_root: Path) -> None:
    assert generated.stale(code_table.generated_files(repo_root)) == []


def test_the_code_table_follows_a_changed_declaration(repo_root: Path) -> None:
    text = (repo_root / code_table.DOCUMENT).read_text("utf-8")
    stale = text.replace("| E201 | uncited |", "| E201 | not-cited |")
    assert stale != text
    assert code_table.render(stale) == text


def test_every_code_has_a_fault_in_the_catalogue() -> None:
    caught = {m.code for m in catalogue()}
    missing = sorted(set(CODES) - caught - set(NOT_INJECTABLE))
    assert missing == [], f"codes with no case in tests/mutations.py: {missing}"
    assert not set(NOT_INJECTABLE) & caught, "a code listed as not injectable has a case now"
    assert set(NOT_INJECTABLE) <= set(CODES)
