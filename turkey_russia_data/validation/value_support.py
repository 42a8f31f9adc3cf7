"""Level 4, value support: the figure as printed is in a quote that carries it, and it
reads as the row's value, unit and qualifier unless an erratum explains the difference.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..figures import Figure, close, parse_figure, qualifier_before, scale_after
from ..textnorm import normalise
from .facts import FIGURES, SUBSTANCE, Fact, Facts, FigureColumns
from .problems import Problem

# Unit words a figure can carry that the row's unit may legitimately refine.
_COMPATIBLE_UNITS = {("cubic_metres", "cubic_metres_per_year")}


def _fmt(value: float) -> str:
    return f"{value:.12g}"


def check_figure(fact: Fact, cols: FigureColumns) -> Iterator[Problem]:
    printed = fact.get(cols.as_stated)
    if not printed:
        return
    wanted = normalise(printed)
    carrying = [q for q in fact.quotes(SUBSTANCE) if wanted in normalise(q)]
    if not carrying:
        yield fact.problem(
            "E402",
            cols.as_stated,
            "the figure as printed is not in any quote that carries the row's value",
            f"{printed!r} in a citation with supports 'value' or 'both'",
            "not found",
        )
        return
    explained = bool(fact.get("erratum"))
    if cols.basis is not None and fact.get(cols.basis) == "derived":
        return  # the value was computed; its derivation says how
    figure = parse_figure(printed)
    if figure is None:
        if not explained:
            yield fact.problem("E403", cols.as_stated, "no figure can be read here", "a number", printed)
        return
    value = fact.number(cols.value)
    if value is not None and not explained:
        read = _scaled(figure, printed, carrying)
        if not close(read, value):
            yield fact.problem(
                "E403",
                cols.value,
                f"the value does not match the figure as printed ({printed!r}); if the text is wrong, add an erratum",
                _fmt(read),
                _fmt(value),
            )
    qualifier = figure.qualifier
    if qualifier == "exact":
        for quote in carrying:
            q = normalise(quote)
            before = qualifier_before(q[: q.find(wanted)])
            if before is not None:
                qualifier = before
                break
    recorded = fact.get(cols.qualifier) or "exact"
    if qualifier != recorded and not explained:
        yield fact.problem(
            "E404",
            cols.qualifier,
            f"the words around the figure ({printed!r}) make it {qualifier!r}",
            qualifier,
            recorded,
        )
    if cols.unit is not None and figure.unit is not None and not explained:
        unit = fact.get(cols.unit)
        if unit and unit != figure.unit and (figure.unit, unit) not in _COMPATIBLE_UNITS:
            yield fact.problem(
                "E405", cols.unit, f"the figure as printed ({printed!r}) is in {figure.unit}", figure.unit, unit
            )


def _scaled(figure: Figure, printed: str, quotes: list[str]) -> float:
    if figure.scaled:
        return figure.value
    for quote in quotes:
        scale = scale_after(printed, quote)
        if scale is not None:
            return figure.value * scale
    return figure.value


def check_value_support(facts: Facts) -> Iterator[Problem]:
    for table, rows in facts.by_table.items():
        for fact in rows:
            if not fact.quotes(("value", "date", "both", "context")):
                continue  # no supporting citation at all: E201 at level 2 says so
            if not fact.quotes(SUBSTANCE):
                yield fact.problem(
                    "E401",
                    None,
                    "no supporting quote carries what the row states (only date or context quotes)",
                    "a citation with supports 'value' or 'both'",
                    ", ".join(sorted({c.supports for c in fact.cites})) or "none",
                )
            for cols in FIGURES.get(table, ()):
                yield from check_figure(fact, cols)
