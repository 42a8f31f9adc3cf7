"""Synthetic packages at a chosen size, with the shipped schemas: every table is the
shipped table repeated with fresh ids (foreign keys, citations and their targets remapped
consistently), so the rows stay valid at every level and the quotes stay real spans of
the source texts. Sizes count rows over all tables, split as in the shipped data."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Id column -> (prefix, width) of the shipped ids; copies get wider ids that keep the pattern.
_ID = re.compile(r"^([A-Z]{2})(\d+)$")


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _columns(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _new_id(old: str, copy: int, width: int = 8) -> str:
    match = _ID.match(old)
    if not match:
        raise ValueError(f"unexpected id {old!r}")
    # Copy 0 keeps the shipped number; later copies add copy * 10^5, so ids stay unique
    # and sorting by id stays sorting by (copy, original order).
    return f"{match.group(1)}{copy * 100_000 + int(match.group(2)):0{width}d}"


def build(out: Path, total_rows: int, root: Path = ROOT, copies: int | None = None) -> dict[str, Any]:
    """Write a package with about ``total_rows`` rows into ``out``, made of the package
    at ``root`` (default: the shipped one), or of exactly ``copies`` copies of it;
    returns its facts."""
    if out.exists():
        shutil.rmtree(out)
    (out / "tables").mkdir(parents=True)
    shutil.copytree(root / "schemas", out / "schemas")
    descriptor = json.loads((root / "datapackage.json").read_text("utf-8"))
    shipped = {r["name"]: _read(root / r["path"]) for r in descriptor["resources"]}
    shipped_total = sum(len(rows) for _, rows in shipped.values())
    # Reference tables that are not per-fact (sources, actors, aliases) are kept as they are, and
    # so are the tables keyed by their rows (actor_codes: one row per actor).
    fixed = {"sources", "actors", "actor_aliases"}
    for resource in descriptor["resources"]:
        schema = json.loads((root / resource["schema"]).read_text("utf-8"))
        for fk in schema.get("foreignKeys", []):
            if _columns(fk["fields"]) == _columns(schema.get("primaryKey", [])) and fk["reference"]["resource"] in (
                "sources",
                "actors",
            ):
                fixed.add(resource["name"])
    scalable = shipped_total - sum(len(shipped[n][1]) for n in fixed)
    if copies is None:
        copies = max(1, round((total_rows - sum(len(shipped[n][1]) for n in fixed)) / scalable))
    # Every copied table keyed by one id column (fact tables and citations) gets new ids.
    keys = {}
    composite: dict[str, list[str]] = {}  # tables keyed by several columns, re-sorted below
    # Tables pointing at fact rows by (table, row id): citations, and errata (x-corrects).
    pointing = {"citations"}
    for resource in descriptor["resources"]:
        schema = json.loads((root / resource["schema"]).read_text("utf-8"))
        key = schema.get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        if resource["name"] not in fixed and len(key) == 1:
            keys[resource["name"]] = key[0]
        elif len(key) > 1:
            composite[resource["name"]] = key
        if schema.get("x-corrects"):
            pointing.add(resource["name"])
    rows_written: dict[str, int] = {}
    for resource in descriptor["resources"]:
        name = resource["name"]
        header, rows = shipped[name]
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        count = 0
        for c in range(1 if name in fixed else copies):
            for row in rows:
                new = dict(row)
                if name in keys:
                    new[keys[name]] = _new_id(row[keys[name]], c)
                if c and name in keys and "derivation" in header:
                    # A copy under a new id is otherwise the same fact twice (E803).
                    new["derivation"] = " ".join(filter(None, (row.get("derivation"), f"(synthetic copy {c})")))
                if name in ("event_actors",) or (name == "arms_deals" and row.get("event_id")):
                    new["event_id"] = _new_id(row["event_id"], c)
                if name in pointing:
                    new["row_id"] = _new_id(row["row_id"], c)
                writer.writerow(new)
                count += 1
        if name in composite:
            # Sorted by the primary key (event_actors: event_id, actor_id), as shipped.
            lines = buffer.getvalue().splitlines(keepends=True)
            at = [header.index(k) for k in composite[name]]
            body = sorted(lines[1:], key=lambda line, at=at: tuple(next(csv.reader([line]))[i] for i in at))
            text = lines[0] + "".join(body)
        else:
            text = buffer.getvalue()
        data = text.encode("utf-8")
        (out / resource["path"]).write_bytes(data)
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
        rows_written[name] = count
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", "utf-8")
    csv_bytes = sum(p.stat().st_size for p in (out / "tables").glob("*.csv"))
    return {"rows": rows_written, "total_rows": sum(rows_written.values()), "csv_bytes": csv_bytes, "copies": copies}


if __name__ == "__main__":
    import sys

    print(build(Path(sys.argv[1]), int(sys.argv[2])))
