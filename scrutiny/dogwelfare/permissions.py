"""Who sees what of Dog Welfare visiting.

- The scheme's administrator (a coordinator of Dog Welfare) and OPCC staff see every
  force's dogs, visits and concerns.
- A visitor sees the visits assigned to them and the reports they made.
- A force's dog unit manager sees only their own force's dogs, visits and concerns, and
  answers the concerns.
Views load every record through here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from volunteers import permissions
from volunteers.catalogue import SchemeSlug
from volunteers.models import ForceStaff

DOG_WELFARE = SchemeSlug.DOG_WELFARE
UNIT_MANAGER = ForceStaff.Role.DOG_UNIT_MANAGER


def runs_dog_welfare(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(user, DOG_WELFARE)


def managers_force(user) -> int | None:
    return permissions.force_of(user, UNIT_MANAGER)


def is_unit_manager(user) -> bool:
    return managers_force(user) is not None


managers = permissions.only_for(
    runs_dog_welfare, "These pages are for the Dog Welfare scheme's administrator and OPCC staff."
)
unit_managers = permissions.only_for(is_unit_manager, "These pages are for dog unit managers.")


def get_own_visitor(user):
    return permissions.get_own_member(user, DOG_WELFARE, "This page is for Dog Welfare visitors.")


def get_own_assignment(user, pk):
    from django.db.models import Q

    from .models import Assignment

    visitor = get_own_visitor(user)
    mine = Assignment.objects.filter(Q(visitor=visitor) | Q(partner=visitor))
    return visitor, get_object_or_404(
        mine.select_related("dog__unit__manager", "dog__force"), pk=pk
    )


def get_dog_for(user, pk):
    from .models import Dog

    dogs = Dog.objects.select_related("force", "unit")
    if runs_dog_welfare(user):
        return get_object_or_404(dogs, pk=pk)
    if is_unit_manager(user):
        return get_object_or_404(dogs.of_force(managers_force(user)), pk=pk)
    raise Http404("No such dog.")


def get_visit_for(user, pk):
    """A visit's report: for the scheme's administrators, the visitors who made it, or the
    dog's force's unit manager."""
    from django.db.models import Q

    from .models import DogVisit

    visits = DogVisit.objects.select_related("dog__force", "dog__unit", "visitor", "partner")
    if runs_dog_welfare(user):
        return get_object_or_404(visits, pk=pk)
    if is_unit_manager(user):
        return get_object_or_404(visits.filter(dog__force_id=managers_force(user)), pk=pk)
    volunteer = permissions.get_own_volunteer(user)
    if volunteer is None:
        raise Http404("No such visit.")
    return get_object_or_404(visits.filter(Q(visitor=volunteer) | Q(partner=volunteer)), pk=pk)


def get_issue_for(user, pk):
    from .models import DogIssue

    issues = DogIssue.objects.select_related(
        "visit__dog__force", "visit__dog__unit", "responded_by"
    )
    if runs_dog_welfare(user):
        return get_object_or_404(issues, pk=pk)
    if is_unit_manager(user):
        return get_object_or_404(issues.filter(visit__dog__force_id=managers_force(user)), pk=pk)
    raise Http404("No such concern.")
