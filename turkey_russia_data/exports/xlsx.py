"""Excel export (extra ``xlsx``, openpyxl): an ``about`` sheet (version, licence, how to
cite, one line per table), then one sheet per table with a frozen, filterable header.

Every text cell is written as text, never as a formula, and text that a spreadsheet
would read as one (starting with = + - @, a tab or a carriage return) also carries
Excel's quote prefix, so editing the cell later does not turn it into a formula either;
the text itself is kept verbatim. Derived dates are ISO text: Excel has no dates before
1900 and the sources start in the fifteenth century."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..loader import DataPackage
from .errors import MissingDependencyError
from .values import is_missing

# OWASP's list of characters that make a spreadsheet evaluate a cell.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


def needs_neutralising(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


def _value(value: Any) -> Any:
    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def write_xlsx(path: Path, package: DataPackage) -> dict[str, int]:
    """Write the package to a new workbook at ``path``; returns rows per table."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
    except ImportError:
        raise MissingDependencyError("xlsx", "openpyxl", "xlsx") from None

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)

    def cell(sheet: Any, value: Any, header: bool = False) -> Any:
        out = WriteOnlyCell(sheet, value=_value(value))
        if isinstance(out.value, str):
            out.data_type = "s"  # openpyxl would store "=..." as a formula
            if needs_neutralising(out.value):
                out.quotePrefix = True
        if header:
            out.font = bold
        return out

    descriptor = package.descriptor
    frames = {name: package.load(name) for name in package.tables()}
    about = workbook.create_sheet("about")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 100
    for key in ("title", "version", "created"):
        if key in descriptor:
            about.append([cell(about, key, header=True), cell(about, str(descriptor[key]))])
    licences = "; ".join(str(lic.get("title") or lic.get("name")) for lic in descriptor.get("licenses", []))
    about.append([cell(about, "licenses", header=True), cell(about, licences)])
    about.append([])
    about.append(
        [cell(about, "sheet", header=True), cell(about, "rows", header=True), cell(about, "one row is", header=True)]
    )
    for resource in descriptor["resources"]:
        about.append(
            [
                cell(about, resource["name"]),
                cell(about, len(frames[resource["name"]])),
                cell(about, resource.get("description", "")),
            ]
        )

    counts: dict[str, int] = {}
    for name, frame in frames.items():
        sheet = workbook.create_sheet(name)
        for i, column in enumerate(frame.columns):
            longest = max([len(str(column)), *(len(str(v)) for v in frame[column].dropna().head(200))])
            sheet.column_dimensions[_letter(i)].width = min(_MAX_WIDTH, longest + 2)
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{_letter(len(frame.columns) - 1)}{len(frame) + 1}"
        sheet.append([cell(sheet, c, header=True) for c in frame.columns])
        columns = [frame[c].astype(object).tolist() for c in frame.columns]
        for values in zip(*columns, strict=True):
            sheet.append([cell(sheet, v) for v in values])
        counts[name] = len(frame)
    workbook.save(path)
    return counts


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))
