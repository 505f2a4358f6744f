"""How dates, hours and numbers read (volunteers/formats.py), the same on every page."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from volunteers import formats


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        ("16", "16 h"),
        ("2.5", "2 h 30 min"),
        ("0.25", "15 min"),
        ("0", "0 h"),
        ("1234.75", "1,234 h 45 min"),
        ("1.999", "2 h"),  # never "1 h 60 min"
    ],
)
def test_hours_read_in_hours_and_minutes(hours, text):
    assert formats.hours_text(Decimal(hours)) == text


def test_dates_read_in_full_with_the_local_time():
    assert formats.long_date(date(2028, 2, 29)) == "29 February 2028"
    moment = datetime(2027, 3, 28, 1, 30, tzinfo=ZoneInfo("UTC"))  # 02:30 in summer time
    assert formats.date_and_time(moment) == "28 March 2027 at 02:30"


def test_decimals_without_trailing_zeros():
    assert [formats.decimal_text(Decimal(v)) for v in ("7.50", "16.00", "100")] == [
        "7.5",
        "16",
        "100",
    ]
    assert formats.one_place(Decimal("84.26")) == "84.3"
