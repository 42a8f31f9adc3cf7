"""Render a Report (or a list of conflicts) as text, JSON or GitHub workflow
annotations. Strings only: printing is the command line's business."""

from __future__ import annotations

import json

from ..problem import problem_line
from .problems import LEVELS, Report
from .source_conflicts import Conflict


def _count(n: int, noun: str) -> str:
    """A count with its noun: "1 problem", "2 problems"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def summary_lines(report: Report) -> list[str]:
    lines = [f"package: {report.package}"]
    if report.levels.get("quotes") == "not run":
        lines.append("source texts: not used (level 3 not run)")
    else:
        lines.append(f"source texts: {report.sources or 'none given (quotes not verified)'}")
    for number, name in LEVELS.items():
        status = report.levels.get(name, "not run")
        count = sum(1 for p in report.problems if p.level == number)
        lines.append(f"  level {number} {name:<12} {status}" + (f" ({_count(count, 'problem')})" if count else ""))
        lines.extend(f"    {note}" for note in report.notes.get(name, []))
    width = max((len(n) for n in report.tables), default=0)
    for name, t in report.tables.items():
        detail = ", ".join(f"{k} {v}" for k, v in t.by_level.items())
        lines.append(
            f"  {name:<{width}}  {t.rows:>5} rows, {_count(t.problems, 'problem')}" + (f" ({detail})" if detail else "")
        )
    if report.silenced:
        lines.append(f"  {_count(report.silenced, 'problem')} silenced by --select/--ignore")
    lines.append("valid" if report.valid else f"INVALID: {_count(len(report.problems), 'problem')}")
    return lines


def as_text(report: Report) -> str:
    lines = [problem_line(p) for p in report.problems]
    if lines:
        lines.append("")
    return "\n".join(lines + summary_lines(report))


def as_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def _escape(text: str, *, prop: bool = False) -> str:
    """GitHub workflow-command escaping (data, and additionally properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def as_github(report: Report) -> str:
    """One ::error annotation per problem, then the summary as a ::notice."""
    out = []
    for p in report.problems:
        loc = f"file={_escape(p.file, prop=True)}" + (f",line={p.line}" if p.line is not None else "")
        title = _escape(f"{p.code} {p.name}", prop=True)
        out.append(f"::error {loc},title={title}::{_escape(problem_line(p))}")
    out.append(f"::notice title=turkey-russia-data validate::{_escape(chr(10).join(summary_lines(report)))}")
    return "\n".join(out)


def conflicts_text(found: list[Conflict]) -> str:
    lines = []
    for c in found:
        mark = "explained" if c.explained else "UNEXPLAINED"
        if c.kind == "disagreement":
            head = f"{c.table} {' vs '.join(c.row_ids)}: {c.column} {' vs '.join(c.values)}"
        else:
            head = f"{c.table} {c.row_ids[0]}: refuted by {', '.join(c.values)}"
        lines.append(f"[{mark}] {head} ({', '.join(c.sources)})")
        if c.explanation:
            lines.append(f"    {c.explanation}")
    open_ = sum(1 for c in found if not c.explained)
    lines.append(f"{len(found)} conflicts, {open_} unexplained")
    return "\n".join(lines)


def conflicts_json(found: list[Conflict]) -> str:
    return json.dumps([c.as_dict() for c in found], ensure_ascii=False, indent=2)
