"""Property-based tests: the parsers of CSV files, dates, figures and selections never
let an exception escape, whatever they are given. Bad input is a reported problem (or
a documented error type), never a traceback."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

import pytest
from conftest import copy_package
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from packagekit import rehash

from turkey_russia_data import dates
from turkey_russia_data.datetext import mentions
from turkey_russia_data.figures import parse_figure
from turkey_russia_data.validation import validate
from turkey_russia_data.validation.selection import SelectionError, selection

ROOT = Path(__file__).resolve().parent.parent
FUZZ = settings(max_examples=200, deadline=None)
# Each example validates a whole package (about 50 ms): fewer examples, same reach.
FUZZ_PACKAGE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text that looks like what the parsers meet: digits, date words, CSV punctuation.
_ALPHABET = st.sampled_from([*list("0123456789-/.,~?%X ..$€%\"'\n\r\t\x00aAeEmn"), "May", "2015", "billion", "th"])
near_miss = st.lists(_ALPHABET, max_size=40).map("".join)
anything = st.one_of(st.text(max_size=80), near_miss)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_package(tmp_path_factory.mktemp("fuzz") / "pkg")


@FUZZ
@given(anything)
def test_edtf_parser_raises_only_its_own_error(text: str) -> None:
    try:
        rng = dates.parse(text)
    except dates.EdtfError:
        return
    assert rng.start is None or rng.end is None or rng.start <= rng.end


@FUZZ
@given(anything)
def test_date_mentions_never_raise(text: str) -> None:
    for m in mentions(text):
        assert m.start <= m.end


@FUZZ
@given(anything)
def test_figure_reader_never_raises(text: str) -> None:
    figure = parse_figure(text)
    assert figure is None or math.isfinite(figure.value)


@FUZZ
@given(anything, anything)
def test_selection_raises_only_its_own_error(select: str, ignore: str) -> None:
    with contextlib.suppress(SelectionError):
        selection(select=select, ignore=ignore)


@pytest.mark.slow  # validates a whole package per example
@FUZZ_PACKAGE
@given(st.binary(max_size=400))
@example(data=b"\x01\r\x01")  # a header without the key column, once raised in the citation-target check
def test_any_bytes_as_a_table_are_reported_not_raised(package: Path, data: bytes) -> None:
    path = package / "tables" / "arms_deals.csv"
    original = (ROOT / "tables" / "arms_deals.csv").read_bytes()
    try:
        path.write_bytes(data)
        report = validate(package)
        assert not report.valid
    finally:
        path.write_bytes(original)


@pytest.mark.slow  # validates a whole package per example
@FUZZ_PACKAGE
@given(st.lists(st.lists(anything, min_size=1, max_size=8), max_size=6))
def test_any_cells_under_a_real_header_are_reported_not_raised(package: Path, cells: list[list[str]]) -> None:
    import csv
    import io

    path = package / "tables" / "trade_flows.csv"
    original = (ROOT / "tables" / "trade_flows.csv").read_bytes()
    header = original.split(b"\n", 1)[0].decode()
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(cells)
    try:
        path.write_text(header + "\n" + buf.getvalue(), encoding="utf-8", errors="surrogatepass")
        validate(package)
    except UnicodeEncodeError:
        pass  # a lone surrogate cannot be written as UTF-8 at all; nothing to validate
    finally:
        path.write_bytes(original)


@pytest.mark.slow  # validates a whole package per example
@FUZZ_PACKAGE
@given(
    st.sampled_from(["value", "period", "qualifier", "value_as_stated", "unit", "partner", "erratum"]),
    anything,
)
def test_any_value_in_a_real_row_is_reported_not_raised(package: Path, column: str, value: str) -> None:
    import csv
    import io

    path = package / "tables" / "trade_flows.csv"
    original = (ROOT / "tables" / "trade_flows.csv").read_bytes()
    data = list(csv.reader(io.StringIO(original.decode(), newline="")))
    data[5][data[0].index(column)] = value.replace("\x00", "").replace("\r", "")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(data)
    try:
        path.write_text(buf.getvalue(), encoding="utf-8", errors="replace")
        rehash(package)
        validate(package)
    finally:
        path.write_bytes(original)
        rehash(package)
