"""The code base stays ruff clean: lint rules and formatting (configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ruff")

# The same commands run on their own in any editor or pre-commit; here they guard the slow set.
pytestmark = pytest.mark.slow


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"])
def test_ruff(command: list[str], repo_root: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "ruff", *command], capture_output=True, text=True, cwd=repo_root, timeout=120
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-1000:]
