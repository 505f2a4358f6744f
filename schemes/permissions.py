"""Loading duties and hours for a user, or refusing: 404 outside their scope, 403 for what
they may see but not change. Built on the rules in volunteers.permissions."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from volunteers import permissions
from volunteers.models import Membership

from .models import Duty, HoursEntry

NOT_YOUR_SCHEME = permissions.NOT_YOUR_SCHEME


def duties_for_volunteer(user):
    """Duties of the schemes this person belongs to (and has not left)."""
    schemes = Membership.objects.current().filter(volunteer__user=user).values("scheme_id")
    return Duty.objects.filter(scheme_id__in=schemes)


def get_duty_for_staff(user, pk) -> Duty:
    duty = Duty.objects.visible_to(user).select_related("scheme", "district").filter(pk=pk).first()
    if duty is None:
        raise Http404("No such duty.")
    return duty


def get_duty_for_change(user, pk) -> Duty:
    duty = get_duty_for_staff(user, pk)
    if not permissions.can_change_scheme(user, duty.scheme):
        raise PermissionDenied(NOT_YOUR_SCHEME)
    return duty


def get_duty_for_volunteer(user, pk) -> Duty:
    duty = (
        duties_for_volunteer(user)
        .select_related("scheme", "district", "required_course")
        .filter(pk=pk)
        .first()
    )
    if duty is None:
        raise Http404("No such duty.")
    return duty


def get_own_hours(user, pk) -> HoursEntry:
    entry = HoursEntry.objects.filter(pk=pk, volunteer__user=user).select_related("scheme").first()
    if entry is None:
        raise Http404("No such hours entry.")
    return entry


def hours_for_decision(user):
    """Entries this user may decide on: those of the schemes they run (OPCC staff: all)."""
    return HoursEntry.objects.visible_to(user).filter(scheme__in=permissions.schemes_run_by(user))


def get_hours_for_decision(user, pk) -> HoursEntry:
    entry = (
        HoursEntry.objects.visible_to(user)
        .select_related("scheme", "volunteer")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404("No such hours entry.")
    if not permissions.can_change_scheme(user, entry.scheme):
        raise PermissionDenied(NOT_YOUR_SCHEME)
    return entry
