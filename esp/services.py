"""Employer sign-up, staff review, and the links Specials make to their employers.

A business signs up on the public page: the employer starts "pending", its contact gets an
employer account (in the "Employer users" group, so MFA applies) and confirms their e-mail.
An organisation that looks already registered (same company number, or same e-mail domain
that is not a public webmail one) is flagged to staff as a possible duplicate.
"""

from allauth.core.context import request_context
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from volunteers import outbox
from volunteers.models import AuditEvent, Volunteer
from volunteers.permissions import EMPLOYER_GROUP
from volunteers.services import record_event

from .emails import ADDRESS_IN_USE, EMPLOYER_STATUS
from .models import Employer, EmployerAccount, EmployerLink, EmployerStatusChange

# Addresses anyone can have: a shared domain says nothing about being the same employer.
PUBLIC_MAIL_DOMAINS = {
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.co.uk",
    "yahoo.com",
    "yahoo.co.uk",
    "icloud.com",
    "me.com",
    "btinternet.com",
    "sky.com",
    "aol.com",
    "protonmail.com",
}
Status = Employer.Status
MOVES = {
    Status.PENDING: {Status.APPROVED, Status.DECLINED, Status.LAPSED},
    Status.APPROVED: {Status.ACTIVE, Status.LAPSED},
    Status.ACTIVE: {Status.LAPSED},
    Status.LAPSED: {Status.PENDING, Status.ACTIVE},
    # Declined at review: looked at again only if something changes.
    Status.DECLINED: {Status.PENDING},
}
REASON_NEEDED = (
    "Give the reason; the employer reads it, and it is kept with the employer's history."
)
STATUS_WORDS = {
    Status.PENDING: "{name} is waiting for review again by the Employer Supported Policing team.",
    Status.APPROVED: "Thank you: {name}'s Memorandum of Agreement is in place. Your Specials can "
    "now name you as their employer.",
    Status.ACTIVE: "{name} is an active supporting employer. You can sign in to see your "
    "Specials' contribution, with their consent.",
    Status.LAPSED: "{name}'s support for the Special Constabulary has lapsed. You are welcome "
    "back at any time.",
    Status.DECLINED: "Thank you for offering to support the Special Constabulary. We are sorry "
    "that we cannot add {name} as a supporting employer at the moment.",
}
# The e-mail's subject line for each move: what happened, in the employer's words.
STATUS_SUBJECTS = {
    Status.PENDING: "{name} is being reviewed again for Employer Supported Policing",
    Status.APPROVED: "{name} is approved for Employer Supported Policing",
    Status.ACTIVE: "{name} is now an active supporting employer",
    Status.LAPSED: "{name}'s Employer Supported Policing support has lapsed",
    Status.DECLINED: "Your offer to support the Special Constabulary: {name}",
}
# The last words of each e-mail: what the employer can do next.
STATUS_NEXT = {
    Status.DECLINED: "If anything changes, update your organisation's details on your "
    "employer page and ask us to look again there: we would be glad to.",
}
ASKED_TO_LOOK_AGAIN = "The employer asked the team to look again."
NOT_APPROVED = "Choose an employer from the list: only approved employers are on it."
AGREEMENT_NEEDED = "Give the date the agreement was signed and who signed it."
NOT_ALLOWED = "An employer cannot move from “{old}” to “{new}”."


def possible_duplicate(employer: Employer) -> Employer | None:
    same = Q()
    if employer.company_number:
        same |= Q(company_number__iexact=employer.company_number)
    domain = employer.email_domain
    if domain and domain not in PUBLIC_MAIL_DOMAINS:
        same |= Q(contact_email__iendswith=f"@{domain}")
    if not same:
        return None
    return Employer.objects.filter(same).exclude(pk=employer.pk).order_by("pk").first()


@transaction.atomic
def sign_up(*, employer: Employer, password_hash: str, request=None) -> Employer | None:
    """Create the employer (pending) and its contact's account, and ask them to confirm.

    An address that already has an account gets an e-mail saying so instead, and nothing
    is created: the page afterwards reads the same either way, so no one learns from the
    sign-up whether an address has an account (a child's, a member of staff's).

    The password comes already hashed: the sign-up keeps it between its steps, and a
    plain password is never stored, even in a session."""
    from allauth.account.models import EmailAddress

    User = get_user_model()
    email = employer.contact_email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        outbox.queue(_address_in_use(employer, email))
        return None
    employer.contact_email = email
    employer.possible_duplicate_of = possible_duplicate(employer)
    employer.save()
    user = User.objects.create_user(email=email)
    user.password, user.full_name = password_hash, employer.contact_name
    user.save(update_fields=["password", "full_name"])
    user.groups.add(Group.objects.get(name=EMPLOYER_GROUP))
    EmployerAccount.objects.create(user=user, employer=employer)
    address = EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)

    def ask_to_confirm():  # after commit, in allauth's request context (it builds the link)
        with request_context(request):
            address.send_confirmation(request, signup=True)

    transaction.on_commit(ask_to_confirm)
    return employer


def _address_in_use(employer: Employer, email: str) -> outbox.Reminder:
    return outbox.Reminder(
        kind=ADDRESS_IN_USE.code,
        subject_ref=f"address:{email}",
        period=outbox.moment_key(timezone.now()),
        to=email,
        subject="Employer Supported Policing: your e-mail address is already in use",
        template="reminder",
        context={
            "lines": [
                f"Someone, perhaps you, signed up {employer.name} for Employer Supported "
                "Policing with this e-mail address. It already has an account with us, so "
                "nothing new was made.",
                "If it was you, sign in with your address as usual (or reset your password "
                "from the sign-in page), or sign up again with another work address.",
                "If it was not you, you need do nothing: your account is unchanged.",
            ]
        },
    )


@transaction.atomic
def change_status(
    *, actor, employer: Employer, status: str, reason: str, signed_on=None, signed_by: str = ""
) -> Employer:
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    old, new = Status(employer.status), Status(status)
    if new not in MOVES[old]:
        raise ValidationError({"status": NOT_ALLOWED.format(old=old.label, new=new.label)})
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    if new == Status.APPROVED:
        if not signed_on or not signed_by.strip():
            raise ValidationError({"agreement_signed_on": AGREEMENT_NEEDED})
        employer.agreement_signed_on, employer.agreement_signed_by = signed_on, signed_by.strip()
    employer.status = new
    employer.status_changed_at = timezone.now()
    employer.save()
    change = EmployerStatusChange.objects.create(
        employer=employer, from_status=old, to_status=new, reason=reason.strip(), changed_by=actor
    )
    outbox.queue(
        outbox.Reminder(
            kind=EMPLOYER_STATUS.code,
            subject_ref=f"employer:{employer.pk}",
            period=outbox.moment_key(change.changed_at),
            to=employer.contact_email,
            subject=STATUS_SUBJECTS[new].format(name=employer.name),
            template="reminder",
            context={
                "greeting": employer.contact_name,
                "lines": [
                    STATUS_WORDS[new].format(name=employer.name),
                    f"Note from the team: {change.reason}",
                    *([STATUS_NEXT[new]] if new in STATUS_NEXT else []),
                ],
            },
        )
    )
    return employer


def current_link(volunteer) -> EmployerLink | None:
    return (
        EmployerLink.objects.filter(volunteer=volunteer, ended_at__isnull=True)
        .select_related("employer")
        .first()
    )


@transaction.atomic
def link(*, actor, volunteer, employer: Employer | None, shares_hours: bool) -> EmployerLink:
    """A Special names their employer (None: self-employed); any earlier link ends."""
    if employer is not None and not employer.is_trusted:
        raise ValidationError({"employer": NOT_APPROVED})
    Volunteer.objects.lock(volunteer.pk)
    now = timezone.now()
    EmployerLink.objects.filter(volunteer=volunteer, ended_at__isnull=True).update(ended_at=now)
    created = EmployerLink.objects.create(
        volunteer=volunteer,
        employer=employer,
        self_employed=employer is None,
        shares_hours=shares_hours and employer is not None,
    )
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CREATED,
        record=created,
        summary=f"Employer: {created}" + (" (may see their hours)" if created.shares_hours else ""),
    )
    return created


@transaction.atomic
def set_consent(*, actor, volunteer, shares_hours: bool) -> EmployerLink:
    """Give or withdraw the employer's sight of the Special's hours; it applies at once."""
    Volunteer.objects.lock(volunteer.pk)
    current = current_link(volunteer)
    if current is None or current.self_employed:
        raise ValidationError("Name your employer first.")
    current.shares_hours = shares_hours
    current.save(update_fields=["shares_hours"])
    record_event(
        actor=actor,
        volunteer=volunteer,
        action=AuditEvent.Action.CHANGED,
        record=current,
        summary=f"Consent for {current.employer} to see their hours: "
        + ("given" if shares_hours else "withdrawn"),
    )
    return current


@transaction.atomic
def confirm_link(*, actor, employer: Employer, link_pk: int) -> EmployerLink:
    """The employer confirms it employs the Special who named it."""
    found = EmployerLink.objects.seen_by(employer).select_for_update().filter(pk=link_pk).first()
    if found is None:
        raise ValidationError("No such link.")
    if found.confirmed_at is None:
        found.confirmed_at = timezone.now()
        found.save(update_fields=["confirmed_at"])
    return found
