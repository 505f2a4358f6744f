"""Factory functions for test data; each takes keyword overrides."""

import itertools
import time
from datetime import date, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from volunteers.catalogue import SchemeSlug
from volunteers.models import (
    Course,
    Membership,
    Scheme,
    TrainingRecord,
    User,
    Vetting,
    Volunteer,
)
from volunteers.permissions import OPCC_STAFF_GROUP

_numbers = itertools.count(1)


def make_user(*, email: str | None = None, password: str = "correct-horse-battery", **fields):
    email = email or f"person{next(_numbers)}@example.org"
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def give_mfa(user) -> str:
    """Switch on TOTP for the user and return the secret, as the set-up page would."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, as a person would type it.

    A code is good for a 30-second step; one handed out in the step's last two seconds can
    reach a busy server after the step has turned, so wait for the next step instead."""
    if 30 - time.time() % 30 < 2:
        time.sleep(30 - time.time() % 30 + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_staff(**fields):
    user = make_user(is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=OPCC_STAFF_GROUP))
    give_mfa(user)
    return user


def grant_diversity(user):
    user.user_permissions.add(Permission.objects.get(codename="view_diversity_data"))
    return User.objects.get(pk=user.pk)  # a fresh object: Django caches permissions


def scheme(slug: str) -> Scheme:
    return Scheme.objects.get(slug=slug)


def make_volunteer(*, user=None, **fields) -> Volunteer:
    n = next(_numbers)
    values = {
        "first_name": "Sam",
        "last_name": f"Tester{n}",
        "date_of_birth": date(1990, 5, 17),
        "email": user.email if user else f"volunteer{n}@example.org",
        "phone": "07700900123",
        "address_line_1": "1 High Street",
        "town": "Stevenage",
        "postcode": "SG1 1AA",
        "emergency_contact_name": "Alex Tester",
        "emergency_contact_phone": "01707123456",
    }
    values.update(fields)
    return Volunteer.objects.create(user=user, **values)


def make_membership(volunteer, scheme_obj, **fields) -> Membership:
    fields.setdefault("status", Membership.Status.ACTIVE)
    return Membership.objects.create(volunteer=volunteer, scheme=scheme_obj, **fields)


def make_coordinator(scheme_obj, **fields):
    user = make_user(**fields)
    give_mfa(user)
    person = make_volunteer(user=user)
    make_membership(person, scheme_obj, role=Membership.Role.COORDINATOR)
    return user


def make_vetting(volunteer, *, expires_in_days: int = 400, **fields) -> Vetting:
    today = timezone.localdate()
    values = {
        "level": Vetting.Level.NPPV2,
        "status": Vetting.Status.GRANTED,
        "granted_on": today - timedelta(days=700),
        "expires_on": today + timedelta(days=expires_in_days),
    }
    values.update(fields)
    return Vetting.objects.create(volunteer=volunteer, **values)


def make_training(volunteer, *, course_name="First aid at work", **fields) -> TrainingRecord:
    today = timezone.localdate()
    values = {"completed_on": today - timedelta(days=100), "expires_on": today + timedelta(days=30)}
    values.update(fields)
    return TrainingRecord.objects.create(
        volunteer=volunteer, course=Course.objects.get(name=course_name), **values
    )


def make_duty(scheme_obj, *, starts_in_days: float = 3, hours: float = 4, **fields):
    from schemes.models import Duty

    starts = timezone.now().replace(second=0, microsecond=0) + timedelta(days=starts_in_days)
    values = {
        "title": "Town centre patrol",
        "kind": Duty.Kind.PATROL,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=hours),
        "place": "Stevenage Police Station",
        "min_people": 2,
        "places": 4,
    }
    values.update(fields)
    return Duty.objects.create(scheme=scheme_obj, **values)


def make_hours(volunteer, scheme_obj, **fields):
    from decimal import Decimal

    from schemes.models import HoursEntry

    values = {
        "worked_on": timezone.localdate() - timedelta(days=1),
        "hours": Decimal("2.5"),
        "kind": HoursEntry.Kind.ADMIN,
    }
    values.update(fields)
    entry = HoursEntry.objects.create(volunteer=volunteer, scheme=scheme_obj, **values)
    if entry.status == HoursEntry.Status.APPROVED:  # as the services would
        from schemes.services import month_totals

        month_totals.refresh(month_totals.key_of(entry))
    return entry


def make_psv_hours_a_year_apart(*, last_year: str, this_year: str):
    """A Police Support Volunteer's approved hours in March 2025 and March 2026."""
    psv = scheme(SchemeSlug.POLICE_SUPPORT_VOLUNTEERS)
    person = make_volunteer()
    make_membership(person, psv, joined_on=date(2024, 1, 1))
    for day, hours in [(date(2025, 3, 10), last_year), (date(2026, 3, 11), this_year)]:
        make_hours(person, psv, worked_on=day, status="approved", hours=Decimal(hours))
    return person


def make_employer(**fields):
    from esp.models import Employer

    values = {
        "name": "Hatfield Hardware Ltd",
        "company_number": "01234567",
        "sector": "retail",
        "size_band": "10-49",
        "address_line_1": "2 Town Centre",
        "town": "Hatfield",
        "postcode": "AL10 0JG",
        "contact_name": "Priya Shah",
        "contact_role": "Owner",
        "contact_email": "priya@hatfieldhardware.example",
        "contact_phone": "01707123456",
        "paid_leave_hours": 40,
        "paid_for_training": True,
        "pledged_hours": 60,
    }
    values.update(fields)
    return Employer.objects.create(**values)


def sign_up_answers(**overrides) -> dict:
    """What a business types into the ESP sign-up's pages."""
    return {
        "name": "Hatfield Hardware Ltd",
        "company_number": "01234567",
        "sector": "retail",
        "size_band": "10-49",
        "address_line_1": "2 Town Centre",
        "town": "Hatfield",
        "postcode": "al10 0jg",
        "contact_name": "Priya Shah",
        "contact_role": "Owner",
        "contact_email": "Priya@HatfieldHardware.example",
        "contact_phone": "01707 123456",
        "paid_leave_hours": "40",
        "paid_leave_per": "year",
        "paid_for_training": "on",
        "unpaid_for_emergencies": "on",
        "pledged_hours": "60",
        "list_publicly": "on",
        "password1": "a-long-enough-passphrase",
        "password2": "a-long-enough-passphrase",
    } | overrides


def answer_sign_up_pages(client, data: dict):
    """Answer the ESP sign-up's pages in turn; the response of the last one posted."""
    from esp import join

    for step in join.STEPS:
        response = client.post(step.url, {k: v for k, v in data.items() if k in step.fields})
        if response.status_code != 302:
            break
    return response


def make_opportunity(scheme_obj, **fields):
    from django.utils.text import slugify

    from schemes.models import Opportunity

    values = {
        "title": f"Role {next(_numbers)}",
        "summary": "Help your community.",
        "description": "What you do, and what you get.",
        "activity": Opportunity.Activity.COMMUNITY,
        "time_asked": "4 hours a month",
        "stages": ["received", "interview", "vetting", "training"],
    }
    values.update(fields)
    values.setdefault("slug", slugify(values["title"]))
    return Opportunity.objects.create(scheme=scheme_obj, **values)


# --- Custody visiting (scrutiny/custody) -------------------------------------------------


def make_inspector(*, force_slug: str = "hertfordshire", **fields):
    """A force's custody inspector, who signs in (with MFA: `.mfa_secret`) to answer
    concerns."""
    from volunteers.models import Force, ForceStaff

    user = make_user(**fields)
    user.mfa_secret = give_mfa(user)
    ForceStaff.objects.create(
        user=user, force=Force.objects.get(slug=force_slug), role=ForceStaff.Role.CUSTODY_INSPECTOR
    )
    return user


def make_suite(*, inspector=None, force_slug: str = "hertfordshire", **fields):
    from scrutiny.custody.models import Suite
    from volunteers.models import District, Force

    n = next(_numbers)
    values = {
        "name": f"Suite {n}",
        "address": "Comet Way, Hatfield AL10 9SJ",
        "district": District.objects.get(slug="welwyn-hatfield"),
        "force": Force.objects.get(slug=force_slug),
        "inspector": inspector.force_roles.get() if inspector else None,
    }
    values.update(fields)
    return Suite.objects.create(**values)


def make_visitor(*, joined_on: date | None = None, status=Membership.Status.ACTIVE, **fields):
    """An Independent Custody Visitor who signs in; returns their person record."""
    user = make_user(email=fields.pop("email", None))
    person = make_volunteer(user=user, **fields)
    make_membership(
        person,
        scheme(SchemeSlug.INDEPENDENT_CUSTODY_VISITORS),
        status=status,
        joined_on=joined_on or date(2024, 1, 8),
    )
    return person


def make_allocation(*, suite, first, second, week: date, published: bool = True, **fields):
    from scrutiny.custody.models import Allocation, Rota
    from scrutiny.custody.rota import quarter_of

    plan, _ = Rota.objects.get_or_create(
        quarter=quarter_of(week),
        defaults={
            "planned_at": timezone.now(),
            "published_at": timezone.now() if published else None,
        },
    )
    return Allocation.objects.create(
        rota=plan,
        suite=suite,
        week_starting=week,
        first_visitor=first,
        second_visitor=second,
        **fields,
    )


def custody_answers(**concerns) -> dict:
    """Every check satisfactory, but those named: check code (dashes as underscores) -> the
    concern's note."""
    from scrutiny.custody.checklist import CUSTODY_CHECKLIST

    wanted = {code.replace("_", "-"): note for code, note in concerns.items()}
    return {
        check.code: (
            {"result": "concern", "note": wanted[check.code]}
            if check.code in wanted
            else {"result": "ok", "note": ""}
        )
        for _, check in CUSTODY_CHECKLIST.checks()
    }


def make_custody_report(allocation, *, concerns: dict | None = None, detainees=None, **details):
    """A report of the allocation's visit, filed through the service (so its concerns go to
    the force), arriving at 7 pm on the week's Tuesday."""
    import uuid
    from datetime import datetime, time

    from scrutiny.custody import services

    arrived = timezone.make_aware(
        datetime.combine(allocation.week_starting + timedelta(days=1), time(19))
    )
    detainees = (
        detainees
        if detainees is not None
        else [
            {
                "custody_number": "41/12345/26",
                "consented": True,
                "is_child": False,
                "is_vulnerable_adult": False,
                "held_under_terrorism_act": False,
            }
        ]
    )
    values = {
        "arrived_at": arrived,
        "left_at": arrived + timedelta(hours=1),
        "staff_seen": "PS Lee",
        "detainees_held": max(len(detainees), 3),
        "detainees_offered": len(detainees),
        "raised_at_the_time": "",
    }
    values.update(details)
    report, _ = services.submit_report(
        volunteer=allocation.first_visitor,
        allocation=allocation,
        submission_key=uuid.uuid4(),
        details=values,
        detainees=detainees,
        answers=custody_answers(**(concerns or {})),
        today=allocation.week_starting + timedelta(days=6),
    )
    return report


# --- Dog Welfare (scrutiny/dogwelfare) ----------------------------------------------------


def make_unit_manager(*, force_slug: str = "bedfordshire", phone="01234 841212", **fields):
    """A force's dog unit manager, who signs in (with MFA: `.mfa_secret`)."""
    from volunteers.models import Force, ForceStaff

    user = make_user(**fields)
    user.mfa_secret = give_mfa(user)
    ForceStaff.objects.create(
        user=user,
        force=Force.objects.get(slug=force_slug),
        role=ForceStaff.Role.DOG_UNIT_MANAGER,
        phone=phone,
    )
    return user


def make_dog(*, force_slug: str = "bedfordshire", unit=None, **fields):
    from scrutiny.dogwelfare.models import Dog, DogUnit
    from volunteers.models import Force

    force = Force.objects.get(slug=force_slug)
    if unit is None:
        unit, _ = DogUnit.objects.get_or_create(force=force, name=f"{force} Dog Unit")
    n = next(_numbers)
    values = {
        "name": f"Rex{n}",
        "force": force,
        "unit": unit,
        "collar_number": str(1000 + n),
        "breed": "German Shepherd",
        "role": "general-purpose",
    }
    values.update(fields)
    return Dog.objects.create(**values)


def make_dog_visitor(**fields):
    """A Dog Welfare visitor who signs in; returns their person record."""
    user = make_user(email=fields.pop("email", None))
    person = make_volunteer(user=user, **fields)
    make_membership(person, scheme(SchemeSlug.DOG_WELFARE))
    return person


def make_dog_assignment(*, dog=None, visitor=None, partner=None, period=None):
    from scrutiny.dogwelfare.models import Assignment
    from scrutiny.dogwelfare.periods import period_end, period_of

    period = period or period_of(timezone.localdate())
    return Assignment.objects.create(
        dog=dog or make_dog(),
        period=period,
        visitor=visitor or make_dog_visitor(),
        partner=partner,
        due_by=period_end(period),
    )


def dog_answers(**concerns) -> dict:
    from scrutiny.dogwelfare.checklist import DOG_CHECKLIST

    wanted = {code.replace("_", "-"): note for code, note in concerns.items()}
    return {
        check.code: (
            {"result": "concern", "note": wanted[check.code]}
            if check.code in wanted
            else {"result": "ok", "note": ""}
        )
        for _, check in DOG_CHECKLIST.checks()
    }


def make_dog_visit(assignment, *, concerns=None, visited_on=None, **details):
    import uuid

    from scrutiny.dogwelfare import services

    values = {
        "visited_on": visited_on or timezone.localdate(),
        "kennel_seen": "home",
        "notes": "",
        "is_serious": False,
        "phoned_manager": False,
    }
    values.update(details)
    visit, _ = services.submit_visit(
        visitor=assignment.visitor,
        assignment=assignment,
        submission_key=uuid.uuid4(),
        details=values,
        answers=dog_answers(**(concerns or {})),
    )
    return visit
