"""Shared fixtures: the repository, a scratch copy of the package, the source texts, the
built wheel installed in a fresh virtual environment."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass
class CliResult:
    """What a command gave: its exit code and what it printed (as a finished process has)."""

    returncode: int
    stdout: str
    stderr: str


CliRunner = Callable[..., CliResult]


def _exit_code(exc: SystemExit) -> int:
    # As the interpreter maps SystemExit to a process's exit status.
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """``turkey-russia-data ARGS`` in this process: ``main(argv)`` with its output captured,
    in ``cwd`` (default: the checkout) with ``env`` added to the environment. An exception
    that escapes ``main`` fails the test, as a traceback would. Tests of the process itself
    (the installed entry point, ``python -m``) use ``run_process``."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> CliResult:
        from turkey_russia_data.cli import main

        out, err = io.StringIO(), io.StringIO()
        with monkeypatch.context() as patch:
            patch.chdir(cwd or ROOT)
            for name, value in (env or {}).items():
                patch.setenv(name, value)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:
                    code = _exit_code(exc)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


ProcessRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_process() -> ProcessRunner:
    """``python -m turkey_russia_data ARGS`` as a new process: for tests of the process
    itself (its exit status, what a fresh interpreter imports)."""

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


# Whatever builds or installs the wheel is in the slow set, wherever the test lives.
_SLOW_FIXTURES = {"wheel", "installed"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def one_per_code(mutations: Sequence[Any], label: Callable[[Any], str] = str) -> list[Any]:
    """Parameters for a sweep over fault-catalogue entries: the first entry of each code
    runs by default, the others are in the slow set (so the default run tries every code
    once and the full run the whole catalogue)."""
    seen: set[str] = set()
    params = []
    for mutation in mutations:
        first = mutation.code not in seen
        seen.add(mutation.code)
        params.append(pytest.param(mutation, id=label(mutation), marks=() if first else pytest.mark.slow))
    return params


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


# The installed wheel, not the checkout: build sdist and wheel (the wheel from the sdist),
# install the wheel into a fresh virtual environment and use it from outside the checkout.
@pytest.fixture(scope="session")
def wheel(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: build with the hatchling already installed (offline, fast); the
    # default flow builds the sdist first and the wheel from the unpacked sdist.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(repo_root)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (whl,) = out.glob("*.whl")
    return whl


@pytest.fixture(scope="session")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    env_dir = tmp_path_factory.mktemp("installed") / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Dependencies come from the test environment (appended after the venv's own
    # site-packages, so the freshly installed wheel wins); the wheel itself is installed
    # with pip into the new environment.
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return env_dir / "bin"


if os.environ.get("PYTEST_XDIST_WORKER"):
    # Each test worker already has a core: its validator's threads would only compete
    # with the other workers for them.
    from turkey_russia_data.reading import threads as _threads

    _threads.CORES = 1
