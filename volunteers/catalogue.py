"""The schemes of the catalogue, named once.

A scheme's row (name, summary, who can join) is data, loaded by a migration; code that
needs one particular scheme names it by its slug from here, never by a bare string. What
several scheme apps need to ask about a person and a scheme ("is this person a Special?")
is answered here too, so no app asks it of another.
"""

from enum import StrEnum


class SchemeSlug(StrEnum):
    SPECIAL_CONSTABULARY = "special-constabulary"
    EMPLOYER_SUPPORTED_POLICING = "employer-supported-policing"
    VOLUNTEER_POLICE_CADETS = "volunteer-police-cadets"
    MINI_POLICE = "mini-police"
    POLICE_SUPPORT_VOLUNTEERS = "police-support-volunteers"
    EMERGENCY_SERVICES_VOLUNTEERS = "emergency-services-volunteers"
    INDEPENDENT_CUSTODY_VISITORS = "independent-custody-visitors"
    DOG_WELFARE = "dog-welfare"
    STOP_SEARCH_SCRUTINY_PANEL = "stop-search-scrutiny-panel"
    COMMUNITY_DRIVESAFE = "community-drivesafe"
    NEIGHBOURHOOD_WATCH = "neighbourhood-watch"


SPECIAL_CONSTABULARY = SchemeSlug.SPECIAL_CONSTABULARY
CADETS = SchemeSlug.VOLUNTEER_POLICE_CADETS
PSV = SchemeSlug.POLICE_SUPPORT_VOLUNTEERS
ESP = SchemeSlug.EMPLOYER_SUPPORTED_POLICING
# Schemes children never apply to themselves: their school joins, and the roles people
# apply for are the adults' who run it.
JOINED_BY_SCHOOLS = frozenset({SchemeSlug.MINI_POLICE})


def is_member(volunteer, slug: SchemeSlug) -> bool:
    """A member of the scheme now, at any stage but left (not a coordinator of it)."""
    return volunteer is not None and slug in volunteer.member_of


def is_special(volunteer) -> bool:
    return is_member(volunteer, SPECIAL_CONSTABULARY)


def members_of(slug: SchemeSlug):
    """The scheme's memberships as a member, at any stage but left."""
    from .models import Membership  # here, so the slugs can be imported before Django is set up

    return Membership.objects.current().filter(scheme__slug=slug, role=Membership.Role.MEMBER)


def people_in(slug: SchemeSlug):
    """Everyone who is a member of the scheme now, at any stage but left."""
    from .models import Volunteer

    return Volunteer.objects.filter(pk__in=members_of(slug).values("volunteer_id"))


def specials():
    """Everyone in the Special Constabulary now, at whatever stage (not those who left)."""
    return people_in(SPECIAL_CONSTABULARY)
