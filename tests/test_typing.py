"""Type information: the package is mypy --strict clean, and it ships py.typed, so a
user's own code is type-checked against the installed package's real signatures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

# mypy over the whole package, and against the installed wheel: tens of seconds.
pytestmark = pytest.mark.slow

USER_CODE = """
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from typing_extensions import assert_type

import turkey_russia_data as trd
from turkey_russia_data.exports import ExportResult

assert_type(trd.load("events"), pd.DataFrame)
assert_type(trd.load_all(), dict[str, pd.DataFrame])
assert_type(trd.tables(), tuple[str, ...])
assert_type(trd.data_version(), str)
assert_type(trd.validate().valid, bool)
assert_type(trd.export(Path("x.sqlite")), ExportResult)
assert_type(trd.plot.timeline(start=2000), Figure)
assert_type(trd.cite(), str)
"""

MISTAKE = "import turkey_russia_data as trd\nn: int = trd.data_version()\n"


def _mypy(*args: str, cwd: Path, python: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mypy", "--no-incremental", *args]
    if python is not None:
        command += ["--python-executable", str(python)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=600)


def test_the_package_is_mypy_strict_clean(repo_root: Path) -> None:
    run = _mypy(cwd=repo_root)  # files and strictness come from pyproject.toml
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "Success" in run.stdout


def test_user_code_is_checked_against_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "analysis.py").write_text(USER_CODE, encoding="utf-8")
    (tmp_path / "mistake.py").write_text(MISTAKE, encoding="utf-8")
    python = installed / "python"
    ok = _mypy("--strict", "analysis.py", cwd=tmp_path, python=python)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # Without py.typed mypy would treat the package as untyped and find nothing here.
    bad = _mypy("--strict", "mistake.py", cwd=tmp_path, python=python)
    assert bad.returncode == 1 and 'Incompatible types in assignment (expression has type "str"' in bad.stdout
