"""Staff pages for Employer Supported Policing: reviewing employers through their
lifecycle, and the record of engagement with businesses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from volunteers.exports import stream_csv
from volunteers.forms import add_errors
from volunteers.pages import paginate

from .. import permissions, services
from ..forms import EmployerFilterForm, EngagementForm, StatusForm
from ..models import Employer, EmployerLink, Engagement, Sector

PER_PAGE = 25


def _filtered(request):
    form = EmployerFilterForm(request.GET or None)
    employers = Employer.objects.select_related("district", "possible_duplicate_of").annotate(
        specials=Count("links", filter=Q(links__ended_at__isnull=True))
    )
    if form.is_valid():
        data = form.cleaned_data
        if q := data["q"].strip():
            employers = employers.filter(Q(name__icontains=q) | Q(contact_email__icontains=q))
        for field in ["status", "sector", "district"]:
            if data[field]:
                employers = employers.filter(**{field: data[field]})
    return form, employers.order_by("name", "pk")


@permissions.esp_staff
def employer_list(request):
    form, employers = _filtered(request)
    page = paginate(request, employers, PER_PAGE)
    return render(
        request,
        "esp/employer_list.html",
        {"form": form, "page": page},
    )


@permissions.esp_staff
def employer_export(request):
    form, employers = _filtered(request)
    header = [
        "Employer",
        "Status",
        "Sector",
        "Size",
        "District",
        "Contact",
        "E-mail",
        "Phone",
        "Support offered",
        "Pledged hours a year",
        "Linked Specials",
        "Listed publicly",
    ]
    rows = (
        [
            e.name,
            e.get_status_display(),
            e.get_sector_display(),
            e.get_size_band_display(),
            e.district.name if e.district else "",
            e.contact_name,
            e.contact_email,
            e.contact_phone,
            "; ".join(e.support_offered()),
            e.pledged_hours,
            e.specials,
            "yes" if e.list_publicly else "no",
        ]
        for e in employers.iterator(chunk_size=500)
    )
    return stream_csv("employers.csv", header, rows)


def _detail(request, employer, status_form=None):
    return render(
        request,
        "esp/employer_detail.html",
        {
            "employer": employer,
            "history": employer.status_changes.select_related("changed_by"),
            "status_form": status_form
            or StatusForm(statuses=sorted(services.MOVES[Employer.Status(employer.status)])),
            "links": EmployerLink.objects.filter(employer=employer, ended_at__isnull=True)
            .select_related("volunteer")
            .order_by("volunteer__last_name"),
            "engagements": employer.engagements.all(),
        },
    )


@permissions.esp_staff
def employer_detail(request, pk):
    return _detail(request, get_object_or_404(Employer.objects.select_related("district"), pk=pk))


@permissions.esp_staff
@require_POST
def employer_status(request, pk):
    employer = get_object_or_404(Employer, pk=pk)
    form = StatusForm(
        request.POST, statuses=sorted(services.MOVES[Employer.Status(employer.status)])
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            changed = services.change_status(
                actor=request.user,
                employer=employer,
                status=data["status"],
                reason=data["reason"],
                signed_on=data["agreement_signed_on"],
                signed_by=data["agreement_signed_by"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{changed}: {changed.get_status_display().lower()}.")
            return redirect(reverse("esp:employer-detail", args=[employer.pk]))
    return _detail(request, employer, status_form=form)


@permissions.esp_staff
def engagements(request):
    form = EngagementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        engagement = form.save(commit=False)
        engagement.recorded_by = request.user
        engagement.employer = Employer.objects.filter(name__iexact=engagement.organisation).first()
        engagement.save()
        messages.success(request, f"Recorded: {engagement.get_kind_display()} with {engagement}.")
        return redirect("esp:engagements")
    page = paginate(request, Engagement.objects.select_related("recorded_by"), PER_PAGE)
    by_sector = [
        (Sector(row["sector"]).label, row["n"])
        for row in Engagement.objects.values("sector").annotate(n=Count("pk")).order_by("-n")
    ]
    return render(
        request,
        "esp/engagements.html",
        {"form": form, "page": page, "by_sector": by_sector},
    )
