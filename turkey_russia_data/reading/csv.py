"""Read one resource's CSV file into a ``Table``: the fast Arrow reader where it is
provably exact (see ``arrow_csv``), the strict reader (``csv.reader(strict=True)``)
otherwise, every way the file can be broken reported as a located problem."""

from __future__ import annotations

import csv
import io
import mmap
from typing import Any

import pyarrow as pa

from ..problem import Problem
from ..schema import TableSpec, table_spec_from
from .arrow_csv import read_columns
from .buffers import strings
from .hashes import hash_problems
from .package import Package, is_remote, read_bytes, resource_schema, safe_local
from .table import Rows, Table
from .threads import in_background


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def read_table(pkg: Package, resource: dict[str, Any], problems: list[Problem]) -> Table | None:
    """One resource's CSV as a Table, its problems appended to ``problems`` (the file's hash
    and size against the descriptor too); None when its rows cannot be read."""
    name = str(resource.get("name", "?"))
    ref = resource.get("path")
    dfile = pkg.descriptor_file.name
    if not (pkg.allow_remote and is_remote(ref)):
        path, why = safe_local(pkg.root, ref, "path")
        if path is None:
            problems.append(Problem("E101", dfile, f"resource {name!r}: {why}", column="path"))
            return None
        if not path.is_file():
            problems.append(Problem("E101", str(ref), f"resource {name!r}: file not found", expected="a CSV file"))
            return None
    file = str(ref)
    schema = resource_schema(pkg, resource, name, problems)
    if schema is None:
        return None
    try:
        spec = table_spec_from({"name": name, "path": file}, schema)
    except (KeyError, TypeError) as exc:
        problems.append(Problem("E101", file, f"resource {name!r}: unusable schema ({exc})"))
        return None

    raw = read_bytes(pkg, ref, "path", file, problems, resource.get("bytes"), mapped=True)
    if raw is None:
        return None
    found: list[Problem] = []
    with in_background(hash_problems, resource, raw, file, size=len(raw)) as hashed:  # while the file is parsed
        table = _read_data(spec, file, schema, raw, found)
        problems.extend(hashed.result())
    problems.extend(found)
    return table


def _read_data(
    spec: TableSpec, file: str, schema: dict[str, Any], raw: bytes | mmap.mmap, problems: list[Problem]
) -> Table | None:
    """The table in a file's bytes; None when it cannot be read as CSV."""
    if raw[:3] == b"\xef\xbb\xbf":
        problems.append(Problem("E103", file, "byte-order mark at start of file", line=1, expected="UTF-8 without BOM"))
        raw = raw[3:]
    cr = raw.find(b"\r")
    # The fast reader takes LF line endings; CRs are reported (E104) and normalised in a copy.
    data = bytes(raw).replace(b"\r\n", b"\n").replace(b"\r", b"\n") if cr >= 0 else raw
    fast = read_columns(data) if raw.find(b"\x00") < 0 else None
    if fast is not None:
        if cr >= 0:
            problems.append(_cr_problem(file, raw[:cr].count(b"\n") + 1))
        header, columns = fast
        _check_header(spec, file, header, problems)
        return Table(spec, file, header, columns, None, schema)
    strict = _read_strict(bytes(raw), file, problems)
    if strict is None:
        return None
    header, rows = strict
    _check_header(spec, file, header, problems)
    return _from_rows(spec, file, header, rows, schema, problems)


def _cr_problem(file: str, line: int) -> Problem:
    return Problem("E104", file, "CR line ending", line=line, expected="LF", found="CRLF or CR")


def _read_strict(raw: bytes, file: str, problems: list[Problem]) -> tuple[list[str], Rows] | None:
    """Header and (line, cells) rows by the strict reader; None, with a problem, when the
    file cannot be read as CSV at all."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(
            Problem(
                "E102",
                file,
                f"not UTF-8: {exc.reason} at byte {exc.start}",
                line=line,
                expected="UTF-8",
                found=repr(raw[exc.start : exc.start + 4]),
            )
        )
        return None
    if "\x00" in text:
        problems.append(Problem("E105", file, "NUL byte in file", line=_line_of(text, text.index("\x00"))))
        return None
    if "\r" in text:
        problems.append(_cr_problem(file, _line_of(text, text.index("\r"))))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        problems.append(Problem("E105", file, "empty file: no header row", line=1, expected="a header row"))
        return None
    return _parse_csv(text, file, problems)


def _check_header(spec: TableSpec, file: str, header: list[str], problems: list[Problem]) -> None:
    expected = list(spec.columns)
    if header == expected:
        return
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    detail = "; ".join(
        part
        for part in (
            f"missing {', '.join(missing)}" if missing else "",
            f"unexpected {', '.join(extra)}" if extra else "",
            "columns out of order" if not missing and not extra else "",
        )
        if part
    )
    problems.append(
        Problem(
            "E106",
            file,
            f"header differs from schema: {detail}",
            line=1,
            expected=",".join(expected),
            found=",".join(header),
        )
    )


def _from_rows(
    spec: TableSpec,
    file: str,
    header: list[str],
    rows: list[tuple[int, list[str]]],
    schema: dict[str, Any],
    problems: list[Problem],
) -> Table:
    """A table of the rows that fit the header; the others are reported (E107)."""
    width = len(header)
    kept: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if cells == [] or (cells == [""] and width > 1):
            problems.append(Problem("E107", file, "blank line", line=line, expected=f"{width} cells", found="0"))
        elif len(cells) != width:
            problems.append(
                Problem(
                    "E107",
                    file,
                    f"row has {len(cells)} cells, header has {width}",
                    line=line,
                    row_id=cells[0] if cells else None,
                    expected=str(width),
                    found=str(len(cells)),
                )
            )
        else:
            kept.append((line, cells))
    columns = list(zip(*(cells for _, cells in kept), strict=True)) if kept else [() for _ in header]
    data = [pa.chunked_array([strings(c)]) for c in columns]
    lines = [line for line, _ in kept]
    table = Table(spec, file, header, data, None if lines == list(range(2, len(kept) + 2)) else lines, schema)
    table.__dict__["rows"] = kept  # already built; the cached property need not rebuild it
    return table


def _parse_csv(text: str, file: str, problems: list[Problem]) -> tuple[list[str], Rows] | None:
    """Header and (line number, cells) rows; None, with a problem, when the CSV is malformed."""
    # Only the files the Arrow reader declines come here (cells spanning lines, blank
    # lines, malformed quoting): each record is read with the line it starts on.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        header = next(reader)
        start = reader.line_num + 1
        for cells in reader:
            rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(
            Problem(
                "E105",
                file,
                f"malformed CSV: {exc}",
                line=start,
                expected="cells separated by commas; a quoted cell closed, with quotes inside it doubled",
                found=text.splitlines()[start - 1][:60] if start <= text.count("\n") + 1 else "end of file",
            )
        )
        return None
    return header, rows
