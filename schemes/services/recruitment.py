"""Applying for a role and moving an application through its scheme's stages.

Eligibility is checked when a person applies, with a plain reason for each refusal; one
open application per person and role is kept by a row lock on the person and a database
constraint. A coordinator moves an application on a stage at a time (or declines it, with
a reason the applicant reads); accepting it makes the person a member of the scheme, in
the state the stages reached (vetting still to do, training still to do, or active).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from volunteers import catalogue, outbox
from volunteers import services as people
from volunteers.formats import date_and_time
from volunteers.models import AuditEvent, Membership, Volunteer
from volunteers.permissions import refuse_own_record
from volunteers.services import record_event

from .. import emails
from ..models.recruitment import ALL_STAGES, Application, Interview, Opportunity, Stage, Step
from .calendar import interview_invitation

Status = Application.Status
CLOSED = "This role is not taking applications at the moment."
ALREADY_APPLIED = "You have already applied for this role: your portal shows how it is going."
ALREADY_MEMBER = "You are already a member of {scheme}."
TOO_YOUNG = "You need to be {age} or older to apply for this role."
TOO_OLD = "This role is for people aged {age} or younger."
GUARDIAN = (
    "Anyone under 18 needs a parent or guardian's name and e-mail on their details "
    "before applying: add them under “Your details”."
)
NOT_IN_COUNTY = "This role is for people who live in Hertfordshire."
LIVE_OR_WORK = "This role is for people who live or work in Hertfordshire."
NOT_INDEPENDENT = (
    "Serving police officers and police staff cannot apply: the role needs people "
    "independent of the police."
)
SCHOOL_JOINS = (
    "Children do not apply to {scheme}: their school joins, and the school's pupils take "
    "part together. Ask your school about it."
)
REASON_NEEDED = "Say why: the applicant reads it."
NOT_OPEN = "This application has already ended ({status})."
NOT_NEXT = "The next stage for this application is {stage}."
ALREADY_IN = "{person} is already in {scheme} ({status}): change that membership instead."
BEFORE_INTERVIEW = (
    "Their interview is on {when}: move them on once it has taken place, or move the "
    "interview first."
)


def membership_status_on_accepting(application: Application) -> str:
    """Where the membership starts: at the role's vetting or training still to do (the
    stage reached, or one still ahead), which the membership's own steps then take over;
    active when the role asks for neither (Neighbourhood Watch)."""
    ahead = _stages_from(application)
    if Stage.VETTING in ahead:
        return Membership.Status.VETTING
    if Stage.TRAINING in ahead:
        return Membership.Status.TRAINING
    return Membership.Status.ACTIVE


@dataclass(frozen=True)
class Declared:
    """What the applicant tells us on the form that their record cannot show."""

    lives_or_works_here: bool = False
    serves_in_police: bool = False


def reasons_not_eligible(
    opportunity: Opportunity, volunteer: Volunteer, *, declared=Declared(), today: date
) -> list[str]:
    """Each reason this person cannot apply for this role now, in words they can act on."""
    if opportunity.scheme.slug in catalogue.JOINED_BY_SCHOOLS and volunteer.is_under_18(today):
        return [SCHOOL_JOINS.format(scheme=opportunity.scheme)]
    reasons = []
    if not opportunity.takes_applications(today):
        reasons.append(CLOSED)
    age = volunteer.age(today)
    if opportunity.youngest is not None and age < opportunity.youngest:
        reasons.append(TOO_YOUNG.format(age=opportunity.youngest))
    if opportunity.oldest is not None and age > opportunity.oldest:
        reasons.append(TOO_OLD.format(age=opportunity.oldest))
    if volunteer.is_under_18(today) and not (volunteer.guardian_name and volunteer.guardian_email):
        reasons.append(GUARDIAN)
    Residence = Opportunity.Residence
    if opportunity.residence == Residence.LIVE and volunteer.district_id is None:
        reasons.append(NOT_IN_COUNTY)
    if (
        opportunity.residence == Residence.LIVE_OR_WORK
        and volunteer.district_id is None
        and not declared.lives_or_works_here
    ):
        reasons.append(LIVE_OR_WORK)
    if opportunity.must_be_independent and declared.serves_in_police:
        reasons.append(NOT_INDEPENDENT)
    member = Membership.objects.filter(
        volunteer=volunteer, scheme=opportunity.scheme, role=Membership.Role.MEMBER
    ).exclude(status=Membership.Status.LEFT)
    if member.exists():
        reasons.append(ALREADY_MEMBER.format(scheme=opportunity.scheme))
    return reasons


def _step(application: Application, actor, reason: str = "") -> Step:
    return Step.objects.create(
        application=application,
        stage=application.stage,
        status=application.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason,
    )


@transaction.atomic
def apply(
    *,
    volunteer: Volunteer,
    opportunity: Opportunity,
    answers: list[dict],
    declared=Declared(),
    actor=None,
    today: date | None = None,
) -> Application:
    """The person applies: checked, recorded, and the scheme's coordinators are told."""
    today = today or timezone.localdate()
    Volunteer.objects.lock(volunteer.pk)  # two submissions at once take turns
    reasons = reasons_not_eligible(opportunity, volunteer, declared=declared, today=today)
    if Application.objects.filter(
        opportunity=opportunity, volunteer=volunteer, status=Status.OPEN
    ).exists():
        reasons.insert(0, ALREADY_APPLIED)
    if reasons:
        raise ValidationError(reasons)
    try:
        with transaction.atomic():
            application = Application.objects.create(
                opportunity=opportunity, volunteer=volunteer, answers=answers
            )
    except IntegrityError as error:  # the constraint, should the lock ever be bypassed
        raise ValidationError(ALREADY_APPLIED) from error
    _step(application, actor or volunteer.user)
    record_event(
        actor=actor or volunteer.user,
        volunteer=volunteer,
        action=AuditEvent.Action.CREATED,
        record=application,
        summary=f"Applied for {opportunity.title} ({opportunity.scheme})",
    )
    outbox.queue(emails.application_event(application, "received"))
    coordinators = (
        Volunteer.objects.filter(
            memberships__scheme=opportunity.scheme,
            memberships__role=Membership.Role.COORDINATOR,
            memberships__status=Membership.Status.ACTIVE,
        )
        .exclude(pk=volunteer.pk)  # a coordinator who applies is not told of themselves
        .distinct()
    )
    for coordinator in coordinators:
        outbox.queue(emails.new_applicant(application, coordinator))
    return application


def _refuse_before_the_interview(application: Application) -> None:
    """No one is moved on or accepted past an interview still to come: they hold its
    invitation, and would hear they had passed a stage they have not yet had."""
    interview = Interview.objects.filter(application=application).first()
    if interview is not None and interview.starts_at > timezone.now():
        raise ValidationError(BEFORE_INTERVIEW.format(when=date_and_time(interview.starts_at)))


def _stages_from(application: Application) -> list[Stage]:
    """The role's stages from the one reached on, by the stages' own order (so a role whose
    list changed since someone applied never sends them back or past its vetting)."""
    here = ALL_STAGES.index(application.stage)
    return [s for s in application.opportunity.stage_list if ALL_STAGES.index(s) >= here]


def next_stage(application: Application) -> Stage | None:
    """The role's next stage after the one reached, or None at the last."""
    ahead = [s for s in _stages_from(application) if s != application.stage]
    return ahead[0] if ahead else None


def _open_for_change(actor, application: Application) -> Application:
    application = (
        Application.objects.select_for_update()
        .select_related("opportunity__scheme", "volunteer")
        .get(pk=application.pk)
    )
    refuse_own_record(actor, application.volunteer)
    if not application.is_open:
        raise ValidationError(NOT_OPEN.format(status=application.get_status_display().lower()))
    return application


@transaction.atomic
def move_on(*, actor, application: Application, to_stage: str, note: str = "") -> Application:
    """Move an open application to its next stage (a coordinator's decision)."""
    application = _open_for_change(actor, application)
    _refuse_before_the_interview(application)
    wanted = next_stage(application)
    if wanted is None or to_stage != wanted:
        label = wanted.label.lower() if wanted else "acceptance"
        raise ValidationError(NOT_NEXT.format(stage=label))
    application.stage = wanted
    application.stage_changed_at = timezone.now()
    application.save(update_fields=["stage", "stage_changed_at"])
    _step(application, actor, note.strip())
    record_event(
        actor=actor,
        volunteer=application.volunteer,
        action=AuditEvent.Action.CHANGED,
        record=application,
        summary=f"{application.opportunity.title}: moved to {wanted.label.lower()}",
    )
    outbox.queue(emails.application_event(application, "moved"))
    return application


@transaction.atomic
def decline(*, actor, application: Application, reason: str) -> Application:
    """Decline an open application, with the reason the applicant reads."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    application = _open_for_change(actor, application)
    _close(application, actor, Status.DECLINED, reason.strip())
    outbox.queue(emails.application_event(application, "declined"))
    return application


@transaction.atomic
def withdraw(*, volunteer: Volunteer, application: Application, reason: str = "") -> Application:
    """The applicant withdraws their own open application."""
    application = (
        Application.objects.select_for_update()
        .select_related("opportunity__scheme")
        .get(pk=application.pk, volunteer=volunteer)
    )
    if not application.is_open:
        raise ValidationError(NOT_OPEN.format(status=application.get_status_display().lower()))
    return _close(application, volunteer.user, Status.WITHDRAWN, reason.strip())


@transaction.atomic
def accept(*, actor, application: Application, note: str = "") -> Membership:
    """Accept an open application: the person becomes a member of the scheme, in the state
    the stages reached, and the membership's own steps (vetting, training) take over."""
    application = _open_for_change(actor, application)
    _refuse_before_the_interview(application)
    status = membership_status_on_accepting(application)
    scheme, person = application.opportunity.scheme, application.volunteer
    membership = Membership.objects.filter(
        volunteer=person, scheme=scheme, role=Membership.Role.MEMBER
    ).first()
    if membership is not None and membership.status != Membership.Status.LEFT:
        raise ValidationError(
            ALREADY_IN.format(
                person=person, scheme=scheme, status=membership.get_status_display().lower()
            )
        )
    if membership is None:
        membership = people.add_membership(
            actor=actor, volunteer=person, scheme=scheme, status=status
        )
    elif membership.status == Membership.Status.LEFT:  # coming back
        membership = people.change_membership_status(
            actor=actor, membership=membership, status=Membership.Status.APPLIED
        )
        if status != Membership.Status.APPLIED:
            membership = people.change_membership_status(
                actor=actor, membership=membership, status=status
            )
    _close(application, actor, Status.ACCEPTED, note.strip())
    outbox.queue(emails.application_event(application, "accepted"))
    return membership


def _close(application: Application, actor, status: str, reason: str) -> Application:
    application.status = status
    application.reason = reason
    application.closed_at = timezone.now()
    application.save(update_fields=["status", "reason", "closed_at"])
    _call_off_interview(application)
    _step(application, actor, reason)
    record_event(
        actor=actor,
        volunteer=application.volunteer,
        action=AuditEvent.Action.STATUS_CHANGED,
        record=application,
        summary=f"{application.opportunity.title}: {application.get_status_display().lower()}"
        + (f" ({reason})" if reason else ""),
    )
    return application


NOT_AT_INTERVIEW = "Move the application to its interview stage before arranging the interview."
IN_THE_PAST = "Choose a time still to come."


@transaction.atomic
def arrange_interview(
    *, actor, application: Application, starts_at, minutes: int, place: str, panel: str
) -> Interview:
    """Arrange (or re-arrange) an application's interview; the applicant is e-mailed the
    time, place and panel with an invitation for their calendar. Arranging it again with
    nothing changed sends nothing new."""
    application = _open_for_change(actor, application)
    if application.stage != Stage.INTERVIEW:
        raise ValidationError(NOT_AT_INTERVIEW)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": IN_THE_PAST})
    wanted = {"starts_at": starts_at, "minutes": minutes, "place": place, "panel": panel}
    interview = Interview.objects.filter(application=application).first()
    if interview is None:
        interview = Interview(application=application, **wanted)
    elif all(getattr(interview, name) == value for name, value in wanted.items()):
        return interview
    else:
        for name, value in wanted.items():
            setattr(interview, name, value)
        interview.sequence += 1
    interview.arranged_by = actor
    interview.updated_at = timezone.now()
    interview.save()
    moved = "moved to" if interview.sequence else "arranged for"
    _step(application, actor, f"Interview {moved} {date_and_time(starts_at)}, {place}")
    record_event(
        actor=actor,
        volunteer=application.volunteer,
        action=AuditEvent.Action.CHANGED,
        record=application,
        summary=f"{application.opportunity.title}: interview {moved} {date_and_time(starts_at)}",
    )
    invitation = interview_invitation(interview)
    outbox.queue(emails.interview_arranged(interview, invitation=invitation))
    return interview


def _call_off_interview(application: Application) -> None:
    """An interview still to come when its application ends (declined or withdrawn; an
    accepted one has had its interview) comes off the applicant's calendar."""
    interview = Interview.objects.filter(application=application).first()
    if interview is None or interview.starts_at <= timezone.now():
        return
    if application.status == Status.ACCEPTED:
        return
    interview.sequence += 1
    interview.updated_at = timezone.now()
    interview.save(update_fields=["sequence", "updated_at"])
    invitation = interview_invitation(interview, cancelled=True)
    outbox.queue(emails.interview_called_off(interview, invitation=invitation))
