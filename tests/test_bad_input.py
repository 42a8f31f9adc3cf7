"""Bad input, from the command line: each case gives one precise, located message, exit
code 1 (problems) or 2 (unusable input), no traceback, and no change to any file."""

from __future__ import annotations

import http.server
import json
import os
import threading
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from conftest import CliRunner
from packagekit import rehash, rows

from turkey_russia_data.validation import validate


def _descriptor(pkg: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    path = pkg / "datapackage.json"
    d = json.loads(path.read_text("utf-8"))
    change(d)
    path.write_text(json.dumps(d, indent=2), encoding="utf-8")


def _resource(name: str, key: str, value: object) -> Callable[[dict], None]:  # type: ignore[type-arg]
    def change(d: dict) -> None:  # type: ignore[type-arg]
        next(r for r in d["resources"] if r["name"] == name)[key] = value

    return change


def _bytes(table: str, change: Callable[[bytes], bytes], refresh: bool = True) -> Callable[[Path], None]:
    def setup(pkg: Path) -> None:
        path = pkg / "tables" / f"{table}.csv"
        path.write_bytes(change(path.read_bytes()))
        if refresh:
            rehash(pkg)

    return setup


def _schema(table: str, change: Callable[[dict], None]) -> Callable[[Path], None]:  # type: ignore[type-arg]
    def setup(pkg: Path) -> None:
        path = pkg / "schemas" / f"{table}.json"
        schema = json.loads(path.read_text("utf-8"))
        change(schema)
        path.write_text(json.dumps(schema), encoding="utf-8")

    return setup


def _symlink_out(pkg: Path) -> None:
    outside = pkg.parent / "outside.csv"
    target = pkg / "tables" / "arms_deals.csv"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    os.symlink(outside, target)


def _grow(pkg: Path) -> None:
    path = pkg / "tables" / "event_actors.csv"
    with path.open("ab") as handle:
        handle.write(b"EV0001,TUR,\n" * 400_000)


CASES: list[tuple[str, Callable[[Path], None], list[str], str]] = [
    (
        "ragged row",
        _bytes("energy_shares", lambda b: b.replace(b"\nES0002,", b"\nES0002,,", 1)),
        [],
        "tables/energy_shares.csv:3: E107 ragged-row, row ES0002: row has 17 cells, header has 16 "
        "(expected 16; found 17)",
    ),
    (
        "unclosed quote",
        _bytes("events", lambda b: b.replace(b"\nEV0003,", b'\nEV0003,"', 1)),
        [],
        "tables/events.csv:4: E105 malformed-csv: malformed CSV: ',' expected after '\"' (expected cells separated by "
        'commas; a quoted cell closed, with quotes inside it doubled; found EV0003,"',
    ),
    (
        "embedded NUL",
        _bytes("events", lambda b: b.replace(b"\nEV0002,", b"\nEV0002,\x00", 1)),
        [],
        "tables/events.csv:3: E105 malformed-csv: NUL byte in file",
    ),
    (
        "wrong encoding",
        _bytes("events", lambda b: b.decode("utf-8").encode("cp1254", errors="replace")),
        [],
        "tables/events.csv:",  # the line of the first non-ASCII byte; checked below
    ),
    (
        "byte-order mark",
        _bytes("events", lambda b: b"\xef\xbb\xbf" + b),
        [],
        "tables/events.csv:1: E103 bom: byte-order mark at start of file (expected UTF-8 without BOM)",
    ),
    (
        "CRLF",
        _bytes("events", lambda b: b.replace(b"\n", b"\r\n")),
        [],
        "tables/events.csv:1: E104 line-ending: CR line ending (expected LF; found CRLF or CR)",
    ),
    (
        "empty file",
        _bytes("arms_deals", lambda b: b""),
        [],
        "tables/arms_deals.csv:1: E105 malformed-csv: empty file: no header row (expected a header row)",
    ),
    (
        "header mismatch",
        _bytes("events", lambda b: b.replace(b"event_id,date,", b"event_id,when,", 1)),
        [],
        "tables/events.csv:1: E106 header-mismatch: header differs from schema: missing date; unexpected when",
    ),
    (
        "path escapes the folder",
        lambda p: _descriptor(p, _resource("arms_deals", "path", "../arms_deals.csv")),
        [],
        "datapackage.json: E101 resource-error, column path: resource 'arms_deals': path '../arms_deals.csv' "
        "leaves the package folder",
    ),
    (
        "absolute path",
        lambda p: _descriptor(p, _resource("arms_deals", "path", "/etc/passwd")),
        [],
        "datapackage.json: E101 resource-error, column path: resource 'arms_deals': path '/etc/passwd' is absolute; "
        "paths must be relative to the package folder",
    ),
    (
        "symlink out of the folder",
        _symlink_out,
        [],
        "datapackage.json: E101 resource-error, column path: resource 'arms_deals': path 'tables/arms_deals.csv' "
        "resolves outside the package folder (symbolic link?)",
    ),
    (
        "remote URL",
        lambda p: _descriptor(p, _resource("arms_deals", "path", "https://example.org/arms_deals.csv")),
        [],
        "datapackage.json: E101 resource-error, column path: resource 'arms_deals': path "
        "'https://example.org/arms_deals.csv' is remote and is not fetched; pass --allow-remote (allow_remote=True) "
        "to fetch http(s) resources, or download it into the package folder",
    ),
    (
        "missing schema",
        lambda p: (p / "schemas" / "events.json").unlink(),
        [],
        "datapackage.json: E101 resource-error, column schema: resource 'events': schema file schemas/events.json "
        "not found",
    ),
    (
        "schema pattern not a regular expression",
        _schema("events", lambda s: s["fields"][0]["constraints"].__setitem__("pattern", "^EV[0-9")),
        [],
        "schemas/events.json: E101 resource-error, column schema: resource 'events': unusable schema: field "
        "'event_id': pattern '^EV[0-9' is not a regular expression",
    ),
    (
        "schema field not an object",
        _schema("events", lambda s: s["fields"].__setitem__(1, "date")),
        [],
        "schemas/events.json: E101 resource-error, column schema: resource 'events': unusable schema: field 2 is "
        "not an object with a 'name'",
    ),
    (
        "schema foreign key without reference",
        _schema("trade_flows", lambda s: s["foreignKeys"][0].pop("reference")),
        [],
        "schemas/trade_flows.json: E101 resource-error, column schema: resource 'trade_flows': unusable schema: "
        "foreign key 1: needs a 'reference' with 'fields'",
    ),
    (
        "schema primary key names no field",
        _schema("arms_deals", lambda s: s.__setitem__("primaryKey", ["deal"])),
        [],
        "schemas/arms_deals.json: E101 resource-error, column schema: resource 'arms_deals': unusable schema: "
        "primaryKey ['deal'] names a field the schema does not have",
    ),
    (
        "file far larger than declared",
        _grow,
        [],
        "tables/event_actors.csv: E125 file-too-large: declared {declared} bytes; {size} bytes is far larger than "
        "expected; not read (limit {limit} bytes, see --max-bytes)",
    ),
    (
        "file larger than --max-bytes",
        lambda p: None,
        ["--max-bytes", "50000"],
        "tables/citations.csv: E125 file-too-large: declared",
    ),
]


@pytest.mark.parametrize(("setup", "args", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_one_precise_message(
    package_copy: Path, run_cli: CliRunner, setup: Callable[[Path], None], args: list[str], expected: str
) -> None:
    declared = (package_copy / "tables" / "event_actors.csv").stat().st_size
    setup(package_copy)
    size = (package_copy / "tables" / "event_actors.csv").stat().st_size
    expected = expected.format(declared=declared, size=size, limit=max(2 * declared, declared + 1024 * 1024))
    before = {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()}
    result = run_cli("validate", str(package_copy), *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout[:2000]
    assert {p: p.read_bytes() for p in package_copy.rglob("*") if p.is_file()} == before


def test_wrong_encoding_names_the_byte(package_copy: Path) -> None:
    path = package_copy / "tables" / "events.csv"
    text = path.read_text("utf-8")
    path.write_bytes(text.encode("cp1254", errors="replace"))
    rehash(package_copy)
    first = next(i for i, ch in enumerate(text.encode("cp1254", errors="replace")) if ch > 127)
    line = text.encode("cp1254", errors="replace").count(b"\n", 0, first) + 1
    (problem,) = validate(package_copy).by_code("E102")
    assert (problem.file, problem.line, problem.expected) == ("tables/events.csv", line, "UTF-8")
    assert problem.message == f"not UTF-8: invalid continuation byte at byte {first}" or problem.message.startswith(
        "not UTF-8: "
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "9"], "error: level '9' is out of range; levels are 1 to 8"),
        (["--level", "everything"], "error: unknown level 'everything'; use 1-8 or structure, evidence, quotes"),
        (["--select", "E999"], "error: unknown code or check 'E999'; see 'turkey-russia-data codes'"),
        (["--ignore", "typo-check"], "error: unknown code or check 'typo-check'"),
        (["--sources", "/nonexistent/texts"], "error: /nonexistent/texts: source-text folder not found"),
        (["--max-bytes", "-5"], "usage: "),
    ],
)
def test_bad_options_exit_2(run_cli: CliRunner, args: list[str], message: str) -> None:
    result = run_cli("validate", ".", *args)  # a PATH, so stderr holds only the error
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr


def test_oversized_or_remote_descriptor_exits_2(package_copy: Path, run_cli: CliRunner) -> None:
    remote = run_cli("validate", "https://example.org/datapackage.json")
    assert remote.returncode == 2
    assert remote.stderr.startswith("error: https://example.org/datapackage.json: a remote descriptor is not fetched")
    path = package_copy / "datapackage.json"
    path.write_text(path.read_text("utf-8") + " " * (5 * 1024 * 1024), encoding="utf-8")
    big = run_cli("validate", str(package_copy))
    assert big.returncode == 2
    assert "a descriptor larger than 4194304 is not read" in big.stderr and "Traceback" not in big.stderr


def test_conflicts_refuse_a_package_they_cannot_read_whole(package_copy: Path, run_cli: CliRunner) -> None:
    path = package_copy / "tables" / "trade_flows.csv"
    path.write_bytes(path.read_bytes().replace(b"\nTF0002,", b'\nTF0002,"', 1))
    rehash(package_copy)
    result = run_cli("conflicts", str(package_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "1 problem reading the tables (first: tables/trade_flows.csv: malformed CSV" in result.stderr
    assert result.stderr.rstrip().endswith("run 'turkey-russia-data validate' first")


@pytest.fixture
def served(package_copy: Path) -> Iterator[str]:
    """The package's tables folder over HTTP on localhost, for the --allow-remote path."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(package_copy / "tables"))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_remote_resources_are_fetched_only_when_allowed(package_copy: Path, served: str) -> None:
    _descriptor(package_copy, _resource("arms_deals", "path", f"{served}/arms_deals.csv"))
    refused = validate(package_copy)
    assert [p.code for p in refused.problems] == ["E101"]
    assert "is remote and is not fetched" in refused.problems[0].message
    fetched = validate(package_copy, allow_remote=True)
    assert fetched.valid, [str(p) for p in fetched.problems]
    assert fetched.tables["arms_deals"].rows == len(rows(package_copy / "tables" / "arms_deals.csv")) - 1
    missing = package_copy / "tables" / "arms_deals.csv"
    missing.unlink()
    gone = validate(package_copy, allow_remote=True)
    assert [p.code for p in gone.problems] == ["E101"]
    assert "cannot be fetched: HTTP Error 404" in gone.problems[0].message
