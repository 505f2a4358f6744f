"""The strategy dashboard: the Volunteering Strategy's priorities and ambitions against
their targets, from the nightly KPI snapshots."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from volunteers.exports import stream_csv
from volunteers.permissions import opcc_staff_only
from volunteers.tasks import enqueue

from .. import tasks
from ..models import KpiSnapshot
from ..services import dashboard as board

REFRESH_GAP = timedelta(minutes=2)
FIGURES_KEPT_SECONDS = 15 * 60


def _month(request) -> date | None:
    """The month asked for (?month=2026-11), or None for the latest."""
    try:
        return datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        return None


@opcc_staff_only
def dashboard(request):
    asked = _month(request)
    head = board.heading(asked)
    if request.GET.get("month") and head.period != asked:
        messages.warning(request, "There are no figures for that month; showing the latest.")
    return render(request, "schemes/strategy.html", {"head": head, "figures": _figures(head)})


def _figures(head) -> str:
    """The cards, charts and tables of a month, drawn once and kept until the figures or a
    target change (the version says when). They hold no one's personal data and no form,
    so every member of staff may be shown the same copy. The time limit only bounds how
    long a new release can show the old layout."""
    if head.period is None:
        return ""
    key = f"strategy-figures:{head.version}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            "schemes/_strategy_figures.html",
            {
                "board": board.build(head),
                "chart": {"width": board.CHART_WIDTH, "height": board.CHART_HEIGHT},
                "threshold": settings.SMALL_GROUP_THRESHOLD,
            },
        )
        cache.set(key, html, FIGURES_KEPT_SECONDS)
    return html


@opcc_staff_only
def export(request):
    periods = board.available_periods()
    period = _month(request)
    if period not in periods:
        period = periods[0] if periods else None
    if period is None:
        messages.error(request, "There are no figures to download yet.")
        return redirect("schemes:strategy")
    return stream_csv(
        f"strategy-kpis-to-{period:%Y-%m}.csv", board.EXPORT_HEADER, board.export_rows(period)
    )


@opcc_staff_only
@require_POST
def refresh(request):
    """Work the figures out again now, rather than waiting for the nightly run."""
    latest = KpiSnapshot.objects.order_by("-computed_at").values_list("computed_at", flat=True)
    last = latest.first()
    if last and timezone.now() - last < REFRESH_GAP:
        messages.info(request, "The figures were worked out less than two minutes ago.")
    elif not enqueue(tasks.rollup_kpis):
        messages.error(
            request,
            "The figures could not be worked out just now. They are worked out every night; "
            "please try again later.",
        )
    elif settings.CELERY_TASK_ALWAYS_EAGER:
        messages.success(request, "The figures have been worked out again.")
    else:
        messages.success(
            request, "The figures are being worked out again. Reload this page in a minute."
        )
    return redirect("schemes:strategy")
