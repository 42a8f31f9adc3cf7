"""Parse a CSV file's bytes into Arrow string columns, when that is provably safe.

pyarrow's parser is multi-threaded and keeps cells in contiguous buffers, an order of
magnitude faster and smaller than a Python string per cell. It is also more lenient than
the strict reader (``csv.reader(strict=True)``) that defines what a well-formed table is:
it accepts text after a closing quote (``"x"y``), an unclosed quote on the last line, and
reads a blank line as a row of empty cells. So its result is taken only when the file is
well-formed by the strict reader's own rules and no cell spans lines; otherwise
``read_columns`` returns None and the caller reads the file with the strict reader, which
also locates every problem by line. The guards, each a C-level pass over the bytes:

- no NUL and no CR (the caller normalises line endings first);
- a header line without quotes and not blank;
- the whole file matches the strict reader's grammar for records on one line each, with
  no blank line (``_STRICT_CSV``, run by RE2 in linear time on a side thread while
  pyarrow parses), so row ``r`` is on line ``r + 2``.
"""

from __future__ import annotations

import mmap
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from .buffers import large_binary
from .threads import in_background

# csv.reader(strict=True) with the default dialect: a cell is unquoted (not starting with
# a quote; a quote later on is kept as text) or quoted (doubled quotes inside; after the
# closing quote only a comma or the end of the line). Quoted text here holds no newline.
# A line is never empty: a blank line is not a row of empty cells.
_FILLED = r'(?:[^,"\n][^,\n]*|"(?:[^"\n]|"")*")'
_CELL = _FILLED + "?"
_LINE = r"(?:" + _FILLED + r"(?:," + _CELL + r")*|(?:," + _CELL + r")+)"
_STRICT_CSV = r"\A" + _LINE + r"(?:\n" + _LINE + r")*\n?\z"


def _is_strict_csv(data: bytes | mmap.mmap) -> bool:
    """Whether the bytes match ``_STRICT_CSV``, viewed as one Arrow binary value (no copy)."""
    if data.find(b'"') < 0:
        # Without quotes every line is a row of unquoted cells; only a blank line is wrong.
        return data.find(b"\n\n") < 0 and data[:1] != b"\n"
    return bool(pc.match_substring_regex(large_binary(data), _STRICT_CSV)[0].as_py())


def read_columns(data: bytes | mmap.mmap) -> tuple[list[str], list[Any]] | None:
    """The header and one Arrow string column (ChunkedArray) per header cell, or None.

    ``data`` may be a memory map of the file: it is read in place, never copied."""
    if data.find(b"\x00") >= 0 or data.find(b"\r") >= 0:
        return None
    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)]  # a slice is bytes, even of a memory map
    if b'"' in first:
        return None
    try:
        header_line = first.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not header_line.strip():
        return None
    header = header_line.split(",")
    names = [f"c{i}" for i in range(len(header))]
    # The file is parsed on this thread (use_threads=False): tables are already read side
    # by side (threads.in_parallel), and a threaded Arrow reader that fails part-way (an
    # unclosed quote, a ragged row) can leave work on Arrow's own threads that aborts the
    # process at exit ("terminate called without an active exception").
    with in_background(_is_strict_csv, data, size=len(data)) as strict:  # while pyarrow parses
        try:
            table = pa_csv.read_csv(
                pa.py_buffer(data),
                read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1, use_threads=False),
                parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
                convert_options=pa_csv.ConvertOptions(
                    column_types=dict.fromkeys(names, pa.string()),
                    null_values=[],
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    check_utf8=True,
                ),
            )
        except (pa.ArrowException, ValueError):
            return None
        if not strict.result():
            return None
    return header, [table.column(i) for i in range(len(names))]
