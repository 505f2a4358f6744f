"""The visitor's own pages and the dog unit manager's view of their own force."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone

from schemes.checklists import ChecklistForm
from volunteers.forms import add_errors
from volunteers.models import Force
from volunteers.pages import paginate

from .. import coverage, services
from ..checklist import DOG_CHECKLIST
from ..forms import (
    DogVisitForm,
)
from ..models import Assignment, DogIssue, DogVisit
from ..periods import period_label, period_of
from ..permissions import (
    get_own_assignment,
    get_own_visitor,
    managers_force,
    unit_managers,
)
from .staff import coverage_for

PER_PAGE = 50


# --- The visitor ---------------------------------------------------------------------------


def my_dogs(request):
    visitor = get_own_visitor(request.user)
    today = timezone.localdate()
    mine = (
        Assignment.objects.filter(Q(visitor=visitor) | Q(partner=visitor), period=period_of(today))
        .select_related("dog__unit__manager", "dog__force", "visitor", "partner", "visit")
        .order_by("due_by", "pk")
    )
    to_visit = [a for a in mine if not hasattr(a, "visit")]
    outcomes = DogIssue.objects.filter(
        Q(visit__visitor=visitor) | Q(visit__partner=visitor)
    ).select_related("visit__dog__force")[:20]
    filed = DogVisit.objects.filter(Q(visitor=visitor) | Q(partner=visitor)).select_related("dog")[
        :20
    ]
    return render(
        request,
        "dogwelfare/my_dogs.html",
        {"to_visit": to_visit, "filed": filed, "outcomes": outcomes, "today": timezone.localdate()},
    )


def visit_form(request, pk):
    visitor, assignment = get_own_assignment(request.user, pk)
    filed = DogVisit.objects.filter(assignment=assignment).first()
    if filed:
        return redirect(filed.get_absolute_url())
    data = request.POST if request.method == "POST" else None
    details = DogVisitForm(
        data,
        prefix="visit",
        initial={"visited_on": timezone.localdate(), "kennel_seen": assignment.dog.kennelled},
    )
    checklist = ChecklistForm(data, prefix="check", checklist=DOG_CHECKLIST)
    key = request.POST.get("submission_key") or str(uuid.uuid4())
    if request.method == "POST" and details.is_valid() and checklist.is_valid():
        try:
            found, made = services.submit_visit(
                visitor=visitor,
                assignment=assignment,
                submission_key=uuid.UUID(key),
                details=details.cleaned_data,
                answers=checklist.answers(),
            )
        except ValidationError as error:
            add_errors(details, error)
        except ValueError:
            details.add_error(None, "The form was sent incompletely: please send it again.")
        else:
            if made:
                count = found.issues.count()
                messages.success(
                    request,
                    "Thank you: your visit is filed"
                    + (
                        f", and the {count} concern{'s' if count != 1 else ''} sent to the force."
                        if count
                        else "."
                    ),
                )
            return redirect(found.get_absolute_url())
    return render(
        request,
        "dogwelfare/visit_form.html",
        {
            "assignment": assignment,
            "dog": assignment.dog,
            "details": details,
            "checklist": checklist,
            "all_forms": [details, checklist],
            "submission_key": key,
        },
    )


# --- The dog unit manager -----------------------------------------------------------------


@unit_managers
def force_dogs(request):
    force_id = managers_force(request.user)
    form, dogs, per_force, today = coverage_for(request, force_id=force_id)
    page = paginate(request, dogs, PER_PAGE)
    page.object_list = coverage.lines(page.object_list, today=today)
    waiting = (
        DogIssue.objects.filter(visit__dog__force_id=force_id, status=DogIssue.Status.WITH_FORCE)
        .select_related("visit__dog__force")
        .order_by("due_on", "pk")
    )
    recent = (
        DogVisit.objects.filter(dog__force_id=force_id)
        .select_related("dog")
        .annotate(concern_count=Count("issues"))
        .order_by("-visited_on", "-pk")[:10]
    )
    return render(
        request,
        "dogwelfare/force_dogs.html",
        {
            "form": form,
            "page": page,
            "counts": per_force[0][1] if per_force else None,
            "force": Force.objects.get(pk=force_id),
            "period": period_label(period_of(today)),
            "waiting": waiting,
            "recent": recent,
            "today": today,
        },
    )
