"""Who may see and change whom: the one place that decides.

- OPCC staff (the "OPCC staff" group, and superusers) see every scheme and every person.
- A coordinator (an active membership with the coordinator role) sees the schemes they
  coordinate and the people in them, and changes only those schemes' memberships.
- A volunteer sees only their own record, through the portal.

Lists filter with `.visible_to(user)`; single objects load through a `get_..._for` helper,
which answers 404 for what lies outside your scope and 403 for what you may see but not
change. Views never load a guarded object any other way.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

OPCC_STAFF_GROUP = "OPCC staff"
DIVERSITY_PERMISSION = "volunteers.view_diversity_data"
NOT_YOUR_SCHEME = "Only a coordinator of this scheme can change this."
OWN_RECORD = (
    "No one decides on their own record: another coordinator of the scheme, or OPCC staff, "
    "must do this for you."
)


def _cached(user, name, compute):
    """Role answers are asked many times per request; work each out once per user object."""
    if not hasattr(user, name):
        setattr(user, name, compute())
    return getattr(user, name)


def _roles(user) -> dict:
    """Every fact the role checks ask of a signed-in user, in one query a request: their
    groups, the schemes they coordinate, whether they hold the diversity permission and
    what they do for a force (the menu asks them all on every page)."""

    def compute():
        from django.contrib.auth.models import Group, Permission
        from django.db.models import CharField, IntegerField, Q, Value

        from .models import ForceStaff, Membership

        def tagged(kind: str):
            return Value(kind, output_field=CharField())

        no_id = Value(None, output_field=IntegerField())
        app_label, codename = DIVERSITY_PERMISSION.split(".")
        # No part may carry an ORDER BY in a UNION (their models' default orderings).
        groups = (
            Group.objects.filter(user=user).order_by().values_list(tagged("group"), "name", no_id)
        )
        coordinated = (
            Membership.objects.coordinators()
            .filter(volunteer__user=user)
            .order_by()
            .values_list(tagged("coordinates"), "scheme__slug", "scheme_id")
        )
        diversity = (
            Permission.objects.filter(
                Q(user=user) | Q(group__user=user),
                content_type__app_label=app_label,
                codename=codename,
            )
            .order_by()
            .values_list(tagged("diversity"), "codename", no_id)
        )
        forces = (
            ForceStaff.objects.filter(user=user)
            .order_by()
            .values_list(tagged("force"), "role", "force_id")
        )
        roles = {"groups": set(), "coordinated": {}, "diversity": False, "forces": {}}
        for kind, name, pk in groups.union(coordinated, diversity, forces, all=True):
            if kind == "group":
                roles["groups"].add(name)
            elif kind == "coordinates":
                roles["coordinated"][pk] = name
            elif kind == "force":
                roles["forces"][name] = pk
            else:
                roles["diversity"] = True
        roles["groups"] = frozenset(roles["groups"])
        return roles

    return _cached(user, "_cip_roles", compute)


def _group_names(user) -> frozenset[str]:
    """The user's groups (the roles OPCC staff and employer users)."""
    return _roles(user)["groups"]


def is_opcc_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or OPCC_STAFF_GROUP in _group_names(user)


def _coordinated(user) -> dict[int, str]:
    """{scheme id: slug} of the schemes this user coordinates."""
    if not user.is_authenticated:
        return {}
    return _roles(user)["coordinated"]


def coordinated_scheme_ids(user) -> frozenset[int]:
    return frozenset(_coordinated(user))


def coordinated_slugs(user) -> frozenset[str]:
    return frozenset(_coordinated(user).values())


def may_see_part_of(user, scheme_slugs) -> bool:
    """Whether a staff page of a person shows this user a part (a panel, a history line)
    that belongs to these schemes: OPCC staff see every part; a coordinator the shared
    person record (no schemes) and the parts of the schemes they coordinate."""
    slugs = [str(slug) for slug in scheme_slugs if slug]
    return not slugs or is_opcc_staff(user) or bool(coordinated_slugs(user) & set(slugs))


def coordinates(user, slug: str) -> bool:
    """Whether the user coordinates the scheme with this slug (no extra query)."""
    return slug in _coordinated(user).values()


def is_coordinator(user, scheme=None) -> bool:
    ids = coordinated_scheme_ids(user)
    return bool(ids) if scheme is None else scheme.pk in ids


def uses_staff_pages(user) -> bool:
    return is_opcc_staff(user) or is_coordinator(user)


EMPLOYER_GROUP = "Employer users"  # employers' own staff, who see their Specials' hours


def cached_role(name: str):
    """Decorate a (user) -> bool role check so it is worked out once per user object: the
    menu asks several of them on every page."""

    def decorator(check):
        @wraps(check)
        def wrapper(user):
            return _cached(user, f"_cip_{name}", lambda: check(user))

        return wrapper

    return decorator


def is_employer_user(user) -> bool:
    return user.is_authenticated and EMPLOYER_GROUP in _group_names(user)


def force_of(user, role: str) -> int | None:
    """The id of the force this user works for in `role` (a `ForceStaff.Role`), or None."""
    if not user.is_authenticated:
        return None
    return _roles(user)["forces"].get(str(role))


def is_force_staff(user) -> bool:
    """Someone who works for a force and signs in to answer what the schemes report."""
    return user.is_authenticated and bool(_roles(user)["forces"])


def requires_mfa(user) -> bool:
    """OPCC staff, coordinators, force staff, employer users and anyone with admin access
    must use MFA."""
    return user.is_authenticated and (
        user.is_staff or uses_staff_pages(user) or is_employer_user(user) or is_force_staff(user)
    )


def can_view_diversity(user) -> bool:
    """Held directly or through a group (read with the other roles, in one query)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or _roles(user)["diversity"]


def can_change_scheme(user, scheme) -> bool:
    return is_opcc_staff(user) or is_coordinator(user, scheme)


def is_own_record(user, volunteer) -> bool:
    return (
        volunteer is not None
        and getattr(user, "pk", None) is not None
        and volunteer.user_id == user.pk
    )


def refuse_own_record(actor, volunteer) -> None:
    """No one decides on their own record (hours, memberships, pathway applications and
    sign-offs, rank, postings, leave, letters, awards): a second person must. Every service
    that records such a decision calls this first; a page shows the message."""
    if is_own_record(actor, volunteer):
        raise ValidationError(OWN_RECORD)


# --- Lists ------------------------------------------------------------------------------


def schemes_visible_to(user, schemes):
    """Schemes whose people this user may see."""
    if is_opcc_staff(user):
        return schemes
    if not user.is_authenticated:
        return schemes.none()
    ids = coordinated_scheme_ids(user)
    if ids:
        return schemes.filter(pk__in=ids)
    return schemes.filter(memberships__volunteer__user=user).distinct()


def volunteers_visible_to(user, volunteers):
    """People this user may see: everyone, their schemes' people, or only themselves."""
    from .models import Membership

    if is_opcc_staff(user):
        return volunteers
    if not user.is_authenticated:
        return volunteers.none()
    ids = coordinated_scheme_ids(user)
    if ids:
        in_my_schemes = Membership.objects.filter(scheme_id__in=ids).values("volunteer_id")
        return volunteers.filter(pk__in=in_my_schemes)
    return volunteers.filter(user=user)


def records_visible_to(user, records, *, scheme="scheme", volunteer="volunteer"):
    """Rows that belong to a person in a scheme (memberships, hours, sign-ups):
    staff see all, a coordinator those in their schemes, a volunteer their own."""
    if is_opcc_staff(user):
        return records
    if not user.is_authenticated:
        return records.none()
    ids = coordinated_scheme_ids(user)
    if ids:
        return records.filter(**{f"{scheme}_id__in": ids})
    return records.filter(**{f"{volunteer}__user": user})


def schemes_run_by(user):
    """The schemes whose people, duties and hours this user manages."""
    from .models import Scheme

    if is_opcc_staff(user):
        return Scheme.objects.filter(is_active=True)
    return Scheme.objects.filter(pk__in=coordinated_scheme_ids(user))


# --- Single objects ------------------------------------------------------------------


def get_volunteer_for(user, pk):
    """A person this user may see on the staff pages, or 404."""
    from .models import Volunteer

    volunteer = (
        Volunteer.objects.visible_to(user).select_related("district", "user").filter(pk=pk).first()
    )
    if volunteer is None:
        raise Http404("No such person.")
    return volunteer


def get_volunteer_for_change(user, pk):
    """A person whose details this user may change: staff, or a coordinator of their scheme."""
    volunteer = get_volunteer_for(user, pk)
    if not uses_staff_pages(user):
        raise PermissionDenied(NOT_YOUR_SCHEME)
    return volunteer


def get_membership_for_change(user, pk):
    """A membership of a visible person (else 404) in a scheme this user runs (else 403)."""
    from .models import Membership

    membership = (
        Membership.objects.visible_to(user).select_related("scheme", "volunteer").filter(pk=pk)
    ).first()
    if membership is None:
        raise Http404("No such membership.")
    if not can_change_scheme(user, membership.scheme):
        raise PermissionDenied(NOT_YOUR_SCHEME)
    return membership


def may_grant_access(user) -> bool:
    """Only a superuser gives or takes away admin access, superuser status, groups and
    permissions: no one can grant what they do not hold."""
    return user.is_active and user.is_superuser


def may_change_account(user, account) -> bool:
    """Whether `user` may change or delete `account` in the admin: an account with admin
    access (staff, superusers) only by a superuser, so no one takes over a wider account."""
    return may_grant_access(user) or not (account.is_staff or account.is_superuser)


def get_own_volunteer(user):
    """The signed-in person's own record, or None when they have not created it yet."""
    from .models import Volunteer

    if not user.is_authenticated:
        return None
    return _cached(
        user,
        "_cip_own_volunteer",
        lambda: Volunteer.objects.select_related("district").filter(user=user).first(),
    )


def get_own_member(user, slug, refusal: str):
    """The signed-in person's own record when they are a member of scheme `slug` (at any
    stage but left), or 403 with `refusal` for anyone else."""
    volunteer = get_own_volunteer(user)
    if volunteer is None or slug not in volunteer.member_of:
        raise PermissionDenied(refusal)
    return volunteer


# --- View decorators -----------------------------------------------------------------


def only_for(allowed, refusal: str):
    """A view decorator: signed-in people for whom `allowed(user)` is false get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied(refusal)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# Staff pages are for OPCC staff and coordinators.
staff_pages = only_for(uses_staff_pages, "These pages are for OPCC staff and scheme coordinators.")
# Pages about the whole county's strategy, for the OPCC's own staff.
opcc_staff_only = only_for(is_opcc_staff, "This page is for OPCC staff.")
diversity_readers = only_for(can_view_diversity, "You need permission to see diversity data.")
