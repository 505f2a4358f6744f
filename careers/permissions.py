"""Who manages Specials: OPCC staff and the Special Constabulary's coordinators (its
supervisors and managers). Built on volunteers.permissions; views load people only here."""

from django.http import Http404

from volunteers import catalogue, permissions
from volunteers.catalogue import SchemeSlug

NOT_A_MANAGER = "These pages are for the Special Constabulary's managers and OPCC staff."
NOT_A_SPECIAL = "This page is for Special Constables."


def manages_specials(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(
        user, catalogue.SPECIAL_CONSTABULARY
    )


specials_managers = permissions.only_for(manages_specials, NOT_A_MANAGER)


def get_special_for(user, pk):
    """A Special this manager may see and change, or 404."""
    volunteer = permissions.get_volunteer_for(user, pk)
    if not catalogue.is_special(volunteer):
        raise Http404("This person is not a Special Constable.")
    return volunteer


def get_own_special(user):
    """The signed-in Special's own person record, or 403 for anyone else."""
    return permissions.get_own_member(user, catalogue.SPECIAL_CONSTABULARY, NOT_A_SPECIAL)


@permissions.cached_role("leads_pathways")
def leads_pathways(user) -> bool:
    from .models import Pathway

    return user.is_authenticated and Pathway.objects.filter(lead=user).exists()


def decides_applications(user) -> bool:
    """Pathway leads decide their pathways' applications; managers decide any."""
    return manages_specials(user) or leads_pathways(user)


application_deciders = permissions.only_for(
    decides_applications, "These pages are for pathway leads and the Specials' managers."
)


def applications_for(user):
    from .models import PathwayApplication

    applications = PathwayApplication.objects.all()
    return applications if manages_specials(user) else applications.filter(pathway__lead=user)


def get_application_for(user, pk):
    application = (
        applications_for(user)
        .select_related("pathway__team", "volunteer__district")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    return application


def runs_fast_track(user) -> bool:
    """The Specials' managers, and the cadets' coordinators, who know who is ready."""
    return manages_specials(user) or permissions.coordinates(
        user, SchemeSlug.VOLUNTEER_POLICE_CADETS
    )


fast_track_runners = permissions.only_for(
    runs_fast_track, "This page is for the Specials' managers and the cadets' coordinators."
)
