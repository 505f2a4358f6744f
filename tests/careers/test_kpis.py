"""The Special Constabulary's KPIs on known data, small groups hidden."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from careers import services
from careers.models import Pathway, PathwayApplication, Posting, Step, Team
from schemes.kpi_registry import rollup
from schemes.models import KpiSnapshot
from tests import factories as f
from volunteers.models import DiversityProfile

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def value(kpi, group=""):
    return KpiSnapshot.objects.get(
        kpi=kpi, period=timezone.localdate().replace(day=1), group=group, district=None
    ).value


def test_headcount_with_the_home_office_cuts_and_small_groups_hidden(scheme_x, this_month):
    joined = this_month - timedelta(days=60)
    for i in range(7):
        special = f.make_volunteer()
        f.make_membership(special, scheme_x, joined_on=joined)
        DiversityProfile.objects.create(
            volunteer=special,
            sex="female" if i < 5 else "male",
            ethnicity="white" if i < 4 else "black",
        )
    rollup()
    assert value("specials_headcount") == 7
    assert value("specials_headcount", "male") is None  # 2 people: hidden
    assert value("specials_headcount", "female") is None  # or 7 less 5 would give them away
    assert value("specials_headcount", "minority") is None  # 3 people: hidden
    assert value("specials_headcount", "white") is None  # 4 people: hidden
    assert value("specials_joiners") == 0


def test_hours_share_meeting_the_minimum_and_independent_patrol(
    scheme_x, coordinator_x, volunteer, this_month
):
    met, short = volunteer.volunteer, f.make_volunteer()
    f.make_membership(short, scheme_x)
    for person in (met, short):
        membership = person.memberships.get()
        membership.joined_on = date(2022, 1, 1)
        membership.save()
    today = timezone.localdate()
    f.make_hours(
        met, scheme_x, worked_on=this_month, status="approved", hours=Decimal("16"), kind="duty"
    )
    f.make_hours(
        short, scheme_x, worked_on=this_month, status="approved", hours=Decimal("4"), kind="duty"
    )
    for step in Step:
        services.sign_off(
            actor=coordinator_x, volunteer=met, step=step, signed_off_on=today, evidence="Seen"
        )
    rollup()
    assert value("specials_hours") == Decimal("20")
    assert value("specials_meeting_minimum") == Decimal("50.0")
    assert value("specials_independent_patrol") == 1


def test_pathway_postings_by_team(volunteer, coordinator_x, this_month):
    special = volunteer.volunteer
    team = Team.objects.get(slug="cyber-crime")
    posting = Posting.objects.create(volunteer=special, team=team, starts_on=this_month)
    PathwayApplication.objects.create(
        volunteer=special,
        pathway=Pathway.objects.get(slug="cyber-crime"),
        statement="Keen",
        status="accepted",
        posting=posting,
    )
    Posting.objects.create(  # an ordinary posting, not from a pathway
        volunteer=f.make_volunteer(), team=team, starts_on=this_month
    )
    rollup()
    assert value("specials_pathway_postings") == 1
    assert value("specials_pathway_postings", "cyber-crime") == 1
    assert value("specials_pathway_postings", "road-policing") == 0
