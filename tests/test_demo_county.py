"""The demo county `make run` shows: every scheme and district, histories that add up, the
demo sign-ins, and safe to build twice.

`seed_demo` is the slowest thing the suite does, so this module builds one county of 150
people for all its tests (inside a transaction rolled back at the end, each test in a
savepoint of its own), instead of one per test.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from careers.models import Posting, ServiceRecord
from esp.models import Employer, EmployerAccount, EmployerLink
from schemes.kpis import active_people
from schemes.models import Duty, HoursEntry, KpiSnapshot, Signup
from tests import factories as f
from tests.clock import travel_to_start
from tests.pages import text_of
from volunteers import catalogue
from volunteers.catalogue import SchemeSlug
from volunteers.demo import DEMO_PASSWORD
from volunteers.models import Membership, Scheme, User, Volunteer

PEOPLE = 150


@pytest.fixture(scope="module")
def demo_county(request, django_db_setup, django_db_blocker):
    """What seed_demo printed; the county stays for the module's tests."""
    with django_db_blocker.unblock(), travel_to_start(request.config), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", volunteers=PEOPLE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_county")]


def test_seed_builds_people_in_every_scheme_and_district_and_is_safe_twice(demo_county):
    def counts():
        models = [Volunteer, Membership, Duty, Signup, HoursEntry, ServiceRecord, Employer]
        return {model.__name__: model.objects.count() for model in models}

    before = counts()
    people = before["Volunteer"]
    assert people >= PEOPLE
    assert Volunteer.objects.values("district").distinct().count() == 10
    for scheme in Scheme.objects.all():
        assert Membership.objects.filter(scheme=scheme, role="coordinator").exists(), scheme
    assert "opcc@demo.cip.example" in demo_county

    again = StringIO()
    call_command("seed_demo", volunteers=PEOPLE, stdout=again)
    assert counts() == before  # every step is safe to run twice
    assert "already in the database" in again.getvalue()


def test_demo_sign_ins_work(client, settings):
    settings.REQUIRE_STAFF_MFA = False
    response = client.post(
        reverse("account_login"),
        {"login": "coordinator.special-constabulary@demo.cip.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    people = client.get(reverse("volunteers:people-list"))
    assert people.status_code == 200
    assert people.context["page"].paginator.count > 0
    client.logout()
    client.post(
        reverse("account_login"), {"login": "cadet@demo.cip.example", "password": DEMO_PASSWORD}
    )
    page = client.get(reverse("volunteers:portal")).content.decode()
    assert "Hello, Zoë" in page and "Volunteer Police Cadets" in page
    assert User.objects.get(email="opcc@demo.cip.example").has_perm(
        "volunteers.view_diversity_data"
    )


def test_demo_duties_keep_their_counts_true_and_the_demo_volunteer_has_bookings():
    duties = Duty.objects.annotate(
        taken=Count("signups", filter=Q(signups__status__in=Signup.PLACE_STATUSES))
    )
    assert duties.count() > 50
    assert all(d.booked_count == d.taken <= d.places for d in duties)
    assert HoursEntry.objects.filter(status="pending").exists()
    assert (
        Signup.objects.filter(
            volunteer__email="volunteer@demo.cip.example", status="booked"
        ).count()
        >= 2
    )


def test_the_demo_county_has_specials_at_every_stage_and_the_demo_special_can_patrol_alone():
    records = ServiceRecord.objects.all()
    assert records.count() == catalogue.specials().count()
    assert records.filter(independent_patrol_on__isnull=False).exists()
    assert records.filter(independent_patrol_on__isnull=True).exists()  # still on the pathway
    demo = records.get(volunteer__email="volunteer@demo.cip.example")
    assert demo.has_independent_patrol
    assert Posting.objects.filter(volunteer=demo.volunteer, team__slug__startswith="npt-").exists()


def test_the_demo_county_has_employers_links_and_right_kpis(client_for, this_month):
    assert Employer.objects.filter(status="active").count() >= 25
    assert Employer.objects.exclude(possible_duplicate_of=None).count() == 1
    specials = active_people(this_month, scheme_slug=SchemeSlug.SPECIAL_CONSTABULARY)
    supported = (
        EmployerLink.objects.filter(
            ended_at=None, volunteer__in=specials, employer__status__in=["approved", "active"]
        )
        .values("volunteer")
        .distinct()
        .count()
    )
    share = KpiSnapshot.objects.get(
        kpi="esp_supported_share", period=this_month, group="", district=None
    ).value
    assert share == (Decimal(supported) * 100 / specials.count()).quantize(Decimal("0.1"))
    assert share > 0
    employer_user = EmployerAccount.objects.get(user__email="employer@demo.cip.example").user
    f.give_mfa(employer_user)
    client = client_for("anonymous")
    client.force_login(employer_user)
    page = text_of(client.get(reverse("esp:employer-home")))
    demo_special = Volunteer.objects.get(email="volunteer@demo.cip.example")
    assert "Hatfield Hardware Ltd" in page and demo_special.display_name in page


def test_the_demo_staff_hold_the_production_roles_and_nothing_by_hand():
    """The demo's OPCC member of staff has only the groups a real one would be given."""
    from volunteers.models import User

    staff = User.objects.get(email="opcc@demo.cip.example")
    assert staff.user_permissions.count() == 0
    assert set(staff.groups.values_list("name", flat=True)) == {
        "OPCC staff",
        "Diversity data readers",
    }
    assert staff.has_perm("volunteers.view_diversity_data")
    assert not staff.has_perm("volunteers.change_user")


def test_the_demo_sign_ins_list_every_persona_the_employer_included():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("demo_sign_ins", stdout=out)
    listed = out.getvalue()
    for email, what in [
        ("admin@demo.cip.example", "superuser"),
        ("opcc@demo.cip.example", "OPCC staff (all schemes, diversity data)"),
        ("coordinator.special-constabulary@demo.cip.example", "coordinator of Special"),
        ("volunteer@demo.cip.example", "volunteer: "),
        ("employer@demo.cip.example", "employer (Employer Supported Policing portal)"),
    ]:
        line = next(line for line in listed.splitlines() if email in line)
        assert what in line, line


# Where Hertfordshire's towns are (ONS local authority districts), written out here and not
# read from the demo, so a demo place in the wrong district fails.
TOWN_DISTRICTS = {
    "broxbourne": {"Broxbourne", "Cheshunt", "Hoddesdon", "Waltham Cross"},
    "dacorum": {"Hemel Hempstead", "Berkhamsted", "Tring", "Kings Langley"},
    "east-hertfordshire": {
        "Hertford",
        "Ware",
        "Bishop's Stortford",
        "Sawbridgeworth",
        "Buntingford",
    },  # fmt: skip
    "hertsmere": {"Borehamwood", "Elstree", "Radlett", "Potters Bar", "Bushey"},
    "north-hertfordshire": {
        "Hitchin",
        "Letchworth Garden City",
        "Royston",
        "Baldock",
        "Knebworth",
    },  # fmt: skip
    "st-albans": {"St Albans", "Harpenden", "London Colney", "Redbourn"},
    "stevenage": {"Stevenage"},
    "three-rivers": {"Rickmansworth", "Abbots Langley", "Chorleywood", "South Oxhey"},
    "watford": {"Watford"},
    "welwyn-hatfield": {"Welwyn Garden City", "Hatfield", "Welwyn"},
}


def test_every_person_and_employer_is_in_a_town_of_their_own_district():
    wrong = [
        f"{place.town} is not in {place.district}"
        for model in (Volunteer, Employer)
        for place in model.objects.exclude(district=None).select_related("district")
        if place.town not in TOWN_DISTRICTS[place.district.slug]
    ]
    assert wrong == []


def test_people_are_booked_only_at_their_own_districts_stations_and_units():
    from schemes.demo import DISTRICT_TOWNS, DUTY_TEMPLATES

    # A local duty's place names its district's town ("Cheshunt cadet unit"); the county's
    # shared places (custody suites, headquarters, the football ground) take anyone.
    local = {
        place.format(town=town): town
        for templates in DUTY_TEMPLATES.values()
        for _, _, place, *_ in templates
        if "{town}" in place
        for town in DISTRICT_TOWNS.values()
    }
    elsewhere = []
    for signup in Signup.objects.select_related("duty", "volunteer__district"):
        town = local.get(signup.duty.place)
        home = DISTRICT_TOWNS.get(getattr(signup.volunteer.district, "slug", ""))
        if town is not None and town != home:
            elsewhere.append(f"{signup.volunteer} ({home}) at {signup.duty.place}")
    assert elsewhere == []
    cadet = Volunteer.objects.get(email="cadet@demo.cip.example")
    places = Signup.objects.filter(volunteer=cadet).values_list("duty__place", flat=True)
    towns = {local[place] for place in places if place in local}
    assert len(towns) <= 1, places  # one cadet, one unit: all in the town of her district


def test_histories_add_up_joiners_through_the_year_and_no_one_joins_too_young(today):
    from volunteers.dates import months_up_to

    joined = Membership.objects.exclude(joined_on=None).select_related("volunteer", "scheme")
    too_young = [
        m for m in joined if m.scheme.min_age and m.volunteer.age(m.joined_on) < m.scheme.min_age
    ]
    assert too_young == []
    assert not joined.filter(joined_on__gt=today).exists()
    assert not Membership.objects.filter(left_on__lt=F("joined_on")).exists()
    last_year = set(months_up_to(today, 12))
    months_with_joiners = {
        m.joined_on.replace(day=1) for m in joined if m.joined_on.replace(day=1) in last_year
    }
    assert len(months_with_joiners) >= 8, sorted(months_with_joiners)


def test_specials_on_independent_patrol_have_the_training_it_needs(today):
    from careers.demo import INITIAL_LEARNING, KEPT_CURRENT

    needed = {INITIAL_LEARNING, *(name for name, _ in KEPT_CURRENT)}
    on_patrol = ServiceRecord.objects.exclude(independent_patrol_on=None)
    assert on_patrol.exists()
    for record in on_patrol.select_related("volunteer"):
        current = set(
            record.volunteer.training.filter(
                Q(expires_on=None) | Q(expires_on__gte=today)
            ).values_list("course__name", flat=True)
        )
        has = set(record.volunteer.training.values_list("course__name", flat=True))
        assert INITIAL_LEARNING in has, record.volunteer
        assert "Personal safety training" in current, record.volunteer
        assert needed <= has, record.volunteer


def test_the_cadets_have_units_everywhere_and_a_target_the_demo_can_reach(today):
    from schemes.models import KpiTarget

    cadets = active_people(today, scheme_slug=SchemeSlug.VOLUNTEER_POLICE_CADETS)
    assert cadets.count() >= 10
    assert cadets.values("district").distinct().count() >= 5
    target = KpiTarget.objects.get(kpi="cadets")
    assert cadets.count() < target.value <= cadets.count() * Decimal("1.3") + 5
    assert "demo county" in target.ambition


def test_every_volunteer_scheme_has_open_roles_and_applicants_at_every_stage(today):
    from schemes.models import Application, Opportunity, Stage

    open_roles = Opportunity.objects.open_on(today)
    # Employers join ESP through its own sign-up; every other scheme takes applications.
    volunteer_schemes = Scheme.objects.exclude(slug=SchemeSlug.EMPLOYER_SUPPORTED_POLICING)
    for scheme in volunteer_schemes:
        assert open_roles.filter(scheme=scheme).exists(), scheme
    waiting = Application.objects.filter(status="open")
    assert set(waiting.values_list("stage", flat=True)) == {stage.value for stage in Stage}
    assert Application.objects.filter(status="declined").exclude(reason="").exists()
    for application in Application.objects.select_related("volunteer", "opportunity__scheme"):
        youngest = application.opportunity.youngest or 16
        assert application.volunteer.age(application.created_at.date()) >= youngest
    # This year's joiners came through the pipeline: accepted the day they joined.
    accepted = Application.objects.filter(status="accepted").select_related("opportunity")
    assert accepted.exists()
    for application in accepted:
        joined = application.volunteer.memberships.get(
            scheme=application.opportunity.scheme, role="member"
        ).joined_on
        assert application.created_at < application.closed_at
        assert timezone.localtime(application.closed_at).date() <= joined


def test_psvs_are_placed_across_every_setting_and_esvs_record_activities(today):
    from schemes.psv.kpis import roles_in_use_on
    from schemes.psv.models import EsvActivity, Placement, PlacementHours, Setting
    from volunteers.dates import years_before

    placed = Placement.objects.values("role__setting").distinct().count()
    assert placed >= 30 and placed == Setting.objects.exclude(roles__service="both").count()
    # Everyone placed is a Police Support Volunteer, and no placement began before they joined.
    for placement in Placement.objects.select_related("volunteer"):
        joined = placement.volunteer.memberships.get(scheme__slug=catalogue.PSV).joined_on
        assert joined <= placement.starts_on <= today
    assert roles_in_use_on(today) > roles_in_use_on(years_before(today, 1)) > 0
    tied = PlacementHours.objects.select_related("entry", "placement")
    assert tied.exists()
    assert all(t.placement.starts_on <= t.entry.worked_on for t in tied)
    kinds = set(EsvActivity.objects.values_list("kind", flat=True))
    assert kinds == set(EsvActivity.Kind.values)
