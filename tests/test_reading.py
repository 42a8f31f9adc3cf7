"""The reading layer stands below the validator, the release check, the exports and
curation: it imports none of them, and the problem record it reports is the one they
all use."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import copy_package

import turkey_russia_data
from turkey_russia_data import problem, reading, validation, versioning

PACKAGE_DIR = Path(turkey_russia_data.__file__).parent
ABOVE_READING = ("validation", "versioning", "exports", "curation", "release", "cli", "loader")


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(here[: len(here) - node.level + 1]) if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize(
    "path", [*sorted((PACKAGE_DIR / "reading").glob("*.py")), PACKAGE_DIR / "problem.py", PACKAGE_DIR / "texts.py"]
)
def test_the_reading_layer_imports_nothing_above_it(path: Path) -> None:
    above = {f"turkey_russia_data.{name}" for name in ABOVE_READING}
    wrong = sorted(m for m in imported_modules(path) if any(m == a or m.startswith(a + ".") for a in above))
    assert not wrong, f"{path.name} imports {wrong}"


def test_the_layer_check_resolves_relative_imports() -> None:
    # reading/package.py has "from ..errors import PackageError": a check that missed
    # relative imports would pass whatever the layer imported.
    assert "turkey_russia_data.errors.PackageError" in imported_modules(PACKAGE_DIR / "reading" / "package.py")


def test_one_problem_record_for_reader_validator_and_release_check() -> None:
    assert validation.Problem is problem.Problem is reading.Problem
    assert issubclass(versioning.ReleaseProblem, problem.Problem)
    assert problem.code_info("E124").level == 1 and problem.code_info("E124").name == "hash-mismatch"
    assert problem.code_info("R101").level == 0 and problem.code_info("R101").name == "not-bumped"
    with pytest.raises(KeyError, match="E999"):
        problem.code_info("E999")


def test_every_reader_appends_its_problems_and_returns_none(tmp_path: Path) -> None:
    root = copy_package(tmp_path / "pkg")
    (root / "schemas" / "events.json").write_text("{not json", encoding="utf-8")
    pkg = reading.open_package(root)
    (events,) = [r for r in pkg.descriptor["resources"] if r["name"] == "events"]
    problems: list[problem.Problem] = []
    assert reading.resource_schema(pkg, events, "events", problems) is None
    assert reading.read_table(pkg, events, problems) is None
    assert reading.read_bytes(pkg, "tables/missing.csv", "path", "tables/missing.csv", problems) is None
    assert [(p.code, p.file) for p in problems] == [
        ("E101", "schemas/events.json"),
        ("E101", "schemas/events.json"),
        ("E101", "tables/missing.csv"),
    ]
    (sources,) = [r for r in pkg.descriptor["resources"] if r["name"] == "sources"]
    table = reading.read_table(pkg, sources, problems)
    assert isinstance(table, reading.Table) and table.n_rows > 0 and len(problems) == 3
