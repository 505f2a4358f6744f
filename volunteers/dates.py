"""Calendar arithmetic, in one place: months, years and 29 February.

Every page, report and reminder that counts months or years uses these, so a month's end,
a year's end and a leap day behave the same everywhere. A month is named by its first day.

The leap-day rule: the anniversary of 29 February in a year without one is 1 March (as
UK law counts a birthday: the year is not complete until 28 February has passed), and a
date "N years before" 29 February is 28 February (the latest day that is not later).
"""

import calendar
from datetime import date

# The widest range any date a person types may take: nobody means a duty in the year 9999
# or hours worked in the year 1. Forms narrow it per field (volunteers.forms.SensibleDates).
EARLIEST = date(1900, 1, 1)
YEARS_AHEAD = 10


def latest_sensible(today: date) -> date:
    """The last day a date typed today may name: the end of the year ten years on."""
    return date(today.year + YEARS_AHEAD, 12, 31)


def month_start(day: date) -> date:
    """The first day of `day`'s month."""
    return day.replace(day=1)


def month_end(day: date) -> date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def days_left_in_month(day: date) -> int:
    """Days from `day` to its month's end, counting both: 1 on the last day."""
    return month_end(day).day - day.day + 1


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before, if negative) `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def next_month(day: date) -> date:
    return add_months(day, 1)


def previous_month(day: date) -> date:
    return add_months(day, -1)


def months_up_to(day: date, count: int) -> list[date]:
    """The `count` months ending with `day`'s, oldest first, each as its first day."""
    return [add_months(day, offset) for offset in range(1 - count, 1)]


def whole_months_between(start: date, end: date) -> int:
    """Complete months from `start` to `end` (0 if `end` is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(0, months - (1 if end.day < start.day else 0))


def anniversary(day: date, years: int) -> date:
    """The date `years` after `day`; 29 February's is 1 March in a year without one.
    (Going back is `years_before`, which has the other rule.)"""
    if years < 0:
        raise ValueError("anniversary() goes forward; use years_before() to go back.")
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a common year
        return date(day.year + years, 3, 1)


def years_before(day: date, years: int) -> date:
    """The date `years` before `day`; before 29 February, 28 February in a common year.

    So `born_on <= years_before(today, 18)` says exactly "is 18 or older today"."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, in a common year
        return date(day.year - years, 2, 28)


def whole_years_between(start: date, end: date) -> int:
    """Complete years from `start` to `end` (an age, a length of service); 0 if `end` is
    not later."""
    if end <= start:
        return 0
    years = end.year - start.year
    return years - 1 if anniversary(start, years) > end else years


def week_of(day: date) -> str:
    """The ISO week `day` is in, as 2026-W48 (a key for things done once a week)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
