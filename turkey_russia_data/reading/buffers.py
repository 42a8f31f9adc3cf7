"""Arrow values laid out byte by byte from Python values and raw buffers.

pyarrow converts Python objects (``pa.array([...])``) through a shim that imports pandas
first: 0.2 s, more than reading a hundred thousand rows. Reading a package never needs
pandas, so the few arrays it builds are made here instead.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

STRING = pa.string()


def strings(values: Sequence[str]) -> Any:
    """A string array of these values."""
    encoded = [v.encode("utf-8") for v in values]
    offsets = [0]
    for item in encoded:
        offsets.append(offsets[-1] + len(item))
    if offsets[-1] >= 2**31:
        raise ValueError("values too long for one string array")
    buffers = [None, pa.py_buffer(struct.pack(f"<{len(offsets)}i", *offsets)), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(STRING, len(values), buffers)


def large_binary(data: bytes | mmap.mmap) -> Any:
    """The bytes as one large_binary value, without copying them."""
    offsets = pa.py_buffer(struct.pack("<2q", 0, len(data)))
    return pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
