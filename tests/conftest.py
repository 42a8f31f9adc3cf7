"""Shared fixtures: the repository, a scratch copy of the package, the source texts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Read once and removed, so that no test (nor the processes it starts) validates against
# the texts unless it asks for them through the sources_dir fixture.
_SOURCES_SETTING = os.environ.pop("TRD_SOURCES_DIR", None)


def sources_required() -> bool:
    """In CI the source texts must be present: their absence fails instead of skipping."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("TRD_REQUIRE_SOURCES") == "1"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    folder = Path(_SOURCES_SETTING).resolve() if _SOURCES_SETTING else ROOT.parent / "shared" / "sources"
    if not folder.is_dir() or not any(folder.glob("*.txt")):
        message = f"source texts not found at {folder} (set TRD_SOURCES_DIR)"
        if sources_required():
            pytest.fail(message + "; they are required in CI")
        pytest.skip(message + "; quote checks need them")
    return folder


def copy_package(dest: Path, *, releases: bool = False) -> Path:
    """A writable copy of the data package (descriptor, schemas, tables; with
    ``releases``, the release records and retired ids too) at dest."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    shutil.copytree(ROOT / "tables", dest / "tables")
    if releases:
        shutil.copytree(ROOT / "releases", dest / "releases")
    return dest


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    return copy_package(tmp_path / "pkg")


CliRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_cli() -> CliRunner:
    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "turkey_russia_data", *args],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=full_env,
            timeout=120,
        )

    return run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fault-injection catch rate per level, when that suite ran."""
    results = getattr(sys.modules.get("mutations"), "RESULTS", None)
    if not results:
        return
    from turkey_russia_data.validation import LEVELS

    terminalreporter.section("fault injection: mutations caught per level")
    for level in sorted(results):
        caught, tried = results[level]
        terminalreporter.write_line(
            f"level {level} {LEVELS[level]:<12} {caught:>3}/{tried:<3} {100 * caught / tried:5.1f}%"
        )
    caught = sum(r[0] for r in results.values())
    tried = sum(r[1] for r in results.values())
    terminalreporter.write_line(f"all                    {caught:>3}/{tried:<3} {100 * caught / tried:5.1f}%")
