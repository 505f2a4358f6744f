"""Volunteers' pages: duties to book, my duties, my hours, my calendar feed."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from volunteers.exports import as_download
from volunteers.formats import hours_text
from volunteers.forms import add_errors
from volunteers.models import Scheme
from volunteers.pages import paginate
from volunteers.permissions import get_own_volunteer

from .. import eligibility, permissions
from ..forms import HoursForm, PortalDutyFilterForm
from ..models import CalendarFeed, HoursEntry, Signup
from ..models.duties import start_of
from ..services import booking
from ..services import calendar as calendar_services
from ..services import hours as hours_services

DUTIES_PER_PAGE = 20
HOURS_PER_PAGE = 20


def with_volunteer(view):
    """Portal pages about duties and hours need the person's record; send them to make it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        volunteer = get_own_volunteer(request.user)
        if volunteer is None:
            messages.info(request, "Tell us your details first, then you can book duties.")
            return redirect("volunteers:portal-details")
        return view(request, volunteer, *args, **kwargs)

    return wrapper


def _annotate(duties, volunteer):
    """Attach to each duty what this person sees: their sign-up and why they cannot book."""
    facts = eligibility.load_facts(volunteer)
    mine = {
        s.duty_id: s
        for s in Signup.objects.live().filter(volunteer=volunteer, duty__in=[d.pk for d in duties])
    }
    for duty in duties:
        duty.my_signup = mine.get(duty.pk)
        duty.reasons = eligibility.reasons_not_eligible(facts, duty)
    return duties


@with_volunteer
def duty_list(request, volunteer):
    form = PortalDutyFilterForm(request.GET or None, schemes=Scheme.objects.joined_by(volunteer))
    data = form.cleaned_data if form.is_valid() else {}
    duties = (
        permissions.duties_for_volunteer(request.user)
        .scheduled()
        .upcoming()
        .select_related("scheme", "district", "required_course")
    )
    if data.get("scheme"):
        duties = duties.filter(scheme=data["scheme"])
    if data.get("starting"):
        duties = duties.filter(starts_at__gte=start_of(data["starting"]))
    if data.get("district"):
        duties = duties.filter(district=data["district"])
    page = paginate(request, duties, DUTIES_PER_PAGE)
    _annotate(page.object_list, volunteer)
    return render(
        request,
        "schemes/portal_duty_list.html",
        {"form": form, "page": page},
    )


@with_volunteer
def duty_page(request, volunteer, pk):
    duty = permissions.get_duty_for_volunteer(request.user, pk)
    _annotate([duty], volunteer)
    now = timezone.now()
    return render(
        request,
        "schemes/portal_duty.html",
        {
            "duty": duty,
            "bookings_open": not duty.is_cancelled and now < duty.bookings_close_at(),
            "can_cancel": duty.my_signup is not None
            and (
                duty.my_signup.status == Signup.Status.WAITLISTED
                or now <= duty.cancellation_closes_at()
            ),
        },
    )


@require_POST
@with_volunteer
def duty_book(request, volunteer, pk):
    duty = permissions.get_duty_for_volunteer(request.user, pk)
    try:
        result = booking.book_duty(
            volunteer=volunteer, duty=duty, join_waiting_list=request.POST.get("waitlist") == "1"
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if result.is_booked:
            messages.success(
                request,
                f"Thank you, you are booked on “{duty.title}”. We have e-mailed you the details.",
            )
        else:
            messages.success(
                request,
                f"You are on the waiting list for “{duty.title}”. "
                "If a place comes free it is yours, and we will e-mail you.",
            )
    return redirect("schemes:portal-duty", duty.pk)


@with_volunteer
def signup_cancel(request, volunteer, pk):
    """Ask first (what happens to the place, who sees it), then cancel on the answer."""
    duty = permissions.get_duty_for_volunteer(request.user, pk)
    if request.method != "POST":
        _annotate([duty], volunteer)
        if duty.my_signup is None:
            return redirect("schemes:portal-duty", duty.pk)
        waiting = Signup.objects.waiting().filter(duty=duty).exclude(volunteer=volunteer).count()
        return render(request, "schemes/signup_cancel.html", {"duty": duty, "waiting": waiting})
    try:
        booking.cancel_signup(volunteer=volunteer, duty=duty)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You are no longer signed up for “{duty.title}”. Thank you for letting us know.",
        )
    return redirect("schemes:portal-duty", duty.pk)


@with_volunteer
def my_duties(request, volunteer):
    now = timezone.now()
    signups = Signup.objects.filter(volunteer=volunteer).select_related("duty__scheme")
    upcoming = signups.filter(duty__ends_at__gte=now).exclude(status=Signup.Status.CANCELLED)
    past = signups.filter(duty__ends_at__lt=now).order_by("-duty__starts_at")
    page = paginate(request, past, DUTIES_PER_PAGE)
    return render(
        request,
        "schemes/my_duties.html",
        {"upcoming": upcoming.order_by("duty__starts_at"), "page": page},
    )


@with_volunteer
def my_hours(request, volunteer):
    form = HoursForm(
        request.POST or None, volunteer=volunteer, initial={"worked_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = hours_services.log_hours(volunteer=volunteer, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"Thank you for your time. {hours_text(entry.hours)} is waiting for your "
                "coordinator to approve.",
            )
            return redirect("schemes:my-hours")
    history = HoursEntry.objects.filter(volunteer=volunteer).select_related("scheme")
    page = paginate(request, history, HOURS_PER_PAGE)
    return render(
        request,
        "schemes/my_hours.html",
        {
            "form": form,
            "page": page,
            "summary": hours_services.month_summary(volunteer),
            "month": timezone.localdate(),
        },
    )


@with_volunteer
def hours_edit(request, volunteer, pk):
    entry = permissions.get_own_hours(request.user, pk)
    if not entry.is_editable:
        messages.error(request, hours_services.LOCKED)
        return redirect("schemes:my-hours")
    form = HoursForm(request.POST or None, instance=entry, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            hours_services.correct_hours(entry=entry, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Thank you, your corrected hours are waiting for approval.")
            return redirect("schemes:my-hours")
    return render(request, "schemes/hours_edit.html", {"form": form, "entry": entry})


@with_volunteer
def calendar_page(request, volunteer):
    feed = calendar_services.feed_for(volunteer)
    url = request.build_absolute_uri(feed.get_absolute_url())
    return render(
        request,
        "schemes/calendar.html",
        {
            "feed_url": url,
            "webcal_url": url.replace("https://", "webcal://", 1).replace(
                "http://", "webcal://", 1
            ),
        },
    )


@require_POST
@with_volunteer
def calendar_reset(request, volunteer):
    calendar_services.reset_feed(volunteer)
    messages.success(
        request,
        "Your calendar address has changed. The old one no longer works; "
        "subscribe again with the new one below.",
    )
    return redirect("schemes:calendar")


@login_not_required
def calendar_feed(request, token):
    """The private feed itself: the secret token in the address is the only key."""
    feed = CalendarFeed.objects.live().select_related("volunteer").filter(token=token).first()
    if feed is None:
        raise Http404("No such calendar.")
    body = calendar_services.build_calendar(feed.volunteer, request=request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    as_download(response, "duties.ics", inline=True)
    response["Cache-Control"] = "no-store"
    return response
