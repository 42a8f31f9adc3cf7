from datetime import date

import pytest

from turkey_russia_data import dates


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
        ("2019-07", date(2019, 7, 1), date(2019, 7, 31), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2015-11-24", date(2015, 11, 24), date(2015, 11, 24), "day"),
        ("196X", date(1960, 1, 1), date(1969, 12, 31), "decade"),
        ("14XX", date(1400, 1, 1), date(1499, 12, 31), "century"),
        ("1853/1856", date(1853, 1, 1), date(1856, 12, 31), "year"),
        ("2022-03/2022-04", date(2022, 3, 1), date(2022, 4, 30), "month"),
        ("2019-21", date(2019, 3, 1), date(2019, 5, 31), "season"),
        ("2023-24", date(2023, 12, 1), date(2024, 2, 29), "season"),
    ],
)
def test_ranges(text: str, start: date, end: date, precision: str) -> None:
    r = dates.parse(text)
    assert (r.start, r.end, r.precision) == (start, end, precision)


def test_qualifiers_and_open_intervals() -> None:
    assert dates.parse("2013~").approximate and not dates.parse("2013~").uncertain
    assert dates.parse("2013?").uncertain
    assert dates.parse("2013%").approximate and dates.parse("2013%").uncertain
    open_end = dates.parse("2016/..")
    assert open_end.start == date(2016, 1, 1) and open_end.end is None
    open_start = dates.parse("../2016-05")
    assert open_start.start is None and open_start.end == date(2016, 5, 31)


@pytest.mark.parametrize(
    "bad", ["", "19", "2019-13", "2019-02-30", "2019-00", "1X9X", "2019/2018", "../..", "2019-21-01", "195X-01", "0000"]
)
def test_rejects(bad: str) -> None:
    assert not dates.is_valid(bad)
    with pytest.raises(dates.EdtfError):
        dates.parse(bad)
