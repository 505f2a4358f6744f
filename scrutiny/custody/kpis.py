"""What custody visiting measures for the strategy: visits made against the suites'
target frequency, the share of people offered a visit who agreed, and the share of the
concerns due an answer in the month that the force answered by their day."""

from decimal import Decimal

from django.db.models import F

from schemes.kpi_registry import KPIS, Kpi
from schemes.kpis import counted_until

from . import summary
from .models import CustodyIssue


def _share(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else None


def visits_against_target(period):
    """Visits made in the month so far, as a share of the visits the suites were due."""
    _, overall = summary.summarise(period, counted_until(period), today=counted_until(period))
    return {None: _share(overall.visits, overall.target)}


def consent_rate(period):
    _, overall = summary.summarise(period, counted_until(period), today=counted_until(period))
    return {None: _share(overall.seen, overall.offered)}


def answered_in_time(period):
    """Of the concerns whose answer fell due in the month, the share the force answered by
    the day it was due."""
    due = CustodyIssue.objects.filter(due_on__gte=period, due_on__lte=counted_until(period))
    in_time = due.filter(responded_at__date__lte=F("due_on"))
    return {None: _share(in_time.count(), due.count())}


for kpi in [
    Kpi(
        "custody_visits_against_target",
        "Custody visits made, against the suites' target",
        "assure",
        "%",
        visits_against_target,
        target=Decimal("100"),
        ambition="Every custody suite visited as often as the scheme sets",
    ),
    Kpi(
        "custody_consent_rate",
        "People in custody offered a visit who agreed",
        "assure",
        "%",
        consent_rate,
    ),
    Kpi(
        "custody_concerns_answered_in_time",
        "Custody visit concerns answered by the force in time",
        "assure",
        "%",
        answered_in_time,
        target=Decimal("90"),
        ambition="The force answers nine in ten concerns by their due date",
    ),
]:
    KPIS.register(kpi)
