"""Read a data package for validation: the descriptor, its schemas and its CSV files,
turning every way they can be broken into a located problem instead of an exception.

Nothing here writes to disk. Nothing is fetched from the network unless the caller
allows remote resources explicitly; then only http(s), with a timeout and the same
size limit as local files. Files are never read whole when they are larger than the
limit: memory stays bounded whatever the input.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import mmap
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..schema import TableSpec, table_spec_from
from .arrow_csv import read_columns
from .kernels import strings
from .problems import PackageError, Problem
from .threads import in_background

_REMOTE_PREFIXES = ("http://", "https://", "ftp://", "s3://", "file://")
MiB = 1024 * 1024
DEFAULT_MAX_BYTES = 64 * MiB  # per file; the largest shipped table is well under 1 MiB
MAX_DESCRIPTOR_BYTES = 4 * MiB
REMOTE_TIMEOUT = 30

Rows = list[tuple[int, list[str]]]  # (line, cells) per row


@dataclass
class Table:
    """A CSV read into Arrow string columns (an empty cell is ""), one per header cell.

    ``lines[r]`` is the line row ``r`` starts on; None when no cell spans lines, so that
    row ``r`` is on line ``r + 2``. Rows whose cells do not fit the header were reported
    while reading and are not here.
    """

    spec: TableSpec
    file: str
    header: list[str]
    data: list[Any]  # pyarrow ChunkedArray of strings per header cell
    lines: list[int] | None = None
    schema: dict[str, Any] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def n_rows(self) -> int:
        return len(self.data[0]) if self.data else 0

    def index(self, column: str) -> int | None:
        return self.header.index(column) if column in self.header else None

    def column(self, column: str) -> Any:
        """The named column (first of that name), or None when the header lacks it."""
        i = self.index(column)
        return None if i is None else self.data[i]

    def key_column(self) -> Any:
        """The column of a one-column primary key; None for a composite key or a missing column."""
        return self.column(self.spec.primary_key[0]) if len(self.spec.primary_key) == 1 else None

    def line(self, r: int) -> int:
        return r + 2 if self.lines is None else self.lines[r]

    @cached_property
    def key_indices(self) -> list[int]:
        """Positions of the primary-key columns present in the header."""
        return [self.header.index(k) for k in self.spec.primary_key if k in self.header]

    def row_id(self, cells: list[str]) -> str | None:
        """A row's primary key from its cells (see ``rows``)."""
        idx = self.key_indices
        return "/".join(cells[i] for i in idx) if idx else None

    def row_id_at(self, r: int) -> str | None:
        """Row ``r``'s primary key as printed in problems ("EV0001", "EV0001/TUR")."""
        idx = self.key_indices
        return "/".join(str(self.data[i][r].as_py()) for i in idx) if idx else None

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, computed once per table however many checks ask for it, from any thread."""
        with self._lock:
            if key not in self._memo:
                self._memo[key] = make()
            return self._memo[key]

    def values(self, i: int) -> list[str]:
        """Column ``i`` as Python strings, for the checks that visit rows one by one."""
        return self.memo(f"values {i}", self.data[i].to_pylist)  # type: ignore[no-any-return]

    @cached_property
    def rows(self) -> Rows:
        """(line, cells) per row, built on first use: only the later levels need it."""
        if not self.data or not self.n_rows:
            return []
        columns = [self.values(i) for i in range(len(self.header))]
        lines = self.lines if self.lines is not None else range(2, self.n_rows + 2)
        return list(zip(lines, map(list, zip(*columns, strict=True)), strict=True))


@dataclass
class Package:
    root: Path
    descriptor_file: Path
    descriptor: dict[str, Any]
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_remote: bool = False


def open_package(given: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_remote: bool = False) -> Package:
    """A descriptor given as the datapackage.json itself or the folder that holds it."""
    if _is_remote(str(given)):
        raise PackageError(f"{given}: a remote descriptor is not fetched; download the package and validate the copy")
    path = Path(given)
    descriptor_file = path / "datapackage.json" if path.is_dir() else path
    if not descriptor_file.is_file():
        raise PackageError(f"{descriptor_file}: no such file (expected a datapackage.json or a folder with one)")
    size = descriptor_file.stat().st_size
    if size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(
            f"{descriptor_file}: {size} bytes; a descriptor larger than {MAX_DESCRIPTOR_BYTES} is not read"
        )
    try:
        descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise PackageError(f"{descriptor_file}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise PackageError(f"{descriptor_file}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise PackageError(f"{descriptor_file}: not a data package (no 'resources' list)")
    return Package(descriptor_file.parent.resolve(), descriptor_file, descriptor, max_bytes, allow_remote)


def _is_remote(ref: Any) -> bool:
    return isinstance(ref, str) and (ref.lower().startswith(_REMOTE_PREFIXES) or "://" in ref)


def _safe_local(root: Path, ref: Any, what: str) -> tuple[Path | None, str | None]:
    """Resolve a relative path inside the package folder, or say why not."""
    if not isinstance(ref, str) or not ref:
        return None, f"{what} must be a relative path string, found {ref!r}"
    if _is_remote(ref):
        return None, (
            f"{what} {ref!r} is remote and is not fetched; pass --allow-remote (allow_remote=True) to fetch "
            "http(s) resources, or download it into the package folder"
        )
    if Path(ref).is_absolute() or ref.startswith(("/", "\\")):
        return None, f"{what} {ref!r} is absolute; paths must be relative to the package folder"
    if ".." in Path(ref).parts:
        return None, f"{what} {ref!r} leaves the package folder"
    target = (root / ref).resolve()
    if root != target and root not in target.parents:
        return None, f"{what} {ref!r} resolves outside the package folder (symbolic link?)"
    return target, None


def _fetch(url: str, limit: int) -> bytes:
    """GET an http(s) URL, reading at most limit + 1 bytes."""
    if not url.lower().startswith(("http://", "https://")):
        raise OSError("only http and https are fetched")
    import urllib.request  # only for remote resources, which must be allowed explicitly

    with urllib.request.urlopen(url, timeout=REMOTE_TIMEOUT) as response:
        data: bytes = response.read(limit + 1)
    return data


def read_bytes(
    pkg: Package, ref: Any, what: str, file: str, declared: Any = None, *, mapped: bool = False
) -> tuple[bytes | mmap.mmap | None, Problem | None]:
    """The bytes of a local (or, when allowed, remote) file, never more than the limit.

    With ``mapped``, a local file of a mebibyte or more comes as a read-only memory map:
    hashing, checking and parsing then read the page cache in place instead of copying
    the file into the process first.

    A file far larger than its declared size (more than twice, and more than 1 MiB over)
    is not read either: a table that has grown by orders of magnitude is not the one
    the descriptor describes, and reading it could exhaust memory.
    """
    limit = pkg.max_bytes
    if isinstance(declared, int) and declared >= 0:
        limit = min(limit, max(2 * declared, declared + MiB))
    if pkg.allow_remote and _is_remote(ref):
        try:
            data = _fetch(str(ref), limit)
        except (OSError, ValueError) as exc:  # URLError is an OSError
            return None, Problem("E101", file, f"{what} {ref!r} cannot be fetched: {exc}")
        if len(data) > limit:
            return None, Problem(
                "E125",
                file,
                f"{what} is larger than the limit; not read",
                expected=f"at most {limit} bytes",
                found=f"more than {limit} bytes",
            )
        return data, None
    path, why = _safe_local(pkg.root, ref, what)
    if path is None:
        return None, Problem("E101", pkg.descriptor_file.name, f"{why}", column=what)
    if not path.is_file():
        return None, Problem("E101", file, f"{what} file not found", expected="a file inside the package folder")
    size = path.stat().st_size
    if size > limit:
        detail = f"declared {declared} bytes; " if isinstance(declared, int) else ""
        return None, Problem(
            "E125",
            file,
            f"{detail}{size} bytes is far larger than expected; not read (limit {limit} bytes, see --max-bytes)",
            expected=f"at most {limit} bytes",
            found=f"{size} bytes",
        )
    if mapped and size >= MiB:
        with open(path, "rb") as fh:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ), None
    return path.read_bytes(), None


def _names(value: Any) -> list[str] | None:
    """A field reference: one name or a list of names."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def schema_defect(schema: dict[str, Any]) -> str | None:
    """What makes a Table Schema unusable for checking rows, or None. The checks read
    fields, constraints, keys and patterns; each must have the shape they expect."""
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return "schema has no 'fields' list"
    names: list[str] = []
    for i, f in enumerate(fields):
        if not isinstance(f, dict) or not isinstance(f.get("name"), str):
            return f"field {i + 1} is not an object with a 'name'"
        names.append(f["name"])
        constraints = f.get("constraints", {})
        if not isinstance(constraints, dict):
            return f"field {f['name']!r}: 'constraints' is not an object"
        pattern = constraints.get("pattern")
        if pattern is not None:
            try:
                re.compile(str(pattern))
            except re.error as exc:
                return f"field {f['name']!r}: pattern {pattern!r} is not a regular expression ({exc})"
        if "enum" in constraints and not isinstance(constraints["enum"], list):
            return f"field {f['name']!r}: 'enum' is not a list"
    key = _names(schema.get("primaryKey", []))
    if key is None or any(k not in names for k in key):
        return f"primaryKey {schema.get('primaryKey')!r} names a field the schema does not have"
    fks = schema.get("foreignKeys", [])
    if not isinstance(fks, list):
        return "'foreignKeys' is not a list"
    for n, fk in enumerate(fks, 1):
        own = _names(fk.get("fields")) if isinstance(fk, dict) else None
        ref = fk.get("reference") if isinstance(fk, dict) else None
        if own is None or any(c not in names for c in own):
            return f"foreign key {n}: 'fields' must name fields of the schema"
        if not isinstance(ref, dict) or _names(ref.get("fields")) is None:
            return f"foreign key {n}: needs a 'reference' with 'fields'"
    return None


def resource_schema(pkg: Package, resource: dict[str, Any], name: str) -> tuple[dict[str, Any] | None, Problem | None]:
    schema, problem = _resource_schema(pkg, resource, name)
    if schema is not None:
        defect = schema_defect(schema)
        if defect is not None:
            where = resource.get("schema") if isinstance(resource.get("schema"), str) else pkg.descriptor_file.name
            return None, Problem("E101", str(where), f"resource {name!r}: unusable schema: {defect}", column="schema")
    return schema, problem


def _resource_schema(pkg: Package, resource: dict[str, Any], name: str) -> tuple[dict[str, Any] | None, Problem | None]:
    schema = resource.get("schema")
    if isinstance(schema, dict):
        return schema, None
    file = str(pkg.descriptor_file.name)
    if not pkg.allow_remote or not _is_remote(schema):
        path, why = _safe_local(pkg.root, schema, "schema")
        if path is None:
            return None, Problem("E101", file, f"resource {name!r}: {why}", column="schema")
        if not path.is_file():
            return None, Problem("E101", file, f"resource {name!r}: schema file {schema} not found", column="schema")
    raw, problem = read_bytes(pkg, schema, "schema", str(schema))
    if raw is None or isinstance(raw, mmap.mmap):
        return None, problem
    try:
        loaded = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, Problem("E101", str(schema), f"schema is not valid UTF-8 JSON: {exc}")
    if not isinstance(loaded, dict) or not isinstance(loaded.get("fields"), list):
        return None, Problem("E101", str(schema), "schema has no 'fields' list")
    return loaded, None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def read_table(pkg: Package, resource: dict[str, Any], problems: list[Problem]) -> Table | None:
    """Read one resource's CSV; append problems; None when its rows cannot be checked."""
    name = str(resource.get("name", "?"))
    ref = resource.get("path")
    dfile = pkg.descriptor_file.name
    if not (pkg.allow_remote and _is_remote(ref)):
        path, why = _safe_local(pkg.root, ref, "path")
        if path is None:
            problems.append(Problem("E101", dfile, f"resource {name!r}: {why}", column="path"))
            return None
        if not path.is_file():
            problems.append(Problem("E101", str(ref), f"resource {name!r}: file not found", expected="a CSV file"))
            return None
    file = str(ref)
    schema, problem = resource_schema(pkg, resource, name)
    if problem is not None:
        problems.append(problem)
        return None
    assert schema is not None
    try:
        spec = table_spec_from({"name": name, "path": file}, schema)
    except (KeyError, TypeError) as exc:
        problems.append(Problem("E101", file, f"resource {name!r}: unusable schema ({exc})"))
        return None

    raw, problem = read_bytes(pkg, ref, "path", file, resource.get("bytes"), mapped=True)
    if raw is None:
        if problem is not None:
            problems.append(problem)
        return None
    hashed = in_background(_hash_problems, resource, raw, file)  # while the file is parsed
    table, found = _read_data(spec, file, schema, raw)
    problems.extend(hashed.result())
    problems.extend(found)
    return table


def _read_data(
    spec: TableSpec, file: str, schema: dict[str, Any], raw: bytes | mmap.mmap
) -> tuple[Table | None, list[Problem]]:
    """The table in a file's bytes (None when it cannot be read as CSV), and its problems."""
    problems: list[Problem] = []
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
        return Table(spec, file, header, columns, None, schema), problems
    strict = _read_strict(bytes(raw), file, problems)
    if strict is None:
        return None, problems
    header, rows = strict
    _check_header(spec, file, header, problems)
    return _from_rows(spec, file, header, rows, schema, problems), problems


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


def _hash_problems(resource: dict[str, Any], raw: bytes | mmap.mmap, file: str) -> list[Problem]:
    problems: list[Problem] = []
    _check_hash(resource, raw, file, problems)
    return problems


def _check_hash(resource: dict[str, Any], raw: bytes | mmap.mmap, file: str, problems: list[Problem]) -> None:
    declared = resource.get("hash")
    if isinstance(declared, str) and declared:
        algo, _, digest = declared.rpartition(":")
        algo = algo or "md5"
        if algo in ("md5", "sha1", "sha256", "sha512"):
            actual = hashlib.new(algo, raw).hexdigest()
            if actual != digest.lower():
                problems.append(
                    Problem(
                        "E124",
                        file,
                        f"{algo} differs from datapackage.json; after editing a table, update its 'hash' and "
                        "'bytes' there (in this repository: python -m turkey_russia_data.descriptor --write)",
                        expected=digest,
                        found=actual,
                    )
                )
                return
    size = resource.get("bytes")
    if isinstance(size, int) and size != len(raw):
        problems.append(
            Problem("E124", file, "size differs from datapackage.json", expected=str(size), found=str(len(raw)))
        )
