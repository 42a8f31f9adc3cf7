"""Writing an export so that a reader never sees half of it and nothing is overwritten
unless asked: everything is written under a temporary name beside the target, then
renamed into place.

Nothing is left behind either. The temporary folder is named
``.<target name>.<process id>.<random>.part``: while an export runs, SIGTERM (when the
process has no handler of its own for it) removes the folder and ends the process with
exit code 143; after a SIGKILL, which no process can catch, the next export to the same
target removes the folders of processes that are gone."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

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
    remove_stale_parts(out)
    with _terminate_cleanly():
        # Named before it exists, and made inside the try: a SIGTERM that lands just after
        # the folder is made still finds the finally that removes it.
        work = out.parent / f".{out.name}.{os.getpid()}.{secrets.token_hex(6)}{_PART}"
        try:
            work.mkdir(mode=0o700)
            target = work / out.name
            yield target
            if directory:
                _move_folder(target, out, force=force)
            else:
                _move_file(target, out, force=force)
        finally:
            shutil.rmtree(work, ignore_errors=True)


_PART = ".part"
EXIT_TERMINATED = 128 + signal.SIGTERM


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Unwinds the export like any exception: the writer closes its file, ``replacing``
    # removes the temporary folder, and the interpreter exits with 128 + SIGTERM.
    raise SystemExit(EXIT_TERMINATED)


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """SIGTERM ends the process through ``_on_sigterm`` while the block runs, when it
    would otherwise end it on the spot (the default action); a handler the program
    installed itself is left alone. The previous handler is restored afterwards."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, owned by someone else
        return False
    return False


def remove_stale_parts(out: Path) -> list[Path]:
    """Remove the temporary folders of exports to ``out`` whose process is gone (killed
    mid-export); returns them. Only folders named as ``replacing`` names them are
    touched, and never one of a running process."""
    own = re.compile(rf"\.{re.escape(out.name)}\.([0-9]+)\.[A-Za-z0-9_]+{re.escape(_PART)}")
    removed = []
    try:
        candidates = list(out.parent.iterdir())
    except OSError:
        return []
    for path in candidates:
        m = own.fullmatch(path.name)
        if m is None or path.is_symlink() or not path.is_dir():
            continue
        pid = int(m.group(1))
        if pid != os.getpid() and _process_gone(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


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
