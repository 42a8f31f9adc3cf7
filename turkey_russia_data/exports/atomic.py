"""Writing an export so that a reader never sees half of it and nothing is overwritten
unless asked: everything is written under a temporary name beside the target, then
renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ExportError, OutputExistsError


@contextmanager
def replacing(out: Path, *, force: bool, directory: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write the export to; on success move it to ``out``.

    A file export is written to a temporary file in ``out``'s folder (same file system,
    so the final step is one atomic rename). Without ``force`` the rename is a hard link
    that fails when ``out`` appeared in the meantime, so a file that exists is never
    replaced, even one created while the export was being written. A folder export
    (Parquet) is built in a temporary folder; with ``force`` an existing folder is moved
    aside, the new one renamed into place, and only then the old one deleted.
    On any error the temporary files are removed and ``out`` is left as it was.
    """
    out = Path(os.path.abspath(out))
    _check_target(out, force=force, directory=directory)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    target = work / out.name
    try:
        yield target
        if directory:
            _move_folder(target, out, force=force)
        else:
            _move_file(target, out, force=force)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_target(out: Path, *, force: bool, directory: bool) -> None:
    if not out.parent.is_dir():
        raise ExportError(f"{out.parent}: no such folder; create it first")
    if not (out.exists() or out.is_symlink()):
        return
    if not force:
        raise OutputExistsError(out)
    if out.is_dir() and not directory:
        raise ExportError(f"{out}: is a folder; this format writes a single file, give a file name")
    if directory and not out.is_dir():
        raise ExportError(f"{out}: is a file; this format writes a folder, give a folder name")


def _move_file(target: Path, out: Path, *, force: bool) -> None:
    if force:
        os.replace(target, out)
        return
    try:
        os.link(target, out)
    except FileExistsError:
        raise OutputExistsError(out) from None
    except OSError:
        # No hard links on this file system: fall back to a checked rename.
        if out.exists():
            raise OutputExistsError(out) from None
        os.replace(target, out)


def _move_folder(target: Path, out: Path, *, force: bool) -> None:
    if not (out.exists() or out.is_symlink()):
        try:
            os.rename(target, out)
        except OSError:
            raise OutputExistsError(out) from None
        return
    if not force:
        raise OutputExistsError(out)
    aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
    os.rename(out, aside / out.name)
    os.rename(target, out)
    shutil.rmtree(aside, ignore_errors=True)
