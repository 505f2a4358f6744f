"""The manager's rota: plan a quarter from the visitors' availability, publish it to
the pairs, agree swaps."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import rota, services
from ..forms import (
    QuarterForm,
)
from ..models import Availability, Rota, Suite, SwapRequest
from ..permissions import (
    managers,
)

SHOWN = 20  # the visitors without a visit named on the rota page; the rest are counted


# --- The manager's rota ------------------------------------------------------------------


@managers
def rota_page(request):
    today = timezone.localdate()
    quarters = rota.quarters_to_plan(today)
    form = QuarterForm(
        request.GET or None, quarters=quarters, initial={"quarter": quarters[-1].isoformat()}
    )
    quarter = form.valid_values().get("quarter") or quarters[-1]
    plan = Rota.objects.filter(quarter=quarter).first()
    suites = list(Suite.objects.filter(is_open=True).order_by("name"))
    weeks = rota.weeks_of(quarter)
    grid, gaps = {}, set()
    if plan:
        allocations = plan.allocations.select_related(
            "suite", "first_visitor", "second_visitor", "report"
        )
        for a in allocations:
            grid[(a.week_starting, a.suite_id)] = a
        gaps = {(date_str, suite) for suite, date_str in plan.gaps}
    rows = [
        {
            "week": week,
            "cells": [
                {
                    "suite": suite,
                    "allocation": grid.get((week, suite.pk)),
                    "gap": (week.isoformat(), suite.pk) in gaps,
                }
                for suite in suites
            ],
        }
        for week in weeks
    ]
    given = Availability.objects.filter(quarter=quarter).count()
    swaps = SwapRequest.objects.filter(
        status=SwapRequest.Status.ASKED, allocation__rota__quarter=quarter
    ).select_related("allocation__suite", "asked_by", "colleague")
    loads = {}
    for allocation in grid.values():
        for person in allocation.pair:
            loads[person] = loads.get(person, 0) + 1
    visitors = services.visitors_now()
    unused = visitors.exclude(volunteer_id__in=[person.pk for person in loads])
    return render(
        request,
        "custody/rota.html",
        {
            "form": form,
            "quarter": quarter,
            "label": rota.quarter_label(quarter),
            "plan": plan,
            "suites": suites,
            "rows": rows,
            "gap_count": len(gaps),
            "visitor_count": visitors.count(),
            "availability_given": given,
            "swaps": swaps,
            "loads": sorted(loads.items(), key=lambda item: (-item[1], item[0].last_name)),
            "unused": [m.volunteer for m in unused.order_by("volunteer__last_name")[:SHOWN]],
            "unused_count": unused.count(),
        },
    )


@require_POST
@managers
def rota_plan(request):
    form = QuarterForm(request.POST, quarters=rota.quarters_to_plan(timezone.localdate()))
    if not form.is_valid():
        messages.error(request, "Choose the quarter to plan.")
        return redirect("custody:rota")
    try:
        plan = services.plan_rota(actor=request.user, quarter=form.cleaned_data["quarter"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = plan.allocations.count()
        gaps = len(plan.gaps)
        messages.success(
            request,
            f"Planned {count} visit{'s' if count != 1 else ''} in pairs"
            + (f"; {gaps} could not be filled (see the gaps below)." if gaps else ".")
            + " Only you see it until you publish it.",
        )
    return redirect(f"{_rota_url()}?quarter={form.cleaned_data['quarter'].isoformat()}")


def _rota_url():
    return reverse("custody:rota")


@require_POST
@managers
def rota_publish(request, pk):
    plan = get_object_or_404(Rota, pk=pk)
    services.publish_rota(actor=request.user, plan=plan)
    messages.success(
        request, "Published: each visitor has been sent their own visits, and no one else's."
    )
    return redirect(f"{_rota_url()}?quarter={plan.quarter.isoformat()}")


@require_POST
@managers
def swap_decide(request, pk):
    swap = get_object_or_404(SwapRequest.objects.select_related("allocation__rota"), pk=pk)
    agree = request.POST.get("decision") == "agree"
    try:
        services.decide_swap(actor=request.user, swap=swap, agree=agree)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Swap agreed: both visitors are told." if agree else "Swap declined: they are told.",
        )
    return redirect(f"{_rota_url()}?quarter={swap.allocation.rota.quarter.isoformat()}")
