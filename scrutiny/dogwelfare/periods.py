"""The six-month periods in which every police dog is to be visited: January to June and
July to December."""

from datetime import date, timedelta


def period_of(day: date) -> date:
    return date(day.year, 1 if day.month <= 6 else 7, 1)


def next_period(start: date) -> date:
    return date(start.year, 7, 1) if start.month == 1 else date(start.year + 1, 1, 1)


def period_end(start: date) -> date:
    return next_period(start) - timedelta(days=1)


def period_label(start: date) -> str:
    return f"{start:%B} to {period_end(start):%B %Y}"
