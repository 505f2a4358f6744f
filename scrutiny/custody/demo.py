"""The demo county's custody visiting: Hertfordshire's four custody suites, its visitors,
a year of rotas (published), a report for every visit made so far (but last week's, which
the demo visitor has still to file), and concerns at every stage: answered, with the
force, overdue, with the OPCC lead and closed by them. Some visitors have given their
availability for next quarter, which is left for the manager to plan. Rows are made
directly (the services would e-mail everyone). Deterministic for a seed; run once."""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from volunteers.demo import DEMO_DOMAIN, STEPS, DemoStep, demo_account
from volunteers.models import District, Force, ForceStaff

from . import rota, services
from .checklist import CUSTODY_CHECKLIST
from .models import Allocation, Availability, CustodyIssue, DetaineeVisit, Suite, VisitReport

INSPECTOR_EMAIL = f"custody.inspector@{DEMO_DOMAIN}"
DEMO_VISITOR = f"visitor@{DEMO_DOMAIN}"
QUARTERS_BACK = 3  # a year of visits: this quarter and the three before
# (name, address, district slug, open 24 hours, weeks between visits)
SUITES = [
    (
        "Hatfield custody suite",
        "Hatfield Police Station, Comet Way, Hatfield AL10 9SJ",
        "welwyn-hatfield",
        True,
        2,
    ),
    (
        "Stevenage custody suite",
        "Stevenage Police Station, Lytton Way, Stevenage SG1 1HF",
        "stevenage",
        True,
        2,
    ),
    (
        "Watford custody suite",
        "Watford Police Station, Shady Lane, Watford WD17 1DD",
        "watford",
        True,
        2,
    ),
    (
        "Hoddesdon custody suite",
        "Hoddesdon Police Station, High Street, Hoddesdon EN11 8BE",
        "broxbourne",
        False,
        4,
    ),
]
STAFF = [
    "PS Kate Lowe",
    "PS Tom Ashby",
    "PS Ade Bello",
    "PS Lucy Grant",
    "Insp. Ravi Mehta",
    "PS Jo Harper",
]
# check code -> [(what the visitors saw, what the force answered)]
CONCERNS = {
    "cells-clean": [
        (
            "Cell 4 had graffiti on the walls and smelt of urine.",
            "Cell 4 was taken out of use and deep cleaned; graffiti painted over.",
        ),
        (
            "Several cells had not been cleaned between detainees.",
            "Cleaning contractor reminded of the between-use clean; spot checks added to the "
            "sergeant's shift list.",
        ),
    ],
    "blanket": [
        (
            "Two detainees held overnight said they had not been offered a blanket.",
            "Blankets are now offered at booking in and recorded on the custody record.",
        ),
    ],
    "food-and-drink": [
        (
            "A detainee said he had not had a drink for six hours.",
            "The custody record showed drinks offered and refused; staff reminded to record "
            "each offer.",
        ),
        (
            "Only one kind of microwave meal was in stock; no halal option.",
            "Halal and vegetarian meals reordered and now held at every suite.",
        ),
    ],
    "cctv": [
        (
            "The CCTV monitor for cells 7 to 9 was blank.",
            "A faulty monitor was replaced the next day.",
        )
    ],
    "temperature": [
        (
            "Cells on the east corridor were very cold.",
            "The heating valve was repaired; temperatures are logged each shift.",
        )
    ],
    "toilets": [("The toilet in cell 2 was blocked.", "Fixed the same day by the estates team.")],
    "interpreter": [
        (
            "A detainee who spoke little English had waited three hours for an interpreter.",
            "Telephone interpreting is now used while waiting for a face-to-face interpreter.",
        ),
    ],
    "medical": [
        (
            "A detainee asking for his inhaler had not yet been seen by the healthcare "
            "practitioner.",
            "The healthcare practitioner saw him within the hour; the request is now flagged "
            "at booking in.",
        ),
    ],
    "reading": [
        (
            "No reading material in languages other than English.",
            "Books and magazines in Polish, Romanian and Urdu added to each suite.",
        )
    ],
}
NOT_SEEN_OFTEN = {"exercise", "reading", "interpreter"}


def _visitors():
    return list(services.visitors_now().order_by("pk"))


def _suites():
    home = Force.objects.get(is_home=True)
    user = demo_account(INSPECTOR_EMAIL, "Rachel Moore")
    inspector, _ = ForceStaff.objects.get_or_create(
        user=user,
        role=ForceStaff.Role.CUSTODY_INSPECTOR,
        defaults={"force": home, "phone": "01707 354000"},
    )
    suites = []
    for name, address, district, open_all_day, every in SUITES:
        suite, _ = Suite.objects.get_or_create(
            name=name,
            defaults={
                "address": address,
                "district": District.objects.get(slug=district),
                "force": home,
                "is_24_hour": open_all_day,
                "visit_every": every,
                "inspector": inspector,
            },
        )
        suites.append(suite)
    return suites, user


def _answers(rng, concerns: list[str]) -> dict:
    answers = {}
    for _, check in CUSTODY_CHECKLIST.checks():
        if check.code in concerns:
            answers[check.code] = {"result": "concern", "note": ""}
        elif check.code in NOT_SEEN_OFTEN and rng.random() < 0.3:
            answers[check.code] = {"result": "not-seen", "note": ""}
        else:
            answers[check.code] = {"result": "ok", "note": ""}
    return answers


def _report(rng, allocation, today, number):
    tz = timezone.get_current_timezone()
    day = allocation.week_starting + timedelta(days=rng.randint(0, 5))
    if day >= today:
        day = today - timedelta(days=1)
    arrived = datetime.combine(
        day, time(rng.choice([10, 11, 14, 15, 19, 20]), rng.choice([0, 15, 30, 45])), tz
    )
    held = rng.randint(3, 14)
    offered = max(0, held - rng.randint(0, 3))
    concerns = rng.sample(sorted(CONCERNS), rng.choice([0, 0, 0, 1, 1, 2]))
    answers = _answers(rng, concerns)
    picked = {}
    for code in concerns:
        picked[code] = rng.choice(CONCERNS[code])
        answers[code]["note"] = picked[code][0]
    report = VisitReport.objects.create(
        allocation=allocation,
        suite=allocation.suite,
        arrived_at=arrived,
        left_at=arrived + timedelta(minutes=rng.randint(45, 110)),
        staff_seen=rng.choice(STAFF),
        detainees_held=held,
        detainees_offered=offered,
        checks=answers,
        raised_at_the_time=(
            "We raised it with the custody sergeant, who said it would go to the inspector."
            if concerns
            else ""
        ),
        submitted_by=allocation.first_visitor,
        submitted_at=arrived + timedelta(hours=2),
    )
    terror = number == 5  # one visit met someone held under terrorism legislation
    DetaineeVisit.objects.bulk_create(
        DetaineeVisit(
            report=report,
            custody_number=f"41/{rng.randint(10000, 99999)}/{day:%y}",
            consented=rng.random() < 0.78,
            is_child=rng.random() < 0.07,
            is_vulnerable_adult=rng.random() < 0.12,
            held_under_terrorism_act=terror and i == 0,
        )
        for i in range(offered)
    )
    if terror:
        report.for_independent_reviewer = True
        report.save(update_fields=["for_independent_reviewer"])
    return report, picked


def _follow_up(rng, report, picked, today, inspector, stage):
    """Concerns at every stage: most answered in time, some late, some still with the
    force (a few overdue), one with the OPCC lead and one closed by them."""
    for code, (concern, answer) in picked.items():
        section = next(s.code for s, c in CUSTODY_CHECKLIST.checks() if c.code == code)
        raised = report.submitted_at
        issue = CustodyIssue(
            report=report,
            section=section,
            check_code=code,
            concern=concern,
            raised_at=raised,
            due_on=timezone.localdate(raised) + timedelta(days=services.RESPONSE_DAYS),
        )
        age = (today - timezone.localdate(raised)).days
        fate = stage.pop(0) if stage and age > services.RESPONSE_DAYS + 3 else None
        if fate is None and age > services.RESPONSE_DAYS:
            fate = "answered" if rng.random() < 0.85 else "late"
        elif fate is None:
            fate = "answered" if age > 8 and rng.random() < 0.6 else "with-force"
        if fate in ("answered", "late"):
            days = (
                rng.randint(3, 12)
                if fate == "answered"
                else services.RESPONSE_DAYS + rng.randint(2, 9)
            )
            days = min(days, max(age - 1, 1))
            issue.response, issue.responded_by = answer, inspector
            issue.responded_at = issue.closed_at = raised + timedelta(days=days)
            issue.status = CustodyIssue.Status.CLOSED
        elif fate in ("escalated", "escalated-closed"):
            issue.status = CustodyIssue.Status.ESCALATED
            issue.escalated_at = raised + timedelta(days=services.RESPONSE_DAYS + 2)
            issue.escalation_note = (
                "No answer from the force two weeks on, and the same concern was found on "
                "the last visit."
            )
            if fate == "escalated-closed":
                issue.outcome = (
                    "The Commissioner raised it with the Chief Superintendent; "
                    + answer[0].lower()
                    + answer[1:]
                )
                issue.status = CustodyIssue.Status.CLOSED
                issue.closed_at = issue.escalated_at + timedelta(days=6)
        issue.save()


def _left_to_report(plan, visitor, today):
    """The demo visitor (who signs in) has last week's visit still to report: they take
    the first place on it (if that week they visit nowhere else)."""
    last_week = today - timedelta(days=today.weekday() + 7)
    allocation = plan.allocations.filter(week_starting=last_week).order_by("pk").first()
    if visitor is None or allocation is None:
        return None
    busy = Allocation.objects.of(visitor).filter(week_starting=last_week).exclude(pk=allocation.pk)
    if visitor.pk != allocation.second_visitor_id and not busy.exists():
        allocation.first_visitor = visitor
        allocation.save(update_fields=["first_visitor"])
    return allocation if visitor in allocation.pair else None


@transaction.atomic
def seed_custody_visiting(*, seed: int) -> str:
    if Suite.objects.exists():
        return "already there."
    rng = random.Random(seed + 51)
    today = timezone.localdate()
    suites, inspector = _suites()
    visitors = _visitors()
    this = rota.quarter_of(today)
    quarters = [this]
    for _ in range(QUARTERS_BACK):
        quarters.insert(0, rota.quarter_of(quarters[0] - timedelta(days=1)))
    stage = ["escalated-closed", "late", "overdue", "escalated", "late", "overdue"]
    made = 0
    demo_visitor = next((m.volunteer for m in visitors if m.volunteer.email == DEMO_VISITOR), None)
    for quarter in quarters:
        Availability.objects.bulk_create(
            Availability(
                volunteer=m.volunteer,
                quarter=quarter,
                most_visits=rng.choice([3, 3, 4]),
                weeks_away=[
                    w.isoformat() for w in rng.sample(rota.weeks_of(quarter), rng.choice([0, 1, 2]))
                ],
            )
            for m in visitors
        )
        plan = services.plan_rota(actor=None, quarter=quarter, today=quarter)
        published = timezone.make_aware(datetime.combine(quarter - timedelta(days=14), time(10)))
        plan.planned_at, plan.published_at = published - timedelta(days=5), published
        plan.save(update_fields=["planned_at", "published_at"])
        waiting = _left_to_report(plan, demo_visitor, today) if quarter == this else None
        for allocation in plan.allocations.select_related("suite", "first_visitor").order_by(
            "week_starting", "pk"
        ):
            if allocation.week_starting + timedelta(days=1) >= today or allocation == waiting:
                continue
            made += 1
            report, picked = _report(rng, allocation, today, made)
            _follow_up(rng, report, picked, today, inspector, stage)
    upcoming = rota.next_quarter(this)
    Availability.objects.bulk_create(
        Availability(
            volunteer=m.volunteer,
            quarter=upcoming,
            most_visits=3,
            weeks_away=[
                w.isoformat() for w in rng.sample(rota.weeks_of(upcoming), rng.choice([0, 1, 2, 3]))
            ],
        )
        for m in visitors[::2]
    )
    issues = CustodyIssue.objects.count()
    return (
        f"{len(suites)} suites, {len(visitors)} visitors on the rota, {made} visits reported, "
        f"{issues} concerns followed up; inspector sign-in: {INSPECTOR_EMAIL}."
    )


STEPS.register(DemoStep("Custody visiting", seed_custody_visiting))
