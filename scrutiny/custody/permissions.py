"""Who sees what of custody visiting.

- The scheme manager (a coordinator of the Independent Custody Visitors) and OPCC staff
  plan the rota and read every report and concern.
- A visitor sees their own allocations, only once the rota is published, and the reports
  of visits they made.
- The force's custody inspector sees the submitted reports about their force's suites
  (without custody numbers) and answers the concerns.
Views load every record through here."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from volunteers import permissions
from volunteers.catalogue import SchemeSlug
from volunteers.models import ForceStaff

ICV = SchemeSlug.INDEPENDENT_CUSTODY_VISITORS
INSPECTOR = ForceStaff.Role.CUSTODY_INSPECTOR


def runs_custody_visiting(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(user, ICV)


def inspector_force(user) -> int | None:
    return permissions.force_of(user, INSPECTOR)


def is_inspector(user) -> bool:
    return inspector_force(user) is not None


managers = permissions.only_for(
    runs_custody_visiting,
    "These pages are for the custody visiting scheme's manager and OPCC staff.",
)
inspectors = permissions.only_for(is_inspector, "These pages are for custody inspectors.")


def get_own_visitor(user):
    return permissions.get_own_member(user, ICV, "This page is for Independent Custody Visitors.")


def get_own_allocation(user, pk):
    """A published allocation the signed-in visitor is one of the pair of; 404 otherwise."""
    from .models import Allocation

    visitor = get_own_visitor(user)
    return visitor, get_object_or_404(
        Allocation.objects.published().of(visitor).select_related("suite", "rota"), pk=pk
    )


def get_report_for(user, pk):
    """A report, for the scheme's managers, the pair who made it, or the force's inspector
    (who sees it without custody numbers)."""
    from .models import VisitReport

    reports = VisitReport.objects.select_related(
        "suite__force", "allocation__first_visitor", "allocation__second_visitor", "submitted_by"
    )
    if runs_custody_visiting(user):
        return get_object_or_404(reports, pk=pk)
    if is_inspector(user):
        return get_object_or_404(reports.for_force(inspector_force(user)), pk=pk)
    volunteer = permissions.get_own_volunteer(user)
    if volunteer is None or ICV not in volunteer.member_of:
        raise Http404("No such report.")
    return get_object_or_404(reports.filter(allocation__in=_own_allocations(volunteer)), pk=pk)


def _own_allocations(volunteer):
    from .models import Allocation

    return Allocation.objects.of(volunteer).values("pk")


def get_issue_for(user, pk):
    from .models import CustodyIssue

    issues = CustodyIssue.objects.select_related(
        "report__suite__force", "report__suite__inspector__user", "responded_by"
    )
    if runs_custody_visiting(user):
        return get_object_or_404(issues, pk=pk)
    if is_inspector(user):
        return get_object_or_404(
            issues.filter(report__suite__force_id=inspector_force(user)), pk=pk
        )
    raise Http404("No such concern.")


def may_see_custody_numbers(user, report) -> bool:
    """Custody numbers stay inside the scheme: its managers and the pair who wrote them,
    never the force or anyone else."""
    if runs_custody_visiting(user):
        return True
    volunteer = permissions.get_own_volunteer(user)
    return volunteer is not None and volunteer.pk in {
        report.allocation.first_visitor_id,
        report.allocation.second_visitor_id,
    }
