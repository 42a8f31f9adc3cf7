"""Open a data package: its descriptor, its files inside the package folder (or, when
allowed, over http(s)) and its Table Schemas, every way they can be broken turned into
a located problem instead of an exception.

Nothing here writes to disk. Nothing is fetched from the network unless the caller
allows remote resources explicitly; then only http(s), with a timeout and the same
size limit as local files. Files are never read whole when they are larger than the
limit: memory stays bounded whatever the input.

One error convention throughout the reading layer: every reader takes ``problems``, a
list it appends the located problems it finds to, and returns what it read, or None when
there is nothing usable to return. A reader raises only when there is no package at all
(``open_package`` raises PackageError, which the command line turns into exit code 2).
"""

from __future__ import annotations

import json
import mmap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PackageError
from ..jsontext import parse_json
from ..problem import Problem
from .patterns import compile_pattern

_REMOTE_PREFIXES = ("http://", "https://", "ftp://", "s3://", "file://")
MiB = 1024 * 1024
DEFAULT_MAX_BYTES = 64 * MiB  # per file; the largest shipped table is well under 1 MiB
MAX_DESCRIPTOR_BYTES = 4 * MiB
REMOTE_TIMEOUT = 30


@dataclass
class Package:
    root: Path
    descriptor_file: Path
    descriptor: dict[str, Any]
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_remote: bool = False


def open_package(given: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, allow_remote: bool = False) -> Package:
    """A descriptor given as the datapackage.json itself or the folder that holds it."""
    if is_remote(str(given)):
        raise PackageError(f"{given}: a remote descriptor is not fetched; download the package and validate the copy")
    path = Path(given)
    if "\x00" in str(given):
        raise PackageError(f"{given!r}: a path cannot hold a NUL character")
    descriptor_file = path
    try:
        if path.is_dir():
            descriptor_file = path / "datapackage.json"
        regular = descriptor_file.is_file()
        exists = regular or descriptor_file.exists()
    except OSError as exc:  # a name too long, a loop of symbolic links
        raise PackageError(f"{descriptor_file}: cannot be opened ({exc.strerror})") from None
    if not regular:
        found = "not a regular file" if exists else "no such file"
        raise PackageError(f"{descriptor_file}: {found} (expected a datapackage.json or a folder with one)")
    size = descriptor_file.stat().st_size
    if size > MAX_DESCRIPTOR_BYTES:
        raise PackageError(
            f"{descriptor_file}: {size} bytes; a descriptor larger than {MAX_DESCRIPTOR_BYTES} is not read"
        )
    try:
        descriptor = parse_json(descriptor_file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackageError(f"{descriptor_file}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise PackageError(f"{descriptor_file}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise PackageError(f"{descriptor_file}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise PackageError(f"{descriptor_file}: not a data package (no 'resources' list)")
    return Package(descriptor_file.parent.resolve(), descriptor_file, descriptor, max_bytes, allow_remote)


def is_remote(ref: Any) -> bool:
    return isinstance(ref, str) and (ref.lower().startswith(_REMOTE_PREFIXES) or "://" in ref)


def safe_local(root: Path, ref: Any, what: str) -> tuple[Path | None, str | None]:
    """Resolve a relative path inside the package folder, or say why not."""
    if not isinstance(ref, str) or not ref:
        return None, f"{what} must be a relative path string, found {ref!r}"
    if is_remote(ref):
        return None, (
            f"{what} {ref!r} is remote and is not fetched; pass --allow-remote (allow_remote=True) to fetch "
            "http(s) resources, or download it into the package folder"
        )
    if "\x00" in ref:
        return None, f"{what} {ref!r} holds a NUL character, which no file name can hold"
    if Path(ref).is_absolute() or ref.startswith(("/", "\\")):
        return None, f"{what} {ref!r} is absolute; paths must be relative to the package folder"
    if ".." in Path(ref).parts:
        return None, f"{what} {ref!r} leaves the package folder"
    try:
        target = (root / ref).resolve()
        target.is_file()  # a name too long for the file system fails here, not in the caller
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of symbolic links
        return None, f"{what} {ref!r} cannot be resolved: {exc.strerror if isinstance(exc, OSError) else exc}"
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
    pkg: Package, ref: Any, what: str, file: str, problems: list[Problem], declared: Any = None, *, mapped: bool = False
) -> bytes | mmap.mmap | None:
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
    if pkg.allow_remote and is_remote(ref):
        try:
            data = _fetch(str(ref), limit)
        except (OSError, ValueError) as exc:  # URLError is an OSError
            problems.append(Problem("E101", file, f"{what} {ref!r} cannot be fetched: {exc}"))
            return None
        if len(data) > limit:
            problems.append(
                Problem(
                    "E125",
                    file,
                    f"{what} is larger than the limit; not read",
                    expected=f"at most {limit} bytes",
                    found=f"more than {limit} bytes",
                ),
            )
            return None
        return data
    path, why = safe_local(pkg.root, ref, what)
    if path is None:
        problems.append(Problem("E101", pkg.descriptor_file.name, f"{why}", column=what))
        return None
    if not path.is_file():
        problems.append(Problem("E101", file, f"{what} file not found", expected="a file inside the package folder"))
        return None
    size = path.stat().st_size
    if size > limit:
        detail = f"declared {declared} bytes; " if isinstance(declared, int) else ""
        problems.append(
            Problem(
                "E125",
                file,
                f"{detail}{size} bytes is far larger than expected; not read (limit {limit} bytes, see --max-bytes)",
                expected=f"at most {limit} bytes",
                found=f"{size} bytes",
            ),
        )
        return None
    try:
        if mapped and size >= MiB:
            with open(path, "rb") as fh:
                return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        return path.read_bytes()
    except OSError as exc:  # no permission, a file that went away, an I/O error
        problems.append(Problem("E101", file, f"{what} cannot be read: {exc.strerror or exc}"))
        return None


def _names(value: Any) -> list[str] | None:
    """A field reference: one name or a list of names."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


# Bounds are compared as 64-bit numbers by the column kernels; a bound beyond them cannot
# be checked exactly (and could only be a mistake in a schema).
_MAX_BOUND = 2**53


def _bound_defect(name: str, value: Any) -> str | None:
    if name == "maxLength":
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_BOUND:
            return f"'maxLength' must be a whole number from 0 to {_MAX_BOUND}, found {_short(value)}"
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not -_MAX_BOUND <= value <= _MAX_BOUND:
        return f"{name!r} must be a number from -{_MAX_BOUND} to {_MAX_BOUND}, found {_short(value)}"
    return None


def _is_enum(values: Any) -> bool:
    scalars = isinstance(values, list) and all(isinstance(v, (str, int, float, bool)) for v in values)
    return scalars and len({(type(v), v) for v in values}) == len(values)


def _short(value: Any, limit: int = 40) -> str:
    if isinstance(value, int) and abs(value) >= 10**30:  # repr fails beyond 4300 digits
        return f"a number of {value.bit_length()} bits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
        if not isinstance(f.get("type", "string"), str):
            return f"field {f['name']!r}: 'type' is not a string"
        names.append(f["name"])
        constraints = f.get("constraints", {})
        if not isinstance(constraints, dict):
            return f"field {f['name']!r}: 'constraints' is not an object"
        if constraints.get("pattern") is not None:
            _, why = compile_pattern(constraints["pattern"])
            if why is not None:
                return f"field {f['name']!r}: {why}"
        if "enum" in constraints and not _is_enum(constraints["enum"]):
            return f"field {f['name']!r}: 'enum' is not a list of distinct strings, numbers or booleans"
        # minimum and maximum are compared only for numbers (other types ignore them).
        numeric = f.get("type") in ("integer", "number")
        for bound in ("minimum", "maximum", "maxLength") if numeric else ("maxLength",):
            why = _bound_defect(bound, constraints.get(bound, 0))
            if why is not None:
                return f"field {f['name']!r}: {why}"
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


def resource_schema(
    pkg: Package, resource: dict[str, Any], name: str, problems: list[Problem]
) -> dict[str, Any] | None:
    """A resource's Table Schema, inline or from its file, when it is usable for checking rows."""
    schema = _resource_schema(pkg, resource, name, problems)
    if schema is not None:
        defect = schema_defect(schema)
        if defect is not None:
            where = resource.get("schema") if isinstance(resource.get("schema"), str) else pkg.descriptor_file.name
            problems.append(
                Problem("E101", str(where), f"resource {name!r}: unusable schema: {defect}", column="schema")
            )
            return None
    return schema


def _resource_schema(
    pkg: Package, resource: dict[str, Any], name: str, problems: list[Problem]
) -> dict[str, Any] | None:
    schema = resource.get("schema")
    if isinstance(schema, dict):
        return schema
    file = str(pkg.descriptor_file.name)
    if not pkg.allow_remote or not is_remote(schema):
        path, why = safe_local(pkg.root, schema, "schema")
        if path is None:
            problems.append(Problem("E101", file, f"resource {name!r}: {why}", column="schema"))
            return None
        if not path.is_file():
            problems.append(
                Problem("E101", file, f"resource {name!r}: schema file {schema} not found", column="schema")
            )
            return None
    raw = read_bytes(pkg, schema, "schema", str(schema), problems)
    if raw is None or isinstance(raw, mmap.mmap):
        return None
    try:
        loaded = parse_json(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        problems.append(Problem("E101", str(schema), f"schema is not valid UTF-8 JSON: {exc}"))
        return None
    if not isinstance(loaded, dict) or not isinstance(loaded.get("fields"), list):
        problems.append(Problem("E101", str(schema), "schema has no 'fields' list"))
        return None
    return loaded
