"""What Dog Welfare measures for the strategy: the share of working dogs visited in the
six-month period so far (the target is every dog each period), and serious concerns."""

from decimal import Decimal

from schemes.kpi_registry import KPIS, Kpi
from schemes.kpis import counted_until

from . import coverage
from .models import Dog, DogVisit


def dogs_visited(period):
    """Of the working dogs, the share visited in the six-month period up to the month's
    end (or today)."""
    found = coverage.counts(Dog.objects.all(), today=counted_until(period))
    if not found["total"]:
        return {None: None}
    share = Decimal(found[coverage.VISITED]) * 100 / found["total"]
    return {None: share.quantize(Decimal("0.1"))}


def serious_concerns(period):
    found = DogVisit.objects.filter(
        is_serious=True, visited_on__gte=period, visited_on__lte=counted_until(period)
    )
    return {None: Decimal(found.count())}


for kpi in [
    Kpi(
        "dog_welfare_coverage",
        "Police dogs visited this six-month period",
        "assure",
        "%",
        dogs_visited,
        target=Decimal("100"),
        ambition="Every police dog visited in each six-month period",
    ),
    Kpi(
        "dog_welfare_serious_concerns",
        "Serious concerns on dog welfare visits",
        "assure",
        "visits",
        serious_concerns,
        higher_is_better=False,
    ),
]:
    KPIS.register(kpi)
