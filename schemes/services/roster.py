"""The days a roster page shows."""

import calendar
from datetime import date, timedelta


def week_days(day: date) -> list[date]:
    """Monday to Sunday of the week `day` falls in."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def month_weeks(day: date) -> list[list[date]]:
    """The weeks (Monday first) that cover the month `day` falls in, as a calendar shows."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
