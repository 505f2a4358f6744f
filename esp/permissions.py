"""Who works with employers: OPCC staff and the Employer Supported Policing scheme's
coordinators. Employer users are a role of their own (volunteers.permissions)."""

from django.http import Http404

from volunteers import catalogue, permissions


def works_with_employers(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(user, catalogue.ESP)


esp_staff = permissions.only_for(
    works_with_employers, "These pages are for the Employer Supported Policing team."
)
employer_users = permissions.only_for(
    permissions.is_employer_user, "This portal is for employers who support Specials."
)


def own_employer(user):
    """The employer this user signs in for, or 404."""
    account = getattr(user, "employer_account", None)
    if account is None:
        raise Http404("No employer.")
    return account.employer
