"""A table as read from a CSV file: Arrow string columns under the header, with the
line each row starts on, for the checks and for anything else that reads a package."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..schema import TableSpec

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
    # Reentrant: a memo may be made from others of the same table (rows, roles) on its thread.
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

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

    def values_of(self, column: str | None) -> list[str] | None:
        """The named column as Python strings (``values``), or None when the header lacks it."""
        i = self.index(column) if column else None
        return None if i is None else self.values(i)

    @cached_property
    def rows(self) -> Rows:
        """(line, cells) per row, built on first use: only the later levels need it."""
        if not self.data or not self.n_rows:
            return []
        columns = [self.values(i) for i in range(len(self.header))]
        lines = self.lines if self.lines is not None else range(2, self.n_rows + 2)
        return list(zip(lines, map(list, zip(*columns, strict=True)), strict=True))
