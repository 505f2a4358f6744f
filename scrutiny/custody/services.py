"""Custody visiting's changes: availability, planning and publishing the rota, swaps, and
filing a visit's report (whose concerns go to the force through schemes' follow-up loop)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from schemes.services import followups
from volunteers import catalogue, outbox, permissions
from volunteers.formats import long_date
from volunteers.models import Membership

from . import emails, rota
from .checklist import CUSTODY_CHECKLIST
from .models import (
    Allocation,
    Availability,
    CustodyIssue,
    DetaineeVisit,
    Rota,
    Suite,
    SwapRequest,
    VisitReport,
)
from .permissions import ICV
from .validators import check_no_custody_number

# A new visitor's first visits are training visits, with someone experienced: a visitor
# is new while in training, or for their first six months until they have made two.
TRAINING_VISITS = 2
NEW_FOR_DAYS = 183
# Days the force has to answer a concern.
RESPONSE_DAYS = 14

PUBLISHED_ALREADY = (
    "This quarter's rota is published: change it by agreeing swaps, not by planning again."
)
QUARTER_OVER = "That quarter is over."
NO_SUITES = "There are no open custody suites to visit: add them in the admin first."
NOT_IN_SCHEME = "{name} is not a custody visitor."
ALREADY_ON_IT = "{name} is on this visit already."
BUSY_THAT_WEEK = "{name} visits another suite that week."
SWAP_DECIDED = "This swap was decided already."
TOO_LATE_TO_SWAP = "This visit is made, or its week is over: it can no longer be swapped."
TWO_NEW = "{name} and the other visitor are both new: a new visitor goes with an experienced one."
SWAPPABLE = {Membership.Status.ACTIVE, Membership.Status.TRAINING}
FILED_BY_PARTNER = "Your partner has filed this visit's report already: you can read it below."
NOT_YET = "You can file the report once the visit's week has begun."
NOT_THAT_WEEK = "The visit was allocated for {first} to {last}: give the time you arrived then."
LEFT_BEFORE_ARRIVING = "The time you left must be after the time you arrived."
MORE_OFFERED_THAN_HELD = "More people were offered a visit than were held."
OFFERED_LISTED = "You offered {offered} a visit but listed {listed}: list each one you offered."


def visitors_now():
    """The scheme's visitors who can be put on a rota: active or in training."""
    return (
        catalogue.members_of(ICV)
        .filter(status__in=[Membership.Status.ACTIVE, Membership.Status.TRAINING])
        .select_related("volunteer")
    )


@transaction.atomic
def save_availability(
    *, volunteer, quarter: date, weeks_away: list[date], most_visits: int, note: str = ""
) -> Availability:
    weeks = set(rota.weeks_of(quarter))
    availability, _ = Availability.objects.update_or_create(
        volunteer=volunteer,
        quarter=quarter,
        defaults={
            "weeks_away": sorted(w.isoformat() for w in weeks_away if w in weeks),
            "most_visits": most_visits,
            "note": note.strip(),
        },
    )
    return availability


def visits_in_weeks(volunteer, weeks) -> list[Allocation]:
    """The person's published visits still to make in any of these weeks."""
    return list(
        Allocation.objects.published()
        .of(volunteer)
        .filter(week_starting__in=list(weeks), report__isnull=True)
        .select_related("suite")
    )


def _is_new(membership, visits_made: int, quarter: date) -> bool:
    """In training, or joined in the last six months and not yet on two visits: their
    visits are training visits, with someone experienced."""
    recent = membership.joined_on and membership.joined_on > quarter - timedelta(days=NEW_FOR_DAYS)
    return membership.status == Membership.Status.TRAINING or (
        bool(recent) and visits_made < TRAINING_VISITS
    )


def _is_new_now(volunteer, week: date) -> bool:
    membership = catalogue.members_of(ICV).filter(volunteer=volunteer).first()
    made = VisitReport.objects.filter(
        Q(allocation__first_visitor=volunteer) | Q(allocation__second_visitor=volunteer)
    ).count()
    return membership is None or _is_new(membership, made, rota.quarter_of(week))


def _visitors_for(quarter: date) -> list[rota.Visitor]:
    memberships = list(visitors_now())
    people = [m.volunteer for m in memberships]
    made = dict(
        VisitReport.objects.filter(allocation__first_visitor__in=people)
        .values_list("allocation__first_visitor")
        .annotate(n=Count("pk"))
    )
    made_second = dict(
        VisitReport.objects.filter(allocation__second_visitor__in=people)
        .values_list("allocation__second_visitor")
        .annotate(n=Count("pk"))
    )
    availability = {
        a.volunteer_id: a
        for a in Availability.objects.filter(quarter=quarter, volunteer__in=people)
    }
    # Whom each went with last: the quarter before is enough (not every rota ever made).
    last_partner = {}
    before = rota.quarter_of(quarter - timedelta(days=1))
    for first, second in (
        Allocation.objects.filter(week_starting__gte=before, week_starting__lt=quarter)
        .order_by("week_starting", "pk")
        .values_list("first_visitor_id", "second_visitor_id")
    ):
        last_partner[first], last_partner[second] = second, first
    visitors = []
    for membership in memberships:
        person = membership.volunteer
        given = availability.get(person.pk)
        visits = made.get(person.pk, 0) + made_second.get(person.pk, 0)
        visitors.append(
            rota.Visitor(
                key=person.pk,
                name=f"{person.last_name} {person.first_name}",
                is_new=_is_new(membership, visits, quarter),
                weeks_away={date.fromisoformat(w) for w in given.weeks_away} if given else set(),
                most_visits=given.most_visits if given else 3,
                last_partner=last_partner.get(person.pk),
            )
        )
    return visitors


@transaction.atomic
def plan_rota(*, actor, quarter: date, today: date | None = None) -> Rota:
    """Plan (or plan again, until it is published) a quarter's visits."""
    today = today or timezone.localdate()
    quarter = rota.quarter_of(quarter)
    if rota.next_quarter(quarter) <= today:
        raise ValidationError(QUARTER_OVER)
    existing = Rota.objects.select_for_update().filter(quarter=quarter).first()
    if existing and existing.is_published:
        raise ValidationError(PUBLISHED_ALREADY)
    suites = list(Suite.objects.filter(is_open=True).order_by("name"))
    if not suites:
        raise ValidationError(NO_SUITES)
    visits, gaps = rota.plan(
        quarter=quarter,
        suites=[rota.SuiteToVisit(s.pk, s.visit_every) for s in suites],
        visitors=_visitors_for(quarter),
        from_week=today - timedelta(days=today.weekday()),
    )
    plan, _ = Rota.objects.update_or_create(
        quarter=quarter,
        defaults={
            "planned_by": actor,
            "planned_at": timezone.now(),
            "gaps": [[suite, week.isoformat()] for suite, week in gaps],
        },
    )
    plan.allocations.all().delete()
    Allocation.objects.bulk_create(
        Allocation(
            rota=plan,
            suite_id=v.suite,
            week_starting=v.week,
            first_visitor_id=v.first,
            second_visitor_id=v.second,
            is_training=v.is_training,
        )
        for v in visits
    )
    return plan


@transaction.atomic
def publish_rota(*, actor, plan: Rota) -> Rota:
    """Show the pairs their visits: each visitor hears of their own, and only their own."""
    plan = Rota.objects.select_for_update().get(pk=plan.pk)
    if plan.is_published:
        return plan
    plan.published_at = timezone.now()
    plan.save(update_fields=["published_at"])
    mine = {}
    for allocation in plan.allocations.select_related("suite", "first_visitor", "second_visitor"):
        for visitor in allocation.pair:
            mine.setdefault(visitor, []).append(allocation)
    outbox.queue(*(emails.your_visits(plan, visitor, visits) for visitor, visits in mine.items()))
    return plan


def _check_swap(allocation: Allocation, colleague, *, today: date) -> bool:
    """Refuse a swap that cannot be: the visit made or its week over, or a colleague who is
    not an active visitor (or one in training), is on it already or visits elsewhere that
    week."""
    if hasattr(allocation, "report") or allocation.week_starting + timedelta(days=7) <= today:
        raise ValidationError(TOO_LATE_TO_SWAP)
    membership = catalogue.members_of(ICV).filter(volunteer=colleague).first()
    if membership is None or membership.status not in SWAPPABLE:
        raise ValidationError({"colleague": NOT_IN_SCHEME.format(name=colleague)})
    if colleague.pk in (allocation.first_visitor_id, allocation.second_visitor_id):
        raise ValidationError({"colleague": ALREADY_ON_IT.format(name=colleague)})
    busy = (
        Allocation.objects.of(colleague)
        .filter(rota=allocation.rota, week_starting=allocation.week_starting)
        .exists()
    )
    if busy:
        raise ValidationError({"colleague": BUSY_THAT_WEEK.format(name=colleague)})


@transaction.atomic
def ask_swap(
    *, volunteer, allocation: Allocation, colleague, reason: str, today: date | None = None
) -> SwapRequest:
    _check_swap(allocation, colleague, today=today or timezone.localdate())
    swap, _ = SwapRequest.objects.update_or_create(
        allocation=allocation,
        asked_by=volunteer,
        status=SwapRequest.Status.ASKED,
        defaults={"colleague": colleague, "reason": reason.strip()},
    )
    return swap


@transaction.atomic
def decide_swap(*, actor, swap: SwapRequest, agree: bool, today: date | None = None) -> SwapRequest:
    swap = SwapRequest.objects.select_for_update().select_related("asked_by").get(pk=swap.pk)
    if swap.status != SwapRequest.Status.ASKED:
        raise ValidationError(SWAP_DECIDED)
    permissions.refuse_own_record(actor, swap.asked_by)
    allocation = Allocation.objects.select_for_update().get(pk=swap.allocation_id)
    if agree:
        _check_swap(allocation, swap.colleague, today=today or timezone.localdate())
        staying = (
            allocation.second_visitor
            if allocation.first_visitor_id == swap.asked_by_id
            else allocation.first_visitor
        )
        new = {p.pk for p in (staying, swap.colleague) if _is_new_now(p, allocation.week_starting)}
        if len(new) == 2:
            raise ValidationError({"colleague": TWO_NEW.format(name=swap.colleague)})
        allocation.is_training = bool(new)
        if allocation.first_visitor_id == swap.asked_by_id:
            allocation.first_visitor = swap.colleague
        else:
            allocation.second_visitor = swap.colleague
        allocation.save()
    swap.status = SwapRequest.Status.AGREED if agree else SwapRequest.Status.DECLINED
    swap.decided_by, swap.decided_at = actor, timezone.now()
    swap.save()
    outbox.queue(*emails.swap_decided(swap, allocation))
    return swap


def submit_report(
    *,
    volunteer,
    allocation: Allocation,
    submission_key,
    details: dict,
    detainees: list[dict],
    answers: dict,
    today: date | None = None,
) -> tuple[VisitReport, bool]:
    """File the visit's report; (report, made now). The same submission sent again (a
    double tap, a retry on a bad connection), or the pair's second report, makes nothing
    new: the report already filed comes back."""
    today = today or timezone.localdate()
    if allocation.week_starting > today:
        raise ValidationError(NOT_YET)
    filed = VisitReport.objects.filter(
        Q(submission_key=submission_key) | Q(allocation=allocation)
    ).first()
    if filed:
        return filed, False
    arrived = timezone.localtime(details["arrived_at"])
    week_end = allocation.week_starting + timedelta(days=6)
    if not allocation.week_starting <= arrived.date() <= week_end or arrived > timezone.now():
        raise ValidationError(
            {
                "arrived_at": NOT_THAT_WEEK.format(
                    first=long_date(allocation.week_starting), last=long_date(min(week_end, today))
                )
            }
        )
    if details["left_at"] <= details["arrived_at"]:
        raise ValidationError({"left_at": LEFT_BEFORE_ARRIVING})
    for note in [details.get("raised_at_the_time", ""), *(a["note"] for a in answers.values())]:
        check_no_custody_number(note)
    if details["detainees_offered"] > details["detainees_held"]:
        raise ValidationError({"detainees_offered": MORE_OFFERED_THAN_HELD})
    if len(detainees) != details["detainees_offered"]:
        raise ValidationError(
            OFFERED_LISTED.format(offered=details["detainees_offered"], listed=len(detainees))
        )
    try:
        with transaction.atomic():
            report = VisitReport.objects.create(
                allocation=allocation,
                suite=allocation.suite,
                submission_key=submission_key,
                submitted_by=volunteer,
                submitted_at=timezone.now(),
                checks=answers,
                for_independent_reviewer=any(d["held_under_terrorism_act"] for d in detainees),
                **details,
            )
            DetaineeVisit.objects.bulk_create(DetaineeVisit(report=report, **d) for d in detainees)
            followups.raise_follow_ups(
                model=CustodyIssue,
                checklist=CUSTODY_CHECKLIST,
                answers=answers,
                due_in_days=RESPONSE_DAYS,
                report=report,
            )
    except IntegrityError:
        # The same report, sent twice at once: the other request filed it.
        return VisitReport.objects.get(
            Q(submission_key=submission_key) | Q(allocation=allocation)
        ), False
    return report, True
