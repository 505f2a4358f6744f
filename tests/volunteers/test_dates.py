"""The calendar rules every page, report and reminder shares (volunteers/dates.py)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from volunteers import dates

pytestmark = pytest.mark.date_sensitive
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def test_months_up_to_crosses_the_year_end():
    assert dates.months_up_to(date(2026, 2, 14), 4) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


@pytest.mark.parametrize(
    ("day", "end", "left"),
    [
        (date(2028, 2, 23), date(2028, 2, 29), 7),
        (date(2027, 2, 22), date(2027, 2, 28), 7),
        (date(2026, 11, 30), date(2026, 11, 30), 1),
        (date(2026, 12, 1), date(2026, 12, 31), 31),
    ],
)
def test_a_months_end_and_the_days_left_in_it(day, end, left):
    assert (dates.month_end(day), dates.days_left_in_month(day)) == (end, left)


@pytest.mark.parametrize(
    ("born", "years", "birthday"),
    [
        (date(2008, 2, 29), 18, date(2026, 3, 1)),  # a common year: 1 March
        (date(2010, 2, 29 - 1), 18, date(2028, 2, 28)),
        (date(2012, 2, 29), 16, date(2028, 2, 29)),  # a leap year: the day itself
        (date(2009, 12, 31), 18, date(2027, 12, 31)),
    ],
)
def test_the_anniversary_of_29_february_is_1_march_in_a_common_year(born, years, birthday):
    assert dates.anniversary(born, years) == birthday


def test_anniversaries_go_forward_only():
    with pytest.raises(ValueError):
        dates.anniversary(date(2026, 1, 1), -1)


def test_a_date_years_before_29_february_is_28_february():
    assert dates.years_before(date(2028, 2, 29), 18) == date(2010, 2, 28)
    assert dates.years_before(date(2028, 2, 29), 4) == date(2024, 2, 29)


@given(born=days, on=days)
def test_aged_n_by_both_rules_agrees(born, on):
    """`years_before` and `anniversary` say the same thing about who is how old."""
    age = dates.whole_years_between(born, on)
    if on >= born:
        assert dates.anniversary(born, age) <= on < dates.anniversary(born, age + 1)
        assert born <= dates.years_before(on, age)
        assert not born <= dates.years_before(on, age + 1)


@given(day=days, months=st.integers(-1200, 1200))
def test_adding_months_lands_on_a_first_day_the_right_number_of_months_away(day, months):
    moved = dates.add_months(day, months)
    assert moved.day == 1
    assert (moved.year - day.year) * 12 + moved.month - day.month == months


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 1, 31), date(2026, 2, 28), 0),  # the 31st has not come round again
        (date(2026, 1, 31), date(2026, 3, 31), 2),
        (date(2025, 11, 15), date(2026, 11, 14), 11),
        (date(2025, 11, 15), date(2026, 11, 15), 12),
        (date(2026, 11, 15), date(2026, 10, 1), 0),
    ],
)
def test_whole_months_of_service(start, end, months):
    assert dates.whole_months_between(start, end) == months


def test_the_week_key_follows_the_iso_year_at_new_year():
    assert dates.week_of(date(2026, 12, 31)) == "2026-W53"
    assert dates.week_of(date(2027, 1, 3)) == "2026-W53"
    assert dates.week_of(date(2027, 1, 4)) == "2027-W01"
