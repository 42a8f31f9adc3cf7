"""A diff as plain text, as JSON (schema ``turkey-russia-data/diff/1``) and as a
Keep a Changelog fragment for CHANGELOG.md."""

from __future__ import annotations

import json
import re
from typing import Any

from . import semver
from .changes import Diff, Reason, ranked
from .snapshot import Snapshot

DIFF_SCHEMA = "turkey-russia-data/diff/1"
_CLIP = 100  # characters of a value shown in text output (JSON has them whole)


def _side(s: Snapshot) -> dict[str, Any]:
    return {"label": s.label, "kind": s.kind, "version": s.version, "released": s.released}


def as_dict(diff: Diff) -> dict[str, Any]:
    made = semver.bump_between(diff.old.version, diff.new.version)
    return {
        "schema": DIFF_SCHEMA,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "bump_made": made,
        "bump_required": diff.required,
        "bump_sufficient": semver.covers(diff.old.version, diff.new.version, diff.required),
        "reasons": [r.as_dict() for r in ranked(diff.reasons)],
        "counts": {
            "added": sum(len(t.added) for t in diff.tables),
            "removed": sum(len(t.removed) for t in diff.tables),
            "changed": sum(len(t.changed) for t in diff.tables),
        },
        "tables": [
            {
                "name": t.name,
                "rows_old": t.rows_old,
                "rows_new": t.rows_new,
                "added": [{"id": i, "values": v} for i, v in t.added],
                "removed": [
                    {"id": r.row_id, "values": r.values, "retired": r.retirement.as_dict() if r.retirement else None}
                    for r in t.removed
                ],
                "changed": [
                    {"id": c.row_id, "fields": {f: {"old": a, "new": b} for f, (a, b) in c.fields.items()}}
                    for c in t.changed
                ],
            }
            for t in diff.tables
        ],
    }


def as_json(diff: Diff) -> str:
    return json.dumps(as_dict(diff), ensure_ascii=False, indent=2)


def _show(value: str) -> str:
    if value == "":
        return "(empty)"
    return repr(value if len(value) <= _CLIP else value[: _CLIP - 1] + "\u2026")


def _describe(s: Snapshot) -> str:
    released = f", released {s.released}" if s.released else ""
    return f"{s.version} ({s.kind} {s.label}{released})"


def as_text(diff: Diff) -> str:
    made = semver.bump_between(diff.old.version, diff.new.version)
    ok = semver.covers(diff.old.version, diff.new.version, diff.required)
    lines = [
        f"{_describe(diff.old)} -> {_describe(diff.new)}",
        f"version bump: {made}; the changes need: {diff.required}"
        + ("" if ok or diff.empty else "  (NOT ENOUGH: see the release check)"),
    ]
    lines += [f"  {r.bump:<5}  {r}" for r in ranked(diff.reasons)]
    unchanged = []
    for t in diff.tables:
        if t.unchanged:
            unchanged.append(f"{t.name} ({t.rows_new} rows)")
            continue
        counts = ", ".join(
            f"{n} {what}"
            for n, what in ((len(t.added), "added"), (len(t.removed), "removed"), (len(t.changed), "changed"))
            if n
        )
        lines.append(
            f"\n{t.name}: {t.rows_old if t.rows_old is not None else '-'} -> "
            f"{t.rows_new if t.rows_new is not None else '-'} rows{': ' + counts if counts else ''}"
        )
        lines += [f"  schema: {r.what}" for r in _schema_only(t.schema)]
        for row_id, _ in t.added:
            lines.append(f"  + {row_id}")
        for r in t.removed:
            why = (
                f"  retired in {r.retirement.retired_in}: {r.retirement.reason}"
                if r.retirement
                else "  (no retirement recorded)"
            )
            lines.append(f"  - {r.row_id}{why}")
        for c in t.changed:
            lines.append(f"  ~ {c.row_id}")
            lines += [f"      {f}: {_show(a)} -> {_show(b)}" for f, (a, b) in c.fields.items()]
    if unchanged:
        lines.append(f"\nunchanged: {', '.join(unchanged)}")
    return "\n".join(lines)


def _schema_only(reasons: list[Reason]) -> list[Reason]:
    """The reasons that are about structure, not about rows added, changed or removed."""
    return [r for r in reasons if r.about == "schema"]


def id_ranges(ids: list[str]) -> str:
    """Ids as compact runs: EV0001\u2013EV0176, MP0003, MP0007\u2013MP0009."""
    runs: list[list[str]] = []
    for row_id in ids:
        m = re.fullmatch(r"(.*?)(\d+)", row_id)
        last = runs[-1][-1] if runs else None
        lm = re.fullmatch(r"(.*?)(\d+)", last) if last else None
        if m and lm and m.group(1) == lm.group(1) and int(m.group(2)) == int(lm.group(2)) + 1:
            runs[-1].append(row_id)
        else:
            runs.append([row_id])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}\u2013{r[-1]}" for r in runs)


def as_markdown(diff: Diff) -> str:
    """The row-level changes as Keep a Changelog sections, to paste into CHANGELOG.md and
    edit by hand."""
    changed = [f"- {r.what}" for r in ranked(diff.package)]
    for t in diff.tables:
        for r in ranked(_schema_only(t.schema)):
            filled = sum(1 for c in t.changed for f in c.fields if f in t.new_fields and r.what == f"field {f!r} added")
            changed.append(f"- `{t.name}`: {r.what}" + (f" (filled in {filled} rows)" if filled else ""))
    added = [f"- `{t.name}`: {len(t.added)} rows: {id_ranges([i for i, _ in t.added])}" for t in diff.tables if t.added]
    fixed = [
        f"- `{t.name}` {c.row_id}: " + "; ".join(f"`{f}` {_show(a)} \u2192 {_show(b)}" for f, (a, b) in corrected)
        for t in diff.tables
        for c in t.changed
        if (corrected := [(f, v) for f, v in c.fields.items() if f not in t.new_fields])
    ]
    removed = [
        f"- `{t.name}` {r.row_id}: "
        + (f"retired ({r.retirement.reason})" if r.retirement else "removed (no retirement recorded)")
        for t in diff.tables
        for r in t.removed
    ]
    out = []
    for title, items in (("Changed", changed), ("Added", added), ("Fixed", fixed), ("Removed", removed)):
        if items:
            out += [f"### {title}", "", *items, ""]
    return "\n".join(out).rstrip() + "\n" if out else "No changes.\n"
