"""Arrow values built from raw buffers, for the column checks.

pyarrow converts Python objects (``pa.array([...])``, ``pa.scalar(...)``, a str passed
to a compute function) through a shim that imports pandas first: 0.2 s, more than
checking a hundred thousand rows. The validator never needs pandas, so the few arrays
and scalars it builds are laid out byte by byte here instead.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..reading.buffers import strings as strings  # re-exported: the column checks build arrays with it


def string(value: str) -> Any:
    """A string scalar."""
    return strings([value])[0]


def number(value: float) -> Any:
    """A float64 scalar."""
    return pa.Array.from_buffers(pa.float64(), 1, [None, pa.py_buffer(struct.pack("<d", float(value)))])[0]


def integer(value: int) -> Any:
    """An int64 scalar."""
    return pa.Array.from_buffers(pa.int64(), 1, [None, pa.py_buffer(struct.pack("<q", value))])[0]


def int32s(values: Sequence[int]) -> Any:
    """An int32 array of these values."""
    return pa.Array.from_buffers(
        pa.int32(), len(values), [None, pa.py_buffer(struct.pack(f"<{len(values)}i", *values))]
    )


def flat(values: Any) -> Any:
    """An Arrow array of these values, whether they come as an array or in chunks."""
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


@dataclass(frozen=True)
class Groups:
    """Rows grouped by equal values, numbered in order of first appearance."""

    of_row: Any  # per row: its group (Arrow)
    first: Any  # per group: its first row (Arrow)

    def repeats(self) -> list[tuple[int, int]]:
        """(row, the first row of its group) for each row that is not the first of its group, in row order."""
        at = pc.take(self.first, self.of_row)
        later = pc.indices_nonzero(pc.not_equal(at, pc.indices_nonzero(pc.is_valid(at))))
        return list(zip(later.to_pylist(), pc.take(at, later).to_pylist(), strict=True))


def group_rows(columns: Sequence[Any]) -> Groups:
    """Rows grouped by their cells in these string columns (joined by NUL, which a cell
    read from CSV does not hold)."""
    joined = pc.binary_join_element_wise(*columns, string("\x00")) if len(columns) > 1 else columns[0]
    signature = flat(joined)
    encoded = pc.dictionary_encode(signature)
    # dictionary_encode numbers values in order of first appearance: where each first
    # appears in the column is the first row of its group.
    return Groups(encoded.indices, pc.index_in(encoded.dictionary, value_set=signature))


def equals(column: Any, value: str) -> Any:
    return pc.equal(column, string(value))


def rows_where(mask: Any) -> list[int]:
    """Positions where a boolean mask is true, ascending."""
    return [int(r) for r in pc.indices_nonzero(mask).to_pylist()]


def any_of(masks: Sequence[Any]) -> Any | None:
    """The element-wise OR of boolean masks; None for no masks."""
    if not masks:
        return None
    out = masks[0]
    for mask in masks[1:]:
        out = pc.or_(out, mask)
    return out
