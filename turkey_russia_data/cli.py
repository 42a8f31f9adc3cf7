"""Command line: ``turkey-russia-data`` (or ``python -m turkey_russia_data``).

Each command is a function registered with ``@command(...)`` right above it: its
arguments are declared there, its docstring is its help (first line: the summary; an
``Example:`` block is printed by ``--help``). A new command is one more decorated
function; ``COMMANDS`` lists them in the order they are shown.

A command that reads a package takes an optional PATH (a datapackage.json or the folder
holding it). Without one it uses the package in the current folder or the nearest
parent holding a datapackage.json (as git finds its repository), otherwise the
installed package, and says on stderr which one it used.

Exit codes: 0 success / package valid / no differences; 1 validation found problems
(or unexplained conflicts; for ``diff``: the versions differ); 2 unusable input (no such
path, not a data package or release record, unknown table, source, level or code, bad
arguments; for ``export``: the target exists and --force was not given, its folder is
missing, or the format's optional library is not installed).
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import UnusableInputError
from .exports import FORMATS
from .paths import DESCRIPTOR

if TYPE_CHECKING:
    from .loader import DataPackage

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2

PACKAGE_DEFAULT = "default: the package in the current folder or its parents, else the installed one"


@dataclass(frozen=True)
class Argument:
    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Argument:
    """An argument as ``argparse.ArgumentParser.add_argument`` takes it."""
    return Argument(flags, options)


# The optional PATH of every command that reads a package.
PACKAGE = arg("path", nargs="?", metavar="PATH", help=f"a datapackage.json or a folder with one ({PACKAGE_DEFAULT})")


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[argparse.Namespace], int]
    arguments: tuple[Argument, ...]
    # For a command whose options its own module declares (release): adds them to its parser.
    configure: Callable[[argparse.ArgumentParser], None] | None = None

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.run) or ""

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].rstrip(".")

    @property
    def example(self) -> str:
        """The lines of the docstring's ``Example:`` block, or "" when it has none."""
        _, found, rest = self.doc.partition("Example:\n")
        return rest.strip() if found else ""


COMMANDS: dict[str, Command] = {}


def command(
    name: str, *arguments: Argument, configure: Callable[[argparse.ArgumentParser], None] | None = None
) -> Callable[[Callable[[argparse.Namespace], int]], Any]:
    """Register the decorated function as the subcommand ``name``."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(name, run, arguments, configure)
        return run

    return register


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, found {text!r}")
    return value


def find_package(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current folder) holding a
    datapackage.json, or None."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / DESCRIPTOR).is_file():
            return folder
    return None


def package_path(given: str | None) -> str | Path:
    """The package a command reads: ``given`` (as given: it may be a URL the validator
    refuses by name), else the one found from the current folder, else the installed
    one; the last two are named on stderr."""
    if given is not None:
        return given
    found = find_package()
    if found is not None:
        where = "current folder" if found == Path.cwd().resolve() else "a parent of the current folder"
        print(f"using package: {found / DESCRIPTOR} (found in {where})", file=sys.stderr)
        return found
    from .paths import data_root

    root = data_root()
    print(f"using package: {root / DESCRIPTOR} (installed)", file=sys.stderr)
    return root


def open_package(given: str | None) -> DataPackage:
    from .loader import DataPackage

    return DataPackage(package_path(given))


# --- the commands, in the order --help lists them ----------------------------------


@command(
    "validate",
    PACKAGE,
    arg("--sources", metavar="DIR", help="folder of source texts (default: $TRD_SOURCES_DIR)"),
    arg("--format", choices=("text", "json", "github"), default="text"),
    arg("--level", metavar="LEVELS", help="levels to run: numbers, ranges or names (e.g. 1-3, values)"),
    arg("--select", metavar="CODES", action="append", help="report only these codes, prefixes or names"),
    arg("--ignore", metavar="CODES", action="append", help="do not report these codes, prefixes or names"),
    arg("--allow-remote", action="store_true", help="fetch http(s) resources (never fetched otherwise)"),
    arg("--max-bytes", type=_positive, metavar="N", help="size limit per file (default 64 MiB)"),
)
def validate_command(args: argparse.Namespace) -> int:
    """Check a data package at eight levels; exit 1 when it has problems.

    Example:
        turkey-russia-data validate . --sources ../texts --level 1-4
    """
    from .reading import DEFAULT_MAX_BYTES
    from .validation import validate
    from .validation.output import as_github, as_json, as_text

    report = validate(
        package_path(args.path),
        args.sources,
        levels=args.level,
        select=args.select,
        ignore=args.ignore,
        allow_remote=args.allow_remote,
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES,
    )
    render = {"text": as_text, "json": as_json, "github": as_github}[args.format]
    text = render(report)
    if text:
        print(text)
    return report.exit_code


@command("conflicts", PACKAGE, arg("--format", choices=("text", "json"), default="text"))
def conflicts_command(args: argparse.Namespace) -> int:
    """List facts that sources state differently, and refuted rows; exit 1 when one is unexplained.

    Example:
        turkey-russia-data conflicts path/to/fork --format json
    """
    from .validation import conflicts
    from .validation.output import conflicts_json, conflicts_text

    found = conflicts(package_path(args.path))
    print(conflicts_json(found) if args.format == "json" else conflicts_text(found))
    return EXIT_PROBLEMS if any(not c.explained for c in found) else EXIT_OK


@command(
    "diff",
    arg("old", help="a package folder, datapackage.json, release record or recorded version (1.0.0)"),
    arg("new", nargs="?", help=f"the same kinds ({PACKAGE_DEFAULT})"),
    arg("--format", choices=("text", "json", "markdown"), default="text"),
)
def diff_command(args: argparse.Namespace) -> int:
    """Rows added, removed and changed between two versions, field by field; exit 1 when they differ.

    A version number is looked up in the releases/ folder of NEW when NEW is a package.

    Example:
        turkey-russia-data diff 1.0.0 . --format markdown
    """
    from .versioning import as_json, as_markdown, as_text, compare, open_version

    new = Path(package_path(args.new))
    root = new if new.is_dir() else new.parent if new.name == DESCRIPTOR else None
    found = compare(open_version(args.old, releases_root=root), open_version(new))
    render = {"text": as_text, "json": as_json, "markdown": as_markdown}[args.format]
    print(render(found))
    return EXIT_OK if found.empty else EXIT_PROBLEMS


@command(
    "cite",
    arg("source_id", nargs="?", help="a source id (see tables/sources.csv); default: the dataset"),
    arg(
        "path",
        nargs="?",
        metavar="PATH",
        help=f"a datapackage.json or a folder with one ({PACKAGE_DEFAULT}); a lone argument that is a folder "
        "or a .json file is taken as PATH",
    ),
    arg("--style", choices=("apa", "bibtex", "cff"), default="apa"),
)
def cite_command(args: argparse.Namespace) -> int:
    """How to cite a version of the dataset (its title, version and date), or one of its
    sources.

    Example:
        turkey-russia-data cite pierini-balancing --style bibtex
    """
    from .citation import cite

    source_id, given = args.source_id, args.path
    if given is None and source_id is not None and _names_a_package(source_id):
        source_id, given = None, source_id
    found = package_path(given)
    print(cite(source_id, args.style, root=found))
    return EXIT_OK


def _names_a_package(text: str) -> bool:
    path = Path(text)
    return path.is_dir() or (path.suffix == ".json" and path.is_file())


@command(
    "export",
    PACKAGE,
    arg("--format", required=True, choices=FORMATS),
    arg("--out", required=True, metavar="OUT", help="file to write (parquet, site: a folder; bundle: .zip or folder)"),
    arg("--force", action="store_true", help="replace OUT if it exists (never replaced otherwise)"),
    arg("--sources", metavar="DIR", help="source texts for annotations and site (default: $TRD_SOURCES_DIR)"),
)
def export_command(args: argparse.Namespace) -> int:
    """Write the tables to SQLite, DuckDB, Parquet, Excel or JSON; a stand-alone bundle
    (zip or folder); the citations as Web Annotations; a static evidence explorer.

    Example:
        turkey-russia-data export --format sqlite --out trd.sqlite path/to/fork
    """
    from .exports import export

    print(export(args.out, args.format, force=args.force, package=open_package(args.path), sources=args.sources))
    return EXIT_OK


@command("versions", PACKAGE)
def versions_command(args: argparse.Namespace) -> int:
    """List the recorded releases of a package (its releases/ folder).

    Example:
        turkey-russia-data versions
    """
    from .versioning import open_version, recorded_versions

    pkg = open_package(args.path)
    for version in recorded_versions(pkg.root):
        snap = open_version(version, releases_root=pkg.root)
        rows = sum(len(t.rows) for t in snap.tables.values())
        print(f"{version:<8} released {snap.released or '?':<10}  {len(snap.tables)} tables, {rows} rows")
    return EXIT_OK


@command("codes")
def codes_command(args: argparse.Namespace) -> int:
    """List the validator's problem codes by level.

    Example:
        turkey-russia-data codes
    """
    from .validation import CODES, LEVELS

    for code, (level, name, meaning) in CODES.items():
        print(f"{code}  {level} {LEVELS[level]:<12} {name:<26} {meaning}")
    return EXIT_OK


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


@command("tables", PACKAGE)
def tables_command(args: argparse.Namespace) -> int:
    """List the tables with their row counts.

    Example:
        turkey-russia-data tables path/to/fork
    """
    from .vocab import FACT_TABLES

    pkg = open_package(args.path)
    # the first sentence of each description, cut to fit a terminal line
    titles = {
        r["name"]: _clip(r.get("description", "").split(". ")[0].split(": ")[0], 70)
        for r in pkg.descriptor["resources"]
    }
    counts = {name: len(pkg.load(name)) for name in pkg.tables()}
    width = max(len(n) for n in counts)
    for name, rows in counts.items():
        print(f"{name:<{width}}  {rows:>5} rows  {titles.get(name, '')}")
    facts = sum(counts.get(n, 0) for n in FACT_TABLES)
    print(
        f"\n{facts} fact rows backed by {counts.get('citations', 0)} citations from "
        f"{counts.get('sources', 0)} sources; data version {pkg.data_version()}"
    )
    return EXIT_OK


@command(
    "explore",
    PACKAGE,
    arg(
        "--sources", metavar="DIR", help="source texts, to show quotes in their paragraphs (default: $TRD_SOURCES_DIR)"
    ),
    arg("--port", type=int, default=8000, help="port on localhost (default 8000; 0 = any free)"),
    arg("--out", metavar="DIR", help="keep the built site in DIR (default: a temporary folder)"),
    arg("--no-browser", action="store_true", help="do not open a web browser"),
)
def explore_command(args: argparse.Namespace) -> int:
    """Browse the tables and their evidence in a web browser: builds the static explorer
    and serves it on localhost until Ctrl-C.

    Example:
        turkey-russia-data explore --sources path/to/texts --port 8000
    """
    from .explore import run

    return run(args, open_package(args.path))


@command(
    "show",
    arg("table"),
    PACKAGE,
    arg("--id", dest="row_id", help="show this row and its citations"),
    arg("--limit", type=int, default=20, help="rows to print (0 = all; default 20)"),
    arg("--format", choices=("text", "csv", "json"), default="text"),
)
def show_command(args: argparse.Namespace) -> int:
    """Print a table, or one row with its evidence.

    Example:
        turkey-russia-data show events --id EV0002
    """

    from .vocab import FACT_TABLES

    pkg = open_package(args.path)
    spec = pkg.spec(args.table)
    frame = pkg.load(args.table)[list(spec.columns)]
    if args.row_id is not None:
        key = spec.primary_key[0]
        frame = frame[frame[key] == args.row_id]
        if frame.empty:
            print(f"error: no row {args.row_id!r} in {args.table}", file=sys.stderr)
            return EXIT_UNUSABLE
    elif args.limit:
        frame = frame.head(args.limit)
    if args.format == "csv":
        sys.stdout.write(frame.to_csv(index=False, lineterminator="\n"))
    elif args.format == "json":
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        from .tableview import row_text, table_text

        # One row: "column  value" lines, unknown cells left out; a table: clipped cells.
        print(row_text(frame.iloc[0]) if args.row_id is not None else table_text(frame))
    if args.row_id is not None and args.table in FACT_TABLES and args.format == "text":
        print("\nevidence:")
        for c in pkg.citations_for(args.table, args.row_id).itertuples():
            print(f"  [{c.citation_id}] {c.source_id} ({c.relation}, {c.supports}): \u201c{c.quote}\u201d")
    return EXIT_OK


# --- the parser and the entry point ------------------------------------------------


def _release_arguments(parser: argparse.ArgumentParser) -> None:
    from .release import add_arguments

    add_arguments(parser)


@command("release", configure=_release_arguments)
def release_command(args: argparse.Namespace) -> int:
    """Regenerate every derived file, bump the version as the changes require, record the
    release and open its CHANGELOG section.

    PATH is the package folder (default: the current folder or its nearest parent with a
    datapackage.json). --check writes nothing and names each problem with its fix.
    Exit codes: 0 released or nothing to release, 1 problems, 2 unusable input.

    Example:
        turkey-russia-data release --sources path/to/texts
    """
    from .release import run

    return run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="turkey-russia-data",
        description="Türkiye-Russia relations as citation-verified tables: list, show, validate, compare, cite, "
        "export.",
        epilog="Exit codes: 0 ok, 1 validation problems found (diff: the versions differ), 2 unusable input.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for cmd in COMMANDS.values():
        p = sub.add_parser(
            cmd.name,
            help=cmd.summary,
            description=cmd.doc.partition("Example:\n")[0].strip(),
            epilog=f"example:\n  {cmd.example}" if cmd.example else None,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        for a in cmd.arguments:
            p.add_argument(*a.flags, **a.options)
        if cmd.configure is not None:
            cmd.configure(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command].run(args)
    except UnusableInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
