"""Parsing JSON the tools did not write, with a bound on nesting.

Python's JSON decoder recurses once per nested array or object, so a document nested
a few thousand deep ends in RecursionError, and a deeper one can exhaust the C stack.
Every JSON file the package reads (descriptors, schemas, release records) goes through
``parse_json``: a linear pre-scan measures the bracket depth outside strings, and a
document deeper than ``MAX_JSON_DEPTH`` is refused as invalid JSON (a
``json.JSONDecodeError`` located at the bracket that goes too deep) before the decoder
sees it. Callers already turn ``JSONDecodeError`` into a located problem or exit code 2.

This module imports nothing from the package, so every layer can use it.
"""

from __future__ import annotations

import json
import re
from array import array
from itertools import accumulate
from typing import Any

# The shipped descriptor and schemas nest six levels; release records five. A hundred
# leaves room for any real document and stays far below the interpreter's recursion limit.
MAX_JSON_DEPTH = 100

_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_LONG_NUMBER = re.compile(r"[0-9]{4300}")
_SPECIAL = re.compile(r'[\[\]{}"\\]')
# Opening brackets count +1, closing ones -1 (as signed bytes).
_STEP = bytes.maketrans(b"[]{}", b"\x01\xff\x01\xff")


def _depth(text: str) -> int:
    """The deepest bracket nesting outside strings, in linear time (C loops throughout).

    Escapes come in pairs in JSON, so dropping every ``\\\\`` and then every ``\\"`` leaves
    only the quotes that open and close strings; splitting on them puts what lies outside
    strings at the even positions. Malformed input may be measured too deep or too
    shallow; the decoder then rejects it anyway.
    """
    if "[" not in text and "{" not in text:
        return 0
    outside = "".join(text.replace("\\\\", "").replace('\\"', "").split('"')[::2])
    steps = array("b", _NOT_BRACKET.sub("", outside).encode("ascii").translate(_STEP))
    return max(accumulate(steps), default=0)


def _too_deep_at(text: str, limit: int) -> int:
    """The offset of the first bracket that opens level ``limit + 1``."""
    depth, in_string, skip = 0, False, -1
    for m in _SPECIAL.finditer(text):
        at, ch = m.start(), m.group()
        if at == skip:
            continue
        if in_string:
            if ch == "\\":
                skip = at + 1
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return at
        elif ch in "]}":
            depth -= 1
    return 0


def parse_json(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads(text)``, refusing documents nested deeper than ``max_depth``.

    Raises ``json.JSONDecodeError`` for invalid JSON and for too deep a document alike.
    """
    if _depth(text) > max_depth:
        raise json.JSONDecodeError(
            f"nested deeper than {max_depth} levels (the limit for JSON read by turkey-russia-data)",
            text,
            _too_deep_at(text, max_depth),
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # an integer literal beyond the interpreter's digit limit
        long_number = _LONG_NUMBER.search(text)
        raise json.JSONDecodeError(str(exc), text, long_number.start() if long_number else 0) from None
