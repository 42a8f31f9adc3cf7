"""Release a version of the data: ``turkey-russia-data release [PATH]``.

One command after editing the tables (or the models):

1. regenerates every derived file: the Table Schemas and datapackage.json with the file
   hashes, the data dictionary, the errata list, the curation checklists (when the source
   texts are given by ``--sources`` or ``TRD_SOURCES_DIR``), CITATION.cff, and the row
   counts README.md and DATASHEET.md state;
2. compares the data with the latest release record in ``releases/`` and computes the
   bump the version recipe requires (``--bump`` asks for a bigger one, never a smaller);
3. writes the new version where the package keeps it (``turkey_russia_data/_version.py``
   in this repository, datapackage.json in a folder without it), regenerates the files
   that carry the version, records the release in ``releases/<version>.json``, and opens a
   CHANGELOG.md section listing the changed row ids for the curator to describe.

``--check`` writes nothing: it names, for each problem, the file and the command that
fixes it (versioning codes R101-R109, see ``turkey_russia_data.versioning.check``, and
derived files out of date). ``python -m turkey_russia_data.release`` is the same
command; its ``--write`` only records the current version, then checks.

Exit codes: 0 released, or nothing to release (the data equals its latest release), or
--check found nothing; 1 problems (the release check, or a --bump smaller than the
changes require; nothing is released); 2 unusable input (no data package, bad arguments).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import generated
from ._version import CREATED
from .errors import UnusableInputError

if TYPE_CHECKING:
    from .versioning.changes import Diff
    from .versioning.check import ReleaseProblem

# The versioning and validation modules load when a release runs, not when the command
# line is built: every turkey-russia-data command registers this one's options.
Bump = Literal["none", "patch", "minor", "major"]
BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")

COMMAND = "turkey-russia-data release"
SOURCES_ENV = "TRD_SOURCES_DIR"
CHANGELOG = "CHANGELOG.md"
EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2
# Versioning problems in datapackage.json that a release resolves by bumping the version
# and recording it; any other problem stops the release.
_RELEASE_FIXES = {"R101", "R102", "R103", "R109"}
_LISTED = 20  # changed rows named one by one (with their fields) before ids as runs


# --- derived files ------------------------------------------------------------------------


@dataclass(frozen=True)
class Generator:
    """A derived file (or set of files) and the module whose --write regenerates it."""

    module: str
    files: Callable[[Path, Path | None], dict[Path, str]]
    outputs: tuple[str, ...]  # the files or folders it writes, relative to the package root
    library_only: bool = False  # generated from this library's models, not from the package's files


def _descriptor(root: Path, sources: Path | None) -> dict[Path, str]:
    from . import descriptor

    return descriptor.generated_files(root)


def _dictionary(root: Path, sources: Path | None) -> dict[Path, str]:
    from . import dictionary

    return dictionary.files(root)


def _errata(root: Path, sources: Path | None) -> dict[Path, str]:
    from .curation import errata

    return {root / errata.OUT: errata.render(*errata.collect(root))}


def _checklists(root: Path, sources: Path | None) -> dict[Path, str]:
    from .curation import checklist

    return {} if sources is None else checklist.build(root, sources)


def _citation(root: Path, sources: Path | None) -> dict[Path, str]:
    from . import citation

    return citation.files(root)


def _zenodo(root: Path, sources: Path | None) -> dict[Path, str]:
    from . import zenodo

    return {root / zenodo.OUT: zenodo.text(root)}


def _doc_counts(root: Path, sources: Path | None) -> dict[Path, str]:
    from . import doc_counts

    return doc_counts.files(root)


# In dependency order: the descriptor (version, hashes) first, since the dictionary,
# CITATION.cff and the row counts read it.
GENERATORS = (
    Generator("turkey_russia_data.descriptor", _descriptor, ("datapackage.json", "schemas"), library_only=True),
    Generator("turkey_russia_data.dictionary", _dictionary, ("docs/data-dictionary.md",)),
    Generator("turkey_russia_data.curation.errata", _errata, ("docs/curation/errata-and-conflicts.md",)),
    Generator("turkey_russia_data.curation.checklist", _checklists, ("docs/curation/checklists",)),
    Generator("turkey_russia_data.citation", _citation, ("CITATION.cff",)),
    Generator("turkey_russia_data.zenodo", _zenodo, (".zenodo.json",)),
    Generator("turkey_russia_data.doc_counts", _doc_counts, ("README.md", "DATASHEET.md")),
)


def _refreshed_descriptor(root: Path) -> dict[Path, str]:
    """A fork's datapackage.json with each local resource's hash and size brought up to
    date; everything else as the fork wrote it."""
    import hashlib
    import json

    from .jsontext import parse_json

    path = root / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    descriptor = parse_json(text)
    before = parse_json(text)
    for resource in descriptor.get("resources", []):
        data = root / str(resource.get("path", ""))
        if isinstance(resource.get("path"), str) and data.is_file() and data.resolve().is_relative_to(root.resolve()):
            raw = data.read_bytes()
            resource["hash"] = f"sha256:{hashlib.sha256(raw).hexdigest()}"
            resource["bytes"] = len(raw)
    # the fork's own layout is kept while nothing changed
    return {path: text if descriptor == before else json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"}


def derived_files(root: Path, sources: Path | None, generator: Generator) -> dict[Path, str]:
    """What ``generator`` makes for the package at ``root``. In this repository every
    generator runs; in a folder without ``turkey_russia_data/_version.py`` (a fork of the
    data) the descriptor's hashes are refreshed and the other files are kept current where
    the fork has them."""
    from .versioning import version_file

    library = version_file.library_file(root) is not None
    if not library:
        if generator.library_only:
            return _refreshed_descriptor(root)
        if not any((root / output).exists() for output in generator.outputs):
            return {}
    try:
        files = generator.files(root, sources)
    except (OSError, KeyError, ValueError) as exc:
        raise UnusableInputError(
            f"{root / generator.outputs[0]}: cannot be regenerated ({type(exc).__name__}: {exc}); "
            f"fix the input, then run {COMMAND}"
        ) from None
    return files


def regenerate(root: Path, sources: Path | None) -> list[Path]:
    """Write every derived file that is out of date, in dependency order; the files written."""
    written: list[Path] = []
    for generator in GENERATORS:
        written += generated.update(derived_files(root, sources, generator), True)
    return written


def stale(root: Path, sources: Path | None) -> list[tuple[Path, str]]:
    """Derived files that differ from what the release would write, with their generator."""
    return [
        (path, generator.module)
        for generator in GENERATORS
        for path in generated.stale(derived_files(root, sources, generator))
    ]


# --- the changelog --------------------------------------------------------------------------


def changelog_section(diff: Diff, version: str, released: str) -> str:
    """A CHANGELOG.md section for a release: the changes the diff finds, each row id named,
    under a note asking the curator to describe them."""
    from .versioning.changes import ranked
    from .versioning.render import id_ranges

    added, changed, removed = [], [f"- {r.what}" for r in ranked(diff.package)], []
    for t in diff.tables:
        changed += [f"- `{t.name}`: {r.what}" for r in ranked(t.schema) if r.about == "schema"]
        if t.added:
            added.append(f"- `{t.name}`: {id_ranges([i for i, _ in t.added])}")
        if t.changed:
            if len(t.changed) <= _LISTED:
                ids = ", ".join(f"{c.row_id} ({', '.join(c.fields)})" for c in t.changed)
            else:
                ids = id_ranges([c.row_id for c in t.changed])
            changed.append(f"- `{t.name}`: {ids}")
        if t.removed:
            retired = [r.row_id for r in t.removed if r.retirement]
            gone = [r.row_id for r in t.removed if not r.retirement]
            parts = ([f"retired {id_ranges(retired)}"] if retired else []) + (
                [f"removed {id_ranges(gone)}"] if gone else []
            )
            removed.append(f"- `{t.name}`: {'; '.join(parts)}")
    lines = [
        f"## [{version}] - {released}",
        "",
        f"<!-- Describe each change for users: what was corrected or added, and on which source. "
        f"The row ids come from `turkey-russia-data diff {diff.old.version} {version}`. -->",
        "",
    ]
    for title, items in (("Added", added), ("Changed", changed), ("Removed", removed)):
        if items:
            lines += [f"### {title}", "", *items, ""]
    return "\n".join(lines) + "\n"


_RELEASED_HEADING = re.compile(r"^## \[\d+\.\d+\.\d+\]", re.M)


def has_section(text: str, version: str) -> bool:
    return re.search(rf"^## \[{re.escape(version)}\]", text, re.M) is not None


def open_section(text: str, section: str) -> str:
    """``text`` with ``section`` placed before the newest released section, after
    [Unreleased] and whatever precedes it; nothing else is touched."""
    first = _RELEASED_HEADING.search(text)
    if first is None:
        return text.rstrip("\n") + "\n\n" + section
    return text[: first.start()] + section + text[first.start() :]


# --- the command ----------------------------------------------------------------------------


def find_root(given: str | Path | None) -> Path:
    """The package folder: ``given`` (a folder or its datapackage.json), else the current
    folder or the nearest parent with a datapackage.json."""
    if given is not None:
        path = Path(given)
        folder = path.parent if path.name == "datapackage.json" else path
        if not (folder / "datapackage.json").is_file():
            raise UnusableInputError(f"{folder}: no datapackage.json here; pass the folder of the package to release")
        return folder
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "datapackage.json").is_file():
            return folder
    raise UnusableInputError(f"no datapackage.json in {here} or its parents; pass the package folder as PATH")


def _sources(given: str | Path | None) -> Path | None:
    text = given if given is not None else os.environ.get(SOURCES_ENV) or None
    if text is None:
        return None
    path = Path(text)
    if not path.is_dir():
        raise UnusableInputError(f"{path}: the source texts folder does not exist; pass --sources DIR")
    return path


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, found {text!r}") from None


def record_file(root: Path, released: str | None = None) -> tuple[Path, str]:
    """The release record of the package at ``root``: its path and exact text. The
    release date is ``released``, else the one already recorded, else the day the version
    was created."""
    from .versioning import version_file
    from .versioning.record import record_of, record_path, render
    from .versioning.snapshot import package_snapshot, read_record

    snapshot = package_snapshot(root)
    path = record_path(root, snapshot.version)
    if released is None and path.is_file():
        released = read_record(path).get("released")
    if released is None:
        released = (version_file.read(root)[1] or CREATED)[:10]
    return path, render(record_of(snapshot, released))


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _with_fix(p: ReleaseProblem) -> str:
    from .problem import problem_line

    line = problem_line(p)
    if p.code in _RELEASE_FIXES and p.file == "datapackage.json" and COMMAND not in p.message:
        line += f"; run {COMMAND}"
    return line


def problems(root: Path, sources: Path | None) -> list[str]:
    """Every problem ``--check`` reports, one line each, with the file and the fix."""
    from .versioning import version_file
    from .versioning.check import check
    from .versioning.record import recorded_versions

    lines = [_with_fix(p) for p in check(root)]
    lines += [
        f"{_relative(path, root)}: out of date (made by python -m {module} --write); run {COMMAND}"
        for path, module in stale(root, sources)
    ]
    version = version_file.read(root)[0]
    changelog = root / CHANGELOG
    listed = changelog.is_file() and has_section(changelog.read_text(encoding="utf-8"), version)
    if changelog.is_file() and not listed and version in recorded_versions(root):
        lines.append(f"{CHANGELOG}: no section for version {version}; run {COMMAND} (it opens one)")
    return lines


def _required(root: Path, latest: str | None) -> Diff | None:
    from .versioning.changes import compare
    from .versioning.record import record_path
    from .versioning.snapshot import package_snapshot, record_snapshot

    if latest is None:
        return None
    return compare(record_snapshot(record_path(root, latest), label=latest), package_snapshot(root))


def _target(current: str, latest: str | None, history: list[str], chosen: Bump, required: Bump) -> str:
    """The version to release: the smallest after the latest release that covers the
    changes (or the bump asked for); a higher unrecorded version already written is kept."""
    from .versioning import semver

    if latest is None:
        return semver.next_version(current, chosen) if chosen != "none" else current
    if required == "none" and chosen == "none":
        return latest
    target = semver.next_version(latest, chosen)
    if current not in history and semver.parse(current) > semver.parse(target):
        return current
    return target


def release(root: Path, *, bump: Bump | None = None, sources: Path | None = None, date: str | None = None) -> int:
    """Release the package at ``root``; prints what it does and returns the exit code."""
    from .problem import problem_line
    from .versioning import semver, version_file
    from .versioning.changes import compare, ranked
    from .versioning.check import check
    from .versioning.record import record_path, recorded_versions
    from .versioning.snapshot import read_record, record_snapshot

    current = version_file.read(root)[0]
    semver.parse(current)
    regenerate(root, sources)
    history = recorded_versions(root)
    latest = history[-1] if history else None
    diff = _required(root, latest)
    required: Bump = diff.required if diff is not None else "none"
    if bump is not None and BUMPS.index(bump) < BUMPS.index(required):
        reasons = "; ".join(str(r) for r in ranked(diff.reasons)[:3]) if diff else ""
        print(
            f"error: --bump {bump} is smaller than the changes require: {required} ({reasons}); "
            f"run {COMMAND} --bump {required} (or without --bump)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    chosen: Bump = bump or required
    # The data as the release will version it (at the bump the changes need, so that a row
    # retired in this release checks against its own version): id checks cover the edits too.
    ahead = current if latest is None or semver.parse(current) > semver.parse(latest) else None
    ahead = ahead or semver.next_version(latest or current, chosen if chosen != "none" else "patch")
    found = check(root, version=ahead)
    blocking = [p for p in found if not (p.code in _RELEASE_FIXES and p.file == "datapackage.json")]
    if blocking:
        for p in blocking:
            print(problem_line(p))
        print(f"release stopped: {len(blocking)} versioning problems to fix first; nothing was released")
        return EXIT_PROBLEMS
    version = _target(current, latest, history, chosen, required)
    if version == latest and version == current:
        print(f"nothing to release: the data equals release {latest}; derived files are current")
        return EXIT_OK

    released = date or dt.datetime.now(dt.timezone.utc).date().isoformat()
    if version not in history:
        generated.update(version_file.written(root, version, f"{released}T00:00:00Z"), True)
    elif version != current:  # back to a recorded version whose data this is: its own date
        recorded_on = read_record(record_path(root, version)).get("released") or released
        generated.update(version_file.written(root, version, f"{recorded_on}T00:00:00Z"), True)
    regenerate(root, sources)
    path, text = record_file(root, released if version not in history else None)
    generated.update({path: text}, True)

    made = f"{latest} -> {version}" if latest else version
    print(f"released {made} ({chosen} bump; the changes need {required}): {_relative(path, root)}")
    changelog = root / CHANGELOG
    if changelog.is_file() and diff is not None and version not in history:
        existing = changelog.read_text(encoding="utf-8")
        if has_section(existing, version):
            print(f"{CHANGELOG}: section [{version}] already there; left as it is")
        else:
            # the diff against the release as recorded, so the section names what users get
            recorded = compare(diff.old, record_snapshot(path, label=version))
            generated.write({changelog: open_section(existing, changelog_section(recorded, version, released))})
            print(f"{CHANGELOG}: opened section [{version}]; describe the changes listed there")
    remaining = problems(root, sources)
    for line in remaining:
        print(line)
    if sources is None:
        print(f"note: checklists not regenerated: no source texts (--sources DIR or {SOURCES_ENV})")
    return EXIT_PROBLEMS if remaining else EXIT_OK


# What a release reads and writes, copied for --dry-run (the rest of a folder is never touched).
_RELEASED_FILES = (
    "datapackage.json",
    "schemas",
    "tables",
    "releases",
    "docs",
    "CHANGELOG.md",
    "CITATION.cff",
    "README.md",
    "DATASHEET.md",
    "turkey_russia_data/_version.py",
)


def dry_run(root: Path, *, bump: Bump | None = None, sources: Path | None = None, date: str | None = None) -> int:
    """The release of a temporary copy of the package at ``root``: what it says and the
    files it would write; ``root`` itself is left as it is."""
    import contextlib
    import io
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="trd-release-") as tmp:
        copy = Path(tmp) / "package"
        for name in _RELEASED_FILES:
            source, target = root / name, copy / name
            if source.is_dir():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
            elif source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        said = io.StringIO()
        with contextlib.redirect_stdout(said):
            code = release(copy, bump=bump, sources=sources, date=date)
        changed = [
            path.relative_to(copy)
            for path in sorted(copy.rglob("*"))
            if path.is_file()
            and (
                not (root / path.relative_to(copy)).is_file()
                or (root / path.relative_to(copy)).read_bytes() != path.read_bytes()
            )
        ]
    for line in said.getvalue().splitlines():
        print(f"(dry run) {line}")
    for path in changed:
        print(f"would write {path}")
    print(f"dry run: {len(changed)} files would change; nothing was written")
    return code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the release command (the CLI registers them on its subcommand)."""
    parser.add_argument(
        "path", nargs="?", help="the package folder (default: the current folder or its nearest parent with one)"
    )
    parser.add_argument(
        "--bump",
        choices=("patch", "minor", "major"),
        help="release at least this bump (default: what the changes need)",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; name each problem with its fix; exit 1 if any"
    )
    parser.add_argument(
        "--sources", metavar="DIR", help=f"folder of source texts for the checklists (default: ${SOURCES_ENV})"
    )
    parser.add_argument("--date", type=_date, help="release date, YYYY-MM-DD (default: today, UTC)")
    parser.add_argument(
        "--dry-run", action="store_true", help="release a temporary copy and list the files it would write"
    )


def run(args: argparse.Namespace) -> int:
    """Carry out ``turkey-russia-data release`` with parsed arguments; the exit code."""
    from .problem import problem_line
    from .versioning.check import check

    try:
        root = find_root(getattr(args, "root", None) or args.path)
        sources = _sources(args.sources)
        if getattr(args, "write", False):  # python -m turkey_russia_data.release --write: record only
            path, text = record_file(root, args.date)
            generated.write({path: text})
            print(f"recorded {path}")
            found = [problem_line(p) for p in check(root)]
        elif args.check:
            found = problems(root, sources)
        else:
            act = dry_run if getattr(args, "dry_run", False) else release
            return act(root, bump=args.bump, sources=sources, date=args.date)
    except UnusableInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    for line in found:
        print(line)
    print(f"{len(found)} release problems" if found else "release: ok")
    return EXIT_PROBLEMS if found else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m turkey_russia_data.release",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.add_argument("--root", type=Path, help="the package folder (the same as PATH)")
    parser.add_argument("--write", action="store_true", help="only record the current version, then check")
    args = parser.parse_args(argv)
    if args.write and args.check:
        parser.error("--write and --check exclude each other")
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
