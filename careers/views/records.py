"""Pages of the Special Constabulary: a Special's own service record in the portal, and the
managers' list of Specials and each one's record, where rank, postings and sign-offs on
the pathway to Independent Patrol Status are recorded."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from volunteers import catalogue
from volunteers.exports import stream_csv
from volunteers.forms import add_errors
from volunteers.models import AuditEvent
from volunteers.pages import paginate
from volunteers.services import record_event

from .. import permissions, services
from ..forms import (
    AwardForm,
    EndPostingForm,
    LeaveForm,
    PostingForm,
    RankChangeForm,
    RegularRouteForm,
    ServiceRecordForm,
    SignOffForm,
    SpecialsFilterForm,
)
from ..models import (
    AttendanceAction,
    Award,
    CompetenceSignOff,
    LeaveOfAbsence,
    PathwayApplication,
    Posting,
    Rank,
    RankChange,
    RegularRoute,
)

SPECIALS_PER_PAGE = 25
RANK_ORDER = Case(
    *[When(service_record__rank=rank, then=Value(i)) for i, rank in enumerate(Rank)],
    default=Value(0),
    output_field=IntegerField(),
)


def _current_postings():
    return Prefetch(
        "postings",
        queryset=Posting.objects.current().select_related("team"),
        to_attr="current_postings",
    )


def _sign_offs():
    return Prefetch(
        "competence_sign_offs",
        queryset=CompetenceSignOff.objects.only("volunteer_id", "step", "signed_off_on"),
        to_attr="sign_offs",
    )


def _filtered_specials(request):
    form = SpecialsFilterForm(request.GET or None)
    specials = catalogue.specials().visible_to(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if q := data["q"].strip():
            specials = specials.filter(
                Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q)
            )
        if data["rank"]:
            specials = specials.filter(service_record__rank=data["rank"])
        if data["team"]:
            posted = Posting.objects.current().filter(team=data["team"])
            specials = specials.filter(pk__in=posted.values("volunteer_id"))
        if data["patrol"] == "yes":
            specials = specials.filter(service_record__independent_patrol_on__isnull=False)
        elif data["patrol"] == "no":
            specials = specials.filter(
                Q(service_record__isnull=True) | Q(service_record__independent_patrol_on=None)
            )
        if data["district"]:
            specials = specials.filter(district=data["district"])
        sort = data["sort"] or "name"
    else:
        sort = "name"
    order = {
        "name": ["last_name", "first_name", "pk"],
        "rank": [RANK_ORDER.desc(), "last_name", "pk"],
        "attested": ["-service_record__attested_on", "last_name", "pk"],
    }[sort]
    return form, specials.order_by(*order)


def _next_step_label(volunteer) -> str:
    """The step this Special is working towards ("" once all are signed off)."""
    upcoming = (r for r in services.progress(volunteer, volunteer.sign_offs) if r.is_next)
    row = next(upcoming, None)
    return row.step.label if row else ""


@permissions.specials_managers
def specials_list(request):
    form, specials = _filtered_specials(request)
    page = paginate(
        request,
        specials.select_related("district", "service_record").prefetch_related(
            _current_postings(), _sign_offs()
        ),
        SPECIALS_PER_PAGE,
    )
    for volunteer in page:
        volunteer.next_step = _next_step_label(volunteer)
    return render(
        request,
        "careers/specials_list.html",
        {"form": form, "page": page},
    )


@permissions.specials_managers
def specials_export(request):
    form, specials = _filtered_specials(request)
    record_event(
        actor=request.user,
        volunteer=None,
        action=AuditEvent.Action.EXPORTED,
        record=None,
        summary="Exported the list of Specials",
    )
    rows = specials.select_related("district", "service_record").prefetch_related(
        _current_postings(), _sign_offs()
    )

    def lines():
        for volunteer in rows.iterator(chunk_size=500):
            record = getattr(volunteer, "service_record", None)
            yield [
                volunteer.first_name,
                volunteer.last_name,
                volunteer.email,
                volunteer.district.name if volunteer.district else "",
                record.get_rank_display() if record else Rank.CONSTABLE.label,
                record.attested_on if record and record.attested_on else "",
                record.independent_patrol_on if record and record.independent_patrol_on else "",
                "; ".join(p.team.name for p in volunteer.current_postings),
            ]

    header = [
        "First name",
        "Last name",
        "E-mail",
        "District",
        "Rank",
        "Attested on",
        "Independent Patrol Status since",
        "Posted to",
    ]
    return stream_csv("specials.csv", header, lines())


def record_page(request, volunteer, *, status=200, **forms):
    """A Special's record page, with any form that came back with errors still filled in."""
    record = services.record_for(volunteer)
    route = RegularRoute.objects.filter(volunteer=volunteer).first()
    sign_offs = list(
        CompetenceSignOff.objects.filter(volunteer=volunteer).select_related("signed_off_by")
    )
    steps = services.progress(volunteer, sign_offs)
    next_step = next((row.step for row in steps if row.is_next), None)
    postings = list(Posting.objects.filter(volunteer=volunteer).select_related("team"))
    current = set(
        Posting.objects.current().filter(volunteer=volunteer).values_list("pk", flat=True)
    )
    context = {
        "volunteer": volunteer,
        "record": record,
        "ranks": RankChange.objects.filter(volunteer=volunteer).select_related("recorded_by"),
        "postings": [(p, p.pk in current) for p in postings],
        "steps": steps,
        "next_step": next_step,
        "record_form": forms.get("record_form") or ServiceRecordForm(instance=record),
        "rank_form": forms.get("rank_form") or RankChangeForm(),
        "posting_form": forms.get("posting_form") or PostingForm(),
        "end_form": EndPostingForm(),
        "sign_off_form": forms.get("sign_off_form") or SignOffForm(next_step=next_step),
        "route": route,
        "leaves": LeaveOfAbsence.objects.filter(volunteer=volunteer),
        "awards": Award.objects.filter(volunteer=volunteer),
        "award_form": forms.get("award_form") or AwardForm(),
        "leave_form": forms.get("leave_form") or LeaveForm(),
        "actions": AttendanceAction.objects.filter(volunteer=volunteer).select_related("issued_by"),
        "route_form": RegularRouteForm(instance=route),
        "applications": PathwayApplication.objects.filter(volunteer=volunteer).select_related(
            "pathway"
        ),
    }
    return render(request, "careers/special_detail.html", context, status=status)


@permissions.specials_managers
def special_detail(request, pk):
    return record_page(request, permissions.get_special_for(request.user, pk))


def _after(request, volunteer, message: str):
    messages.success(request, message)
    return redirect(reverse("careers:special-detail", args=[volunteer.pk]))


@permissions.specials_managers
@require_POST
def record_edit(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    record = services.record_for(volunteer)
    form = ServiceRecordForm(request.POST, instance=record)
    if form.is_valid():
        try:
            services.update_service_record(
                actor=request.user,
                record=record,
                attested_on=form.cleaned_data["attested_on"],
                warrant_number=form.cleaned_data["warrant_number"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _after(request, volunteer, "The service record is saved.")
    return record_page(request, volunteer, record_form=form)


@permissions.specials_managers
@require_POST
def rank_change(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    form = RankChangeForm(request.POST)
    if form.is_valid():
        try:
            change = services.change_rank(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _after(request, volunteer, f"Rank recorded: {change.get_rank_display()}.")
    return record_page(request, volunteer, rank_form=form)


@permissions.specials_managers
@require_POST
def posting_add(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    form = PostingForm(request.POST)
    if form.is_valid():
        try:
            posting = services.add_posting(
                actor=request.user, volunteer=volunteer, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _after(request, volunteer, f"Posted to {posting.team}.")
    return record_page(request, volunteer, posting_form=form)


@permissions.specials_managers
@require_POST
def posting_end(request, pk, posting_pk):
    volunteer = permissions.get_special_for(request.user, pk)
    posting = (
        Posting.objects.filter(pk=posting_pk, volunteer=volunteer).select_related("team").first()
    )
    if posting is None:
        raise Http404("No such posting.")
    form = EndPostingForm(request.POST)
    if form.is_valid():
        try:
            services.end_posting(actor=request.user, posting=posting, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return _after(request, volunteer, f"The posting to {posting.team} ends then.")
    else:
        messages.error(request, "Give the date the posting ends.")
    return redirect(reverse("careers:special-detail", args=[volunteer.pk]))


@permissions.specials_managers
@require_POST
def sign_off(request, pk):
    volunteer = permissions.get_special_for(request.user, pk)
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            signed = services.sign_off(actor=request.user, volunteer=volunteer, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return _after(request, volunteer, f"Signed off: {signed.get_step_display()}.")
    return record_page(request, volunteer, sign_off_form=form)


def my_service(request):
    """A Special's own record: rank, postings and progress to Independent Patrol Status."""
    volunteer = permissions.get_own_special(request.user)
    record = services.record_for(volunteer)
    return render(
        request,
        "careers/my_service.html",
        {
            "volunteer": volunteer,
            "record": record,
            "ranks": RankChange.objects.filter(volunteer=volunteer),
            "postings": Posting.objects.filter(volunteer=volunteer).select_related("team"),
            "steps": services.progress(volunteer),
            "awards": Award.objects.filter(volunteer=volunteer),
        },
    )
