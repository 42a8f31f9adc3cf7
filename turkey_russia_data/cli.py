"""Command line: ``turkey-russia-data`` (or ``python -m turkey_russia_data``).

Exit codes: 0 success / package valid / no differences; 1 validation found problems
(or unexplained conflicts; for ``diff``: the versions differ); 2 unusable input (no such
path, not a data package or release record, unknown table, source, level or code, bad
arguments; for ``export``: the target exists and --force was not given, its folder is
missing, or the format's optional library is not installed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._version import __version__
from .errors import UnusableInputError

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="turkey-russia-data",
        description="Türkiye-Russia relations as citation-verified tables: list, show, validate, compare, cite, "
        "export.",
        epilog="Exit codes: 0 ok, 1 validation problems found (diff: the versions differ), 2 unusable input.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check a data package (default: the installed one)")
    v.add_argument("path", nargs="?", help="a datapackage.json or a folder with one")
    v.add_argument("--sources", metavar="DIR", help="folder of source texts (default: $TRD_SOURCES_DIR)")
    v.add_argument("--format", choices=("text", "json", "github"), default="text")
    v.add_argument("--level", metavar="LEVELS", help="levels to run: numbers, ranges or names (e.g. 1-3, values)")
    v.add_argument("--select", metavar="CODES", action="append", help="report only these codes, prefixes or names")
    v.add_argument("--ignore", metavar="CODES", action="append", help="do not report these codes, prefixes or names")
    v.add_argument("--allow-remote", action="store_true", help="fetch http(s) resources (never fetched otherwise)")
    v.add_argument("--max-bytes", type=_positive, metavar="N", help="size limit per file (default 64 MiB)")

    c = sub.add_parser("conflicts", help="list facts that sources state differently, and refuted rows")
    c.add_argument("path", nargs="?", help="a datapackage.json or a folder with one")
    c.add_argument("--format", choices=("text", "json"), default="text")

    d = sub.add_parser("diff", help="rows added, removed and changed between two versions, field by field")
    d.add_argument("old", help="a package folder, datapackage.json, release record or recorded version (1.0.0)")
    d.add_argument("new", nargs="?", help="the same kinds (default: the installed package)")
    d.add_argument("--format", choices=("text", "json", "markdown"), default="text")

    ci = sub.add_parser("cite", help="how to cite this version of the dataset, or one of its sources")
    ci.add_argument("source_id", nargs="?", help="a source id (see tables/sources.csv); default: the dataset")
    ci.add_argument("--style", choices=("apa", "bibtex", "cff"), default="apa")

    ex = sub.add_parser("export", help="write the tables to SQLite, DuckDB, Parquet, Excel or JSON")
    ex.add_argument("--format", required=True, choices=("sqlite", "duckdb", "parquet", "xlsx", "json"))
    ex.add_argument("--out", required=True, metavar="PATH", help="file to write (parquet: a folder)")
    ex.add_argument("--force", action="store_true", help="replace PATH if it exists (never replaced otherwise)")

    sub.add_parser("versions", help="list the recorded releases")
    sub.add_parser("codes", help="list the validator's problem codes by level")
    sub.add_parser("tables", help="list the tables with their row counts")

    s = sub.add_parser("show", help="print a table, or one row with its evidence")
    s.add_argument("table")
    s.add_argument("--id", dest="row_id", help="show this row and its citations")
    s.add_argument("--limit", type=int, default=20, help="rows to print (0 = all; default 20)")
    s.add_argument("--format", choices=("text", "csv", "json"), default="text")

    # release: its options and logic live in turkey_russia_data/release.py
    from .release import add_arguments as release_arguments

    r = sub.add_parser(
        "release",
        help="regenerate derived files, bump the version as the changes require, record the release",
        description="Release the package at PATH (default: the current folder or its nearest parent with a "
        "datapackage.json). Exit codes: 0 released or nothing to release, 1 problems, 2 unusable input.",
    )
    release_arguments(r)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, found {text!r}")
    return value


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validation import validate
    from .validation.output import as_github, as_json, as_text
    from .validation.package_io import DEFAULT_MAX_BYTES

    report = validate(
        args.path,
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


def _cmd_conflicts(args: argparse.Namespace) -> int:
    from .validation import conflicts
    from .validation.output import conflicts_json, conflicts_text

    found = conflicts(args.path)
    print(conflicts_json(found) if args.format == "json" else conflicts_text(found))
    return EXIT_PROBLEMS if any(not c.explained for c in found) else EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from .versioning import as_json, as_markdown, as_text, diff

    found = diff(args.old, args.new)
    render = {"text": as_text, "json": as_json, "markdown": as_markdown}[args.format]
    print(render(found))
    return EXIT_OK if found.empty else EXIT_PROBLEMS


def _cmd_cite(args: argparse.Namespace) -> int:
    from .citation import cite

    print(cite(args.source_id, args.style))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .exports import export

    print(export(args.out, args.format, force=args.force))
    return EXIT_OK


def _cmd_versions() -> int:
    from .paths import data_root
    from .versioning import open_version, recorded_versions

    for version in recorded_versions(data_root()):
        snap = open_version(version)
        rows = sum(len(t.rows) for t in snap.tables.values())
        print(f"{version:<8} released {snap.released or '?':<10}  {len(snap.tables)} tables, {rows} rows")
    return EXIT_OK


def _cmd_codes() -> int:
    from .validation import CODES, LEVELS

    for code, (level, name, meaning) in CODES.items():
        print(f"{code}  {level} {LEVELS[level]:<12} {name:<26} {meaning}")
    return EXIT_OK


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _cmd_tables() -> int:
    from .loader import data_version, load, tables
    from .schema import package_descriptor
    from .vocab import FACT_TABLES

    # the first sentence of each description, cut to fit a terminal line
    titles = {
        r["name"]: _clip(r.get("description", "").split(". ")[0].split(": ")[0], 70)
        for r in package_descriptor()["resources"]
    }
    counts = {name: len(load(name)) for name in tables()}
    width = max(len(n) for n in counts)
    for name, rows in counts.items():
        print(f"{name:<{width}}  {rows:>5} rows  {titles.get(name, '')}")
    facts = sum(counts[n] for n in FACT_TABLES)
    print(
        f"\n{facts} fact rows backed by {counts.get('citations', 0)} citations from "
        f"{counts.get('sources', 0)} sources; data version {data_version()}"
    )
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    import pandas as pd

    from .loader import citations_for, load
    from .schema import table_spec
    from .vocab import FACT_TABLES

    spec = table_spec(args.table)
    frame = load(args.table)[list(spec.columns)]
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
        if args.row_id is not None:
            # One row: "column  value" lines, empty (unknown) cells left out.
            row = frame.iloc[0]
            shown = [c for c in frame.columns if not pd.isna(row[c])]
            width = max(len(c) for c in shown)
            for column in shown:
                print(f"{column:<{width}}  {row[column]}")
        else:
            with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 60):
                print(frame.to_string(index=False))
    if args.row_id is not None and args.table in FACT_TABLES and args.format == "text":
        print("\nevidence:")
        for c in citations_for(args.table, args.row_id).itertuples():
            print(f"  [{c.citation_id}] {c.source_id} ({c.relation}, {c.supports}): \u201c{c.quote}\u201d")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "conflicts":
            return _cmd_conflicts(args)
        if args.command == "diff":
            return _cmd_diff(args)
        if args.command == "cite":
            return _cmd_cite(args)
        if args.command == "export":
            return _cmd_export(args)
        if args.command == "versions":
            return _cmd_versions()
        if args.command == "codes":
            return _cmd_codes()
        if args.command == "tables":
            return _cmd_tables()
        if args.command == "release":
            from .release import run as release

            return release(args)
        return _cmd_show(args)
    except UnusableInputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
