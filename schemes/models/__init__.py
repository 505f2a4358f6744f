"""The machinery every scheme shares: duties and sign-ups, hours, calendar feeds."""

from .calendar import CalendarFeed
from .duties import Duty, Signup
from .hours import HoursEntry, MonthlyHours
from .kpis import KpiSnapshot, KpiTarget

__all__ = [
    "CalendarFeed",
    "Duty",
    "HoursEntry",
    "KpiSnapshot",
    "KpiTarget",
    "MonthlyHours",
    "Signup",
]
