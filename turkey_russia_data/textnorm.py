"""The documented, minimal normalisation under which a quote must occur in its source.

Applied identically to source texts and quotes:

1. Unicode NFKC.
2. Typographic quotes folded to ' and ", dashes and hyphen variants to -.
3. Markdown link residue "[words](target)" reduced to "words".
4. A hyphen at a line end followed by a lower-case letter: the word is joined
   ("disap-\\npointed" -> "disappointed"). Because a real compound can also break there
   ("deeply-\\ningrained"), a second reading keeps the hyphen; a quote may match either.
5. Every run of whitespace collapsed to one space; ends stripped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",
    }
)
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[a-z])")
_SPACE = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _MD_LINK.sub(r"\1", unicodedata.normalize("NFKC", text).translate(_FOLD))


@lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The joined reading (hyphenation at line ends removed). Cached: the value level
    normalises each quote once per figure it is asked about."""
    return _SPACE.sub(" ", _LINE_HYPHEN.sub("", _fold(text))).strip()


@lru_cache(maxsize=16)
def readings(text: str) -> tuple[str, str]:
    """Both readings of a source text: hyphenation joined, and hyphen kept. Cached: a
    process that validates many copies of a package reads the same few texts each time."""
    folded = _fold(text)
    joined = _SPACE.sub(" ", _LINE_HYPHEN.sub("", folded)).strip()
    kept = _SPACE.sub(" ", _LINE_HYPHEN.sub("-", folded)).strip()
    return joined, kept


def occurs(quote: str, text_readings: tuple[str, str]) -> bool:
    q = normalise(quote)
    return bool(q) and any(q in r for r in text_readings)
