"""The documentation's examples run and give what the text says: in the checkout, and
from the installed wheel in a fresh virtual environment, outside the checkout."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from doc_examples import ExampleError, Summary, run_file, run_python

DOCUMENTS = ("README.md", "docs/versioning.md", "docs/exports.md")


@pytest.fixture(scope="module")
def checkout_run(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Summary, Path]]:
    """Each document's examples run once per module, in the checkout, in a folder of their
    own: (what ran, the folder they ran in)."""
    pytest.importorskip("matplotlib")
    done: dict[str, tuple[Summary, Path]] = {}

    def run(document: str) -> tuple[Summary, Path]:
        if document not in done:
            folder = tmp_path_factory.mktemp("examples")
            with pytest.MonkeyPatch.context() as patch:
                patch.chdir(folder)
                done[document] = (run_file(repo_root / document), folder)
        return done[document]

    return run


@pytest.mark.parametrize("document", DOCUMENTS)
def test_examples_hold_in_the_checkout(document: str, checkout_run: Callable[[str], tuple[Summary, Path]]) -> None:
    summary, _ = checkout_run(document)
    assert summary.blocks >= 1 and summary.checked >= 2, summary


def test_the_readme_covers_each_kind_of_user(
    repo_root: Path, checkout_run: Callable[[str], tuple[Summary, Path]]
) -> None:
    summary, folder = checkout_run("README.md")
    assert summary.checked >= 12 and summary.commands >= 3, summary
    # What the examples promise to leave behind really exists.
    assert {p.name for p in folder.iterdir()} >= {"trd.sqlite", "trd.xlsx", "parquet", "timeline.png"}
    readme = (repo_root / "README.md").read_text("utf-8")
    for user in ("analysts", "editing the data and CI", "downloading the tables"):
        assert f"## Quick start: {user}" in readme
    for image in ("docs/img/timeline.png", "docs/img/energy.png", "docs/img/trade.png"):
        assert f"]({image})" in readme and (repo_root / image).is_file()


def test_a_wrong_stated_result_is_caught() -> None:
    with pytest.raises(ExampleError, match="expected 3"):
        run_python("1 + 1  # 3\n", {}, "example", Summary())
    with pytest.raises(ExampleError, match="raised NameError"):
        run_python("undefined_name\n", {}, "example", Summary())
    summary = Summary()
    run_python("x = 2\nx * 2  # 4\nx  # a comment that is prose\n", {}, "example", summary)
    assert (summary.statements, summary.checked) == (3, 1)


@pytest.mark.slow  # builds and installs the wheel
@pytest.mark.parametrize("document", ("README.md", "docs/exports.md"))
def test_examples_hold_from_the_installed_wheel(
    document: str, installed: Path, repo_root: Path, tmp_path: Path
) -> None:
    runner = Path(__file__).with_name("doc_examples.py")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRD_SOURCES_DIR")}
    run = subprocess.run(
        [str(installed / "python"), str(runner), str(repo_root / document)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "checked=" in run.stdout
    imported_from = run.stdout.split("turkey_russia_data imported from ")[1].strip()
    assert imported_from.startswith(str(installed.parent)), imported_from
