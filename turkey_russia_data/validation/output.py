"""Render a Report as text, JSON or GitHub workflow annotations (strings only)."""

from __future__ import annotations

import json

from .problems import Problem, Report


def problem_line(p: Problem) -> str:
    where = f"{p.file}:{p.line}" if p.line is not None else p.file
    parts = [f"{where}: {p.code} {p.name}"]
    if p.row_id:
        parts.append(f"row {p.row_id}")
    if p.column:
        parts.append(f"column {p.column}")
    text = ", ".join(parts) + f": {p.message}"
    if p.expected is not None or p.found is not None:
        text += f" (expected {p.expected}; found {p.found})"
    return text


def as_text(report: Report) -> str:
    lines = [problem_line(p) for p in report.problems]
    lines.append("")
    lines.append(f"package: {report.package}")
    for name, status in report.levels.items():
        lines.append(f"  level {name}: {status}")
    for name, t in report.tables.items():
        lines.append(f"  {name}: {t.rows} rows, {t.problems} problems")
    verdict = "valid" if report.valid else f"INVALID: {len(report.problems)} problems"
    lines.append(verdict)
    return "\n".join(lines)


def as_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def as_github(report: Report) -> str:
    out = []
    for p in report.problems:
        loc = f"file={p.file}" + (f",line={p.line}" if p.line is not None else "")
        out.append(f"::error {loc},title={p.code} {p.name}::{problem_line(p)}")
    return "\n".join(out)
