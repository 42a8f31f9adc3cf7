"""The command as a process: the exit status of ``python -m turkey_russia_data`` and of the
installed ``turkey-russia-data`` script. Every other command-line test calls
``cli.main()`` in the test process (the ``run_cli`` fixture)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ProcessRunner
from packagekit import rehash, rows, write_rows

from turkey_russia_data import __version__


def test_module_entry_exit_status(run_process: ProcessRunner, package_copy: Path) -> None:
    ok = run_process("codes")
    assert ok.returncode == 0 and ok.stdout.startswith("E"), ok.stderr
    path = package_copy / "tables" / "events.csv"
    data = rows(path)
    data[1][data[0].index("category")] = "war"
    write_rows(path, data)
    rehash(package_copy)
    problems = run_process("validate", str(package_copy), "--level", "1")
    assert problems.returncode == 1 and " E112 " in problems.stdout, problems.stdout + problems.stderr
    unusable = run_process("cite", "nope")
    assert unusable.returncode == 2 and unusable.stderr.splitlines()[-1].startswith("error: unknown source 'nope'")
    usage = run_process("validate", "--level")
    assert usage.returncode == 2 and usage.stderr.startswith("usage: ")
    for done in (ok, problems, unusable, usage):
        assert "Traceback" not in done.stderr


def test_installed_script_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("turkey-russia-data")
    if not script.is_file():
        pytest.skip(f"no console script beside {sys.executable} (package not installed)")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == f"turkey-russia-data {__version__}", done.stderr
