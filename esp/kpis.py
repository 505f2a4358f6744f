"""Employer Supported Policing's KPIs: active employers (and by sector), the share of
Specials who are employer-supported, self-employed Specials, and hours on release."""

from decimal import Decimal

from django.db.models import Count, Q, Sum

from schemes.kpi_registry import KPIS, Kpi
from schemes.kpis import active_people, approved_in, counted_until
from schemes.models import HoursEntry
from volunteers.catalogue import SPECIAL_CONSTABULARY

from .models import Employer, EmployerLink, Sector

TENTH = Decimal("0.1")
SUPPORTING = [Employer.Status.APPROVED, Employer.Status.ACTIVE]


def sector_groups():
    return [("", "All sectors"), *Sector.choices]


def active_employers(period):
    """Employers approved or active now (the register keeps no history of status by month)."""
    counts = dict(
        Employer.objects.filter(status__in=SUPPORTING).values_list("sector").annotate(n=Count("pk"))
    )
    return {
        "": {None: Decimal(sum(counts.values()))},
        **{code: {None: Decimal(counts.get(code, 0))} for code, _ in Sector.choices},
    }


def _links_current_at(period):
    end = counted_until(period)
    return EmployerLink.objects.filter(created_at__date__lte=end).filter(
        Q(ended_at__isnull=True) | Q(ended_at__date__gt=end)
    )


def supported_share(period):
    """Of the active Specials, the share whose employer supports them under ESP."""
    specials = active_people(period, scheme_slug=SPECIAL_CONSTABULARY)
    total = specials.count()
    supported = (
        _links_current_at(period)
        .filter(volunteer__in=specials, employer__status__in=SUPPORTING)
        .values("volunteer_id")
        .distinct()
        .count()
    )
    return {None: (Decimal(supported) * 100 / total).quantize(TENTH) if total else Decimal(0)}


def self_employed(period):
    specials = active_people(period, scheme_slug=SPECIAL_CONSTABULARY)
    count = _links_current_at(period).filter(volunteer__in=specials, self_employed=True).count()
    return {None: Decimal(count)}


def hours_released(period):
    entries = approved_in(period).filter(
        scheme__slug=SPECIAL_CONSTABULARY, kind=HoursEntry.Kind.ESP_RELEASE
    )
    return {None: entries.aggregate(total=Sum("hours"))["total"] or Decimal(0)}


for kpi in [
    Kpi(
        "esp_active_employers",
        "Employers supporting Specials",
        "grow",
        "employers",
        active_employers,
        groups=sector_groups,
        ambition="More employers, in more sectors",
    ),
    Kpi(
        "esp_supported_share",
        "Specials supported by their employer",
        "grow",
        "%",
        supported_share,
        target=Decimal("25"),
        ambition="A quarter of Specials employer-supported",
    ),
    Kpi("esp_self_employed", "Self-employed Specials", "grow", "people", self_employed),
    Kpi(
        "esp_hours_released",
        "Hours Specials were released by employers",
        "deliver",
        "hours",
        hours_released,
    ),
]:
    KPIS.register(kpi)
