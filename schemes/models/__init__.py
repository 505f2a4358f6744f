"""The machinery every scheme shares: duties and sign-ups, hours, calendar feeds, KPIs,
and recruitment (roles to apply for and applications)."""

from .calendar import CalendarFeed
from .duties import Duty, Signup
from .hours import HoursEntry, MonthlyHours
from .kpis import KpiSnapshot, KpiTarget
from .recruitment import Application, Interview, Opportunity, Question, Stage, Step

__all__ = [
    "Application",
    "CalendarFeed",
    "Duty",
    "HoursEntry",
    "Interview",
    "KpiSnapshot",
    "KpiTarget",
    "MonthlyHours",
    "Opportunity",
    "Question",
    "Signup",
    "Stage",
    "Step",
]
