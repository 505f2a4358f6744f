"""Who works with employers: OPCC staff and the Employer Supported Policing scheme's
coordinators. Employer users are a role of their own (volunteers.permissions)."""

from django.http import Http404

from volunteers import permissions

ESP_SCHEME = "employer-supported-policing"


def works_with_employers(user) -> bool:
    return permissions.is_opcc_staff(user) or permissions.coordinates(user, ESP_SCHEME)


esp_staff = permissions.only_for(
    works_with_employers, "These pages are for the Employer Supported Policing team."
)
employer_users = permissions.only_for(
    permissions.is_employer_user, "This portal is for employers who support Specials."
)


SPECIAL_CONSTABULARY = "special-constabulary"


def is_special(volunteer) -> bool:
    """A member of the Special Constabulary (at any stage but left)."""
    return volunteer is not None and SPECIAL_CONSTABULARY in volunteer.member_of


def own_employer(user):
    """The employer this user signs in for, or 404."""
    account = getattr(user, "employer_account", None)
    if account is None:
        raise Http404("No employer.")
    return account.employer
