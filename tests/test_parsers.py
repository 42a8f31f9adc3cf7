"""The readers behind levels 4 and 5: figures and dates as English prose prints them."""

from __future__ import annotations

from datetime import date

import pytest

from turkey_russia_data.datetext import mentions, states
from turkey_russia_data.figures import parse_figure, qualifier_before, scale_after
from turkey_russia_data.validation.date_support import as_edtf


@pytest.mark.parametrize(
    ("printed", "value", "unit", "qualifier"),
    [
        ("$28.9 billion", 28.9e9, "USD", "exact"),
        ("exceeded $34 billion", 34e9, "USD", "more_than"),
        ("US$7.15 billion", 7.15e9, "USD", "exact"),
        ("almost 70 billion dollars", 70e9, "USD", "nearly"),
        ("approximately $80 billion", 80e9, "USD", "approximately"),
        ("€1.375 billion", 1.375e9, "EUR", "exact"),
        ("10,884 billion dollars", 10884e9, "USD", "exact"),
        ("almost 1.7 trillion dollars", 1.7e12, "USD", "nearly"),
        ("almost 40 percent", 40, "percent", "nearly"),
        ("29 per cent", 29, "percent", "exact"),
        ("more than 300%", 300, "percent", "more_than"),
        ("19.3 million tons", 19.3e6, "tonnes", "exact"),
        ("31.5 billion m*/a", 31.5e9, "cubic_metres_per_year", "exact"),
        ("seven million", 7e6, None, "exact"),
        ("thirty-three", 33, None, "exact"),
        ("more than 100", 100, None, "more_than"),
        ("at least 100", 100, None, "at_least"),
        ("up to 20", 20, None, "up_to"),
        ("second-biggest", 2, "rank", "exact"),
        ("twelfth largest", 12, "rank", "exact"),
        ("30th", 30, "rank", "exact"),
        ("top provider", 1, "rank", "exact"),
        ("fourfold", 4, "ratio", "exact"),
        ("two-thirds", 2 / 3, None, "exact"),
        ("remaining half", 0.5, None, "exact"),
        ("third-largest", 3, "rank", "exact"),
        ("16 bcm", 16e9, "cubic_metres_per_year", "exact"),
        ("$1.5 billion over ten years", 1.5e9, "USD", "exact"),
        ("surpassed 100,000", 100_000, None, "more_than"),
        ("longest", 1, "rank", "exact"),
        ("an estimated cost of 20 billion dollars", 20e9, "USD", "approximately"),
    ],
)
def test_figures_as_printed(printed: str, value: float, unit: str | None, qualifier: str) -> None:
    figure = parse_figure(printed)
    assert figure is not None
    assert figure.value == pytest.approx(value)
    assert (figure.unit, figure.qualifier) == (unit, qualifier)


def test_no_figure_and_shared_scale_and_preceding_qualifier() -> None:
    assert parse_figure("the remaining share") is None
    assert parse_figure("x" * 301) is None
    assert scale_after("10.7", "jumping from 10.7 to 19.3 million tons in oil products") == 1e6
    assert scale_after("10.7", "from 10.7 to 19.3 tons") is None
    assert qualifier_before("trade nearly doubled in 2022 to more than") == "more_than"
    assert qualifier_before("it reached almost") == "nearly"
    assert qualifier_before("over the decade it reached") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 24 November 2015, a Turkish F-16", ["2015-11-24"]),
        ("on November 24, 2015", ["2015-11-24"]),
        ("signed in July 2019", ["2019-07"]),
        ("in the summer of 2016", ["2016-22"]),
        ("NATO membership in 1952.4", ["1952"]),
        ("Soviet aid in the 1960s", ["196X"]),
        ("since the 15th century", ["14XX"]),
        ("the Crimean War of 1853-56", ["1853", "1856"]),
        ("between 2021 and 2022", ["2021", "2022"]),
        ("$3.4 billion in 2018, 2.1% of", ["2018"]),
        ("a turnover of 1,700 million", []),
        ("it may be that the deal fails", []),
        ("in May 2016 president Erdogan", ["2016-05"]),
        ("reported on 11 Dec 2019 (EV0107)", ["2019-12-11"]),
        ("in 2015; on 24 November a jet", ["2015", "2015-11-24"]),
    ],
)
def test_date_mentions(text: str, expected: list[str]) -> None:
    assert [as_edtf(m) for m in mentions(text)] == expected


def test_a_mention_states_a_date_at_its_precision_or_finer() -> None:
    (day,) = mentions("on 24 November 2015")
    (year,) = mentions("in 2015")
    assert states(day, date(2015, 1, 1), date(2015, 12, 31), "year")  # the quote is finer: fine
    assert not states(year, date(2015, 11, 24), date(2015, 11, 24), "day")  # the row claims more
    assert not states(year, date(2016, 1, 1), date(2016, 12, 31), "year")
