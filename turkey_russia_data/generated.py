"""Files the repository generates from its own data (schemas, descriptor, curation record):
which are out of date, and writing them."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def stale(files: Mapping[Path, str]) -> list[Path]:
    """The files whose content on disk differs from what would be generated."""
    return [p for p, text in files.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]


def update(files: Mapping[Path, str], write_them: bool) -> list[Path]:
    """The stale files, written first when asked: the --write / --check of a generator."""
    out_of_date = stale(files)
    if write_them:
        write(files, only=out_of_date)
    return out_of_date


def write(files: Mapping[Path, str], only: list[Path] | None = None) -> None:
    """Write the generated files (or only some of them), UTF-8 with LF line ends."""
    for path in files if only is None else only:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path], encoding="utf-8", newline="\n")


class _Parser(argparse.ArgumentParser):
    """Checks that the folders it was given exist: a missing one is one line and exit 2,
    not a traceback from deep inside the generator."""

    FOLDERS = ("root", "sources")

    def parse_args(self, args: Sequence[str] | None = None, namespace: None = None) -> argparse.Namespace:  # type: ignore[override]
        parsed = super().parse_args(args, namespace)
        for name in self.FOLDERS:
            folder = getattr(parsed, name, None)
            if isinstance(folder, Path) and not folder.is_dir():
                print(f"{self.prog}: error: --{name} {folder}: no such folder", file=sys.stderr)
                sys.exit(2)
        return parsed


def command_line(module: str, doc: str | None, *, write: str, check: str) -> argparse.ArgumentParser:
    """The command line every generator shares: ``--root`` and one of ``--write`` or
    ``--check``; a generator adds its own options to it. A ``--root`` or ``--sources``
    folder that does not exist ends the command with one line and exit 2."""
    parser = _Parser(prog=f"python -m {module}", description=doc)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: cwd)")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help=write)
    mode.add_argument("--check", action="store_true", help=check)
    return parser


def finish(files: Mapping[Path, str], args: argparse.Namespace, module: str) -> int:
    """Carry out a generator's --write or --check and say which files were stale; the exit
    code is 1 when --check finds any."""
    stale = update(files, args.write)
    for path in stale:
        if args.write:
            print(f"wrote {path}")
        else:
            print(f"{path}: out of date; run python -m {module} --write", file=sys.stderr)
    return 1 if stale and args.check else 0
