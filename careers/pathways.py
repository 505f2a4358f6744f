"""Specialist career pathways: who may apply (and why not), applying, and the pathway
lead's decision, which turns an accepted application into a posting. Also the route to
becoming a regular officer."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Min, Sum
from django.utils import timezone

from schemes.models import HoursEntry
from volunteers import catalogue, outbox
from volunteers.dates import whole_months_between
from volunteers.formats import hours_text, long_date
from volunteers.models import AuditEvent, Membership, TrainingRecord, Volunteer
from volunteers.permissions import refuse_own_record

from . import services
from .emails import PATHWAY_APPLIED, PATHWAY_DECISION, PATHWAY_RECEIPT
from .models import Pathway, PathwayApplication, RegularRoute, ServiceRecord
from .services import audit

RECENT_DAYS = 183  # "the last 6 months"
NEEDS_IPS = "You need Independent Patrol Status."
NEEDS_MONTHS = "You need {needed} months' service; you have {have}."
NEEDS_HOURS = "You need {needed} in the last 6 months; you have {have}."
NEEDS_COURSE = "You need current “{course}” training."
CLOSED = "This pathway is not taking applications just now."
ALREADY_APPLIED = "You have already applied; the pathway lead will decide soon."
ALREADY_DECIDED = "This application has already been decided."
REASON_NEEDED = "Say why, in words the Special will read."
START_NEEDED = "Give the date the posting starts."


@dataclass
class Facts:
    independent_patrol_on: date | None
    months_service: int
    recent_hours: Decimal
    current_course_ids: set[int]


def facts_for(volunteer, *, today: date | None = None) -> Facts:
    return facts_for_many([volunteer.pk], today=today)[volunteer.pk]


def facts_for_many(volunteer_ids, *, today: date | None = None) -> dict[int, Facts]:
    """What the pathway conditions look at, for each of these Specials, in four queries
    whatever their number (the applications queue shows a page of them). A Special without
    a service record yet has no Independent Patrol Status and counts from joining."""
    today = today or timezone.localdate()
    ids = set(volunteer_ids)
    records = {
        volunteer_id: (attested_on, patrol_on)
        for volunteer_id, attested_on, patrol_on in ServiceRecord.objects.filter(
            volunteer_id__in=ids
        ).values_list("volunteer_id", "attested_on", "independent_patrol_on")
    }
    joined = dict(
        Membership.objects.filter(volunteer_id__in=ids, scheme__slug=catalogue.SPECIAL_CONSTABULARY)
        .values_list("volunteer_id")
        .annotate(first=Min("joined_on"))
        .order_by()
    )
    hours = dict(
        HoursEntry.objects.approved()
        .filter(
            volunteer_id__in=ids,
            scheme__slug=catalogue.SPECIAL_CONSTABULARY,
            worked_on__gt=today - timedelta(days=RECENT_DAYS),
            worked_on__lte=today,
        )
        .values_list("volunteer_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    courses: dict[int, set[int]] = {volunteer_id: set() for volunteer_id in ids}
    current = TrainingRecord.objects.filter(volunteer_id__in=ids).current(today=today)
    for volunteer_id, course_id in current.values_list("volunteer_id", "course_id"):
        courses[volunteer_id].add(course_id)
    facts = {}
    for volunteer_id in ids:
        attested_on, patrol_on = records.get(volunteer_id, (None, None))
        start = attested_on or joined.get(volunteer_id) or today
        facts[volunteer_id] = Facts(
            independent_patrol_on=patrol_on,
            months_service=whole_months_between(start, today),
            recent_hours=hours.get(volunteer_id) or Decimal("0"),
            current_course_ids=courses[volunteer_id],
        )
    return facts


def reasons_not_eligible(facts: Facts, pathway: Pathway) -> list[str]:
    reasons = []
    if pathway.needs_independent_patrol and facts.independent_patrol_on is None:
        reasons.append(NEEDS_IPS)
    if facts.months_service < pathway.min_months_service:
        reasons.append(
            NEEDS_MONTHS.format(needed=pathway.min_months_service, have=facts.months_service)
        )
    if facts.recent_hours < pathway.min_recent_hours:
        reasons.append(
            NEEDS_HOURS.format(
                needed=hours_text(pathway.min_recent_hours), have=hours_text(facts.recent_hours)
            )
        )
    if pathway.required_course_id and pathway.required_course_id not in facts.current_course_ids:
        reasons.append(NEEDS_COURSE.format(course=pathway.required_course))
    return reasons


@dataclass
class Standing:
    pathway: Pathway
    reasons: list[str]
    open_application: PathwayApplication | None

    @property
    def can_apply(self) -> bool:
        return self.pathway.is_open and not self.reasons and self.open_application is None


def standings(volunteer) -> list[Standing]:
    """Every pathway, and whether this Special may apply (or why not)."""
    facts = facts_for(volunteer)
    open_applications = {
        a.pathway_id: a for a in PathwayApplication.objects.open().filter(volunteer=volunteer)
    }
    return [
        Standing(pathway, reasons_not_eligible(facts, pathway), open_applications.get(pathway.pk))
        for pathway in Pathway.objects.select_related("team", "required_course")
    ]


@transaction.atomic
def apply(*, volunteer, pathway: Pathway, statement: str) -> PathwayApplication:
    Volunteer.objects.lock(volunteer.pk)
    if not pathway.is_open:
        raise ValidationError(CLOSED)
    reasons = reasons_not_eligible(facts_for(volunteer), pathway)
    if reasons:
        raise ValidationError(reasons)
    try:
        with transaction.atomic():
            application = PathwayApplication.objects.create(
                volunteer=volunteer, pathway=pathway, statement=statement.strip()
            )
    except IntegrityError as error:
        raise ValidationError(ALREADY_APPLIED) from error
    audit(
        volunteer.user,
        application,
        f"Applied for the {pathway} pathway",
    )
    _tell_applicant(
        application,
        PATHWAY_RECEIPT,
        "applied",
        [
            f"Thank you for applying for the {pathway} pathway. Your application is with the "
            "pathway lead, and we will e-mail you their decision.",
            "You can follow it, or withdraw it while it is open, from the pathways page of "
            "your service record in the portal.",
        ],
    )
    if pathway.lead and pathway.lead.email:
        outbox.queue(
            outbox.Reminder(
                kind=PATHWAY_APPLIED.code,
                subject_ref=f"pathway-application:{application.pk}",
                period="applied",
                to=pathway.lead.email,
                subject=f"New application for {pathway}: {volunteer.display_name}",
                template="reminder",
                context={
                    "lines": [
                        f"{volunteer.display_name} has applied for the {pathway} pathway.",
                        "You can read their statement and decide from the pathway "
                        "applications page of the Special Constabulary.",
                    ]
                },
            )
        )
    return application


@transaction.atomic
def withdraw(*, volunteer, application: PathwayApplication) -> PathwayApplication:
    application = PathwayApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != PathwayApplication.Status.APPLIED:
        raise ValidationError(ALREADY_DECIDED)
    application.status = PathwayApplication.Status.WITHDRAWN
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    audit(
        volunteer.user,
        application,
        f"Withdrew the application for {application.pathway}",
        action=AuditEvent.Action.STATUS_CHANGED,
    )
    return application


@transaction.atomic
def decide(
    *,
    actor,
    application: PathwayApplication,
    accept: bool,
    reason: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> PathwayApplication:
    """Accept (a posting to the pathway's team follows) or decline, always with a reason."""
    Volunteer.objects.lock(application.volunteer_id)
    application = (
        PathwayApplication.objects.select_for_update(of=("self",))
        .select_related("pathway__team", "volunteer")
        .get(pk=application.pk)
    )
    refuse_own_record(actor, application.volunteer)
    if application.status != PathwayApplication.Status.APPLIED:
        raise ValidationError(ALREADY_DECIDED)
    if not reason.strip():
        raise ValidationError({"reason": REASON_NEEDED})
    if accept and not starts_on:
        raise ValidationError({"starts_on": START_NEEDED})
    if accept:
        application.posting = services.add_posting(
            actor=actor,
            volunteer=application.volunteer,
            team=application.pathway.team,
            starts_on=starts_on,
            ends_on=ends_on,
            note=f"{application.pathway} pathway",
        )
    Status = PathwayApplication.Status
    application.status = Status.ACCEPTED if accept else Status.DECLINED
    application.reason = reason.strip()
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    audit(
        actor,
        application,
        f"{application.pathway} pathway: {application.get_status_display()}",
        action=AuditEvent.Action.STATUS_CHANGED,
    )
    outcome = (
        f"You are accepted: your posting to {application.pathway.team} starts on "
        f"{long_date(starts_on)}."
        if accept
        else "This time your application has not been accepted."
    )
    _tell_applicant(
        application,
        PATHWAY_DECISION,
        "decided",
        [outcome, f"From the pathway lead: {application.reason}"],
    )
    return application


def _tell_applicant(application, kind: outbox.Kind, moment: str, lines: list[str]) -> None:
    """An e-mail to the Special about their application, through the outbox."""
    person = application.volunteer
    outbox.queue(
        outbox.Reminder(
            kind=kind.code,
            subject_ref=f"pathway-application:{application.pk}",
            period=moment,
            to=person.email,
            volunteer=person,
            subject=f"Your application for the {application.pathway} pathway",
            template="reminder",
            context={"lines": lines},
        )
    )


@transaction.atomic
def set_regular_route(*, actor, volunteer, stage: str, note: str = "") -> RegularRoute:
    """A Special says they are interested, or a manager records how it is going."""
    Volunteer.objects.lock(volunteer.pk)
    first_word = stage == RegularRoute.Stage.INTERESTED and not (
        RegularRoute.objects.filter(volunteer=volunteer).exists()
    )
    if not first_word:  # only first saying so is the Special's own to do
        refuse_own_record(actor, volunteer)
    route, created = RegularRoute.objects.get_or_create(
        volunteer=volunteer, defaults={"stage": stage, "note": note, "updated_by": actor}
    )
    before = route.get_stage_display()
    if not created:
        route.stage, route.note, route.updated_by = stage, note, actor
        route.save()
    audit(
        actor,
        route,
        f"Route to regular officer: {route.get_stage_display()}"
        + ("" if created else f" (was {before})"),
        action=AuditEvent.Action.CREATED if created else AuditEvent.Action.CHANGED,
    )
    return route
