"""The custody visits rota: planned in pairs at each suite's frequency, new visitors with
experienced ones, never the same pair twice running where others can go, and never a
slot anyone can see or book but the pair allocated."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from schemes.models import Duty
from scrutiny.custody import rota, services
from scrutiny.custody.models import Allocation, Availability
from tests import factories as f

QUARTER = date(2027, 1, 1)


def _visitors(count, *, new=()):
    return [
        rota.Visitor(key=n, name=f"Visitor {n:02}", is_new=n in new, most_visits=4)
        for n in range(1, count + 1)
    ]


def test_a_generated_quarter_pairs_every_visit_at_each_suites_frequency():
    suites = [rota.SuiteToVisit(1, 1), rota.SuiteToVisit(2, 2), rota.SuiteToVisit(3, 4)]
    visitors = _visitors(16, new={3, 9})
    visits, gaps = rota.plan(quarter=QUARTER, suites=suites, visitors=visitors)

    weeks = rota.weeks_of(QUARTER)
    assert len(weeks) == 13 and weeks[0] == date(2027, 1, 4)  # the Mondays in the quarter
    assert gaps == []
    per_suite = {s.key: [v.week for v in visits if v.suite == s.key] for s in suites}
    # Each suite at least once in each whole stretch of its frequency, evenly spaced (the
    # suites staggered, so they do not all fall in the same weeks).
    assert len(per_suite[1]) == 13
    assert len(per_suite[2]) == 6 and per_suite[2][0] == weeks[1]
    assert len(per_suite[3]) == 3 and per_suite[3][0] == weeks[2]
    for suite in suites:
        found = per_suite[suite.key]
        gaps = {b - a for a, b in zip(found, found[1:], strict=False)}
        assert gaps == {timedelta(weeks=suite.every)}
    for visit in visits:
        assert visit.first != visit.second
    for week in weeks:
        out = [p for v in visits if v.week == week for p in (v.first, v.second)]
        assert len(out) == len(set(out)), f"someone visits twice in the week of {week}"


def test_new_visitors_go_only_with_experienced_ones_and_those_visits_are_training():
    visitors = _visitors(8, new={1, 2, 3})
    visits, _ = rota.plan(quarter=QUARTER, suites=[rota.SuiteToVisit(1, 1)], visitors=visitors)
    new = {1, 2, 3}
    with_new = [v for v in visits if {v.first, v.second} & new]
    assert with_new, "the new visitors are put on the rota"
    assert all(len({v.first, v.second} & new) == 1 for v in with_new)
    assert all(v.is_training for v in with_new)
    assert not any(v.is_training for v in visits if v not in with_new)


def test_the_same_pair_is_not_put_together_twice_running_where_someone_else_can_go():
    visits, _ = rota.plan(quarter=QUARTER, suites=[rota.SuiteToVisit(1, 1)], visitors=_visitors(6))
    last_partner = {}
    for visit in visits:
        assert last_partner.get(visit.first) != visit.second
        assert last_partner.get(visit.second) != visit.first
        last_partner[visit.first], last_partner[visit.second] = visit.second, visit.first


def test_the_work_is_shared_and_weeks_away_and_limits_are_kept():
    visitors = _visitors(10)
    visitors[0].weeks_away = set(rota.weeks_of(QUARTER)[:6])
    visitors[1].most_visits = 1
    visits, _ = rota.plan(quarter=QUARTER, suites=[rota.SuiteToVisit(1, 1)], visitors=visitors)
    load = {v.key: 0 for v in visitors}
    for visit in visits:
        load[visit.first] += 1
        load[visit.second] += 1
    assert not [v for v in visits if 1 in (v.first, v.second) and v.week in visitors[0].weeks_away]
    assert load[2] <= 1
    others = [n for k, n in load.items() if k not in (1, 2)]
    assert max(others) - min(others) <= 1  # 26 places among 10: two or three each


def test_too_few_free_visitors_leave_gaps_rather_than_a_lone_visitor():
    visitors = _visitors(3)
    visits, gaps = rota.plan(
        quarter=QUARTER,
        suites=[rota.SuiteToVisit(1, 1), rota.SuiteToVisit(2, 1)],
        visitors=visitors,
    )
    assert len(visits) + len(gaps) == 26
    assert gaps and all(v.first != v.second for v in visits)
    # Three people make at most one pair a week.
    assert len(visits) <= 13


@pytest.mark.django_db
@pytest.mark.date_sensitive
def test_planning_makes_no_duty_and_nobody_but_the_pair_sees_an_allocation(
    client_for, staff, today
):
    """The rota is never a published or bookable slot: planning and publishing make no
    duty, an unpublished visit is no one's to open, and a published one only the pair's."""
    inspector = f.make_inspector()
    f.make_suite(name="Hatfield custody suite", inspector=inspector)
    pair = [f.make_visitor(first_name=name) for name in ("Ann", "Bea", "Cal", "Dev")]
    quarter = rota.next_quarter(rota.quarter_of(today))
    plan = services.plan_rota(actor=staff, quarter=quarter, today=today)
    allocation = plan.allocations.select_related("first_visitor", "second_visitor").first()
    assert Duty.objects.count() == 0

    def opens(person, url):
        client = Client()
        client.force_login(person.user)
        return client.get(url).status_code

    url = reverse("custody:my-visit", args=[allocation.pk])
    mine = reverse("custody:my-visits")
    assert opens(allocation.first_visitor, url) == 404  # not published yet
    services.publish_rota(actor=staff, plan=plan)
    outsider = next(p for p in pair if p not in allocation.pair)
    assert opens(allocation.first_visitor, url) == 302  # theirs: its report once it begins
    assert opens(outsider, url) == 404
    week = f"the week of {allocation.week_starting:%-d %B %Y}"

    def listed(person):
        client = Client()
        client.force_login(person.user)
        return week in client.get(mine).content.decode()

    assert listed(allocation.first_visitor) and listed(allocation.second_visitor)
    others = Allocation.objects.of(outsider).filter(week_starting=allocation.week_starting)
    assert listed(outsider) == others.exists()
    # The force and the public see no allocation, and nothing names the week.
    inspector_client = client_for("staff")
    inspector_client.force_login(inspector)
    assert inspector_client.get(url).status_code == 403
    force_page = inspector_client.get(reverse("custody:force-home")).content.decode()
    assert "week of" not in force_page and "0 reports" in force_page
    anonymous = Client()
    assert anonymous.get(url).status_code == 302
    for public in (reverse("volunteers:home"), reverse("schemes:roles")):
        assert "Hatfield custody suite" not in anonymous.get(public).content.decode()


@pytest.mark.django_db
@pytest.mark.date_sensitive
def test_publishing_tells_each_visitor_only_their_own_visits(staff, today):
    from volunteers.models import Notification

    f.make_suite(name="Stevenage custody suite", visit_every=1)
    people = [f.make_visitor(first_name=name) for name in ("Ann", "Bea", "Cal", "Dev")]
    quarter = rota.next_quarter(rota.quarter_of(today))
    plan = services.publish_rota(
        actor=staff, plan=services.plan_rota(actor=staff, quarter=quarter, today=today)
    )
    for person in people:
        notes = Notification.objects.filter(to=person.email, kind="custody_rota")
        assert notes.count() == 1
        mine = Allocation.objects.of(person).filter(rota=plan)
        body = notes.get().body_text
        assert body.count("Stevenage custody suite, with") == mine.count()
    services.publish_rota(actor=staff, plan=plan)
    assert Notification.objects.filter(kind="custody_rota").count() == 4  # once


@pytest.mark.django_db
@pytest.mark.date_sensitive
def test_availability_shapes_the_plan_and_a_published_quarter_is_not_planned_again(staff, today):
    from django.core.exceptions import ValidationError

    f.make_suite(visit_every=1)
    people = [f.make_visitor() for _ in range(4)]
    quarter = rota.next_quarter(rota.quarter_of(today))
    away = rota.weeks_of(quarter)[:4]
    services.save_availability(volunteer=people[0], quarter=quarter, weeks_away=away, most_visits=2)
    plan = services.plan_rota(actor=staff, quarter=quarter, today=today)
    theirs = Allocation.objects.of(people[0]).filter(rota=plan)
    assert 0 < theirs.count() <= 2
    assert not theirs.filter(week_starting__in=away).exists()
    assert Availability.objects.get(volunteer=people[0]).weeks_away == [w.isoformat() for w in away]
    services.publish_rota(actor=staff, plan=plan)
    with pytest.raises(ValidationError, match="published"):
        services.plan_rota(actor=staff, quarter=quarter, today=today)


@pytest.mark.django_db
@pytest.mark.date_sensitive
def test_a_swap_the_manager_agrees_changes_the_pair_and_tells_them(staff, today):
    suite = f.make_suite()
    ann, bea, cal = (f.make_visitor(first_name=n) for n in ("Ann", "Bea", "Cal"))
    week = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    allocation = f.make_allocation(suite=suite, first=ann, second=bea, week=week)
    swap = services.ask_swap(volunteer=ann, allocation=allocation, colleague=cal, reason="Away")
    services.decide_swap(actor=staff, swap=swap, agree=True)
    allocation.refresh_from_db()
    assert allocation.pair == (cal, bea)
    from volunteers.models import Notification

    assert set(Notification.objects.filter(kind="custody_rota").values_list("to", flat=True)) == {
        ann.email,
        cal.email,
    }


@pytest.mark.django_db
@pytest.mark.date_sensitive
def test_a_quarter_under_way_is_planned_from_this_week(staff, today):
    f.make_suite(visit_every=1)
    for _ in range(4):
        f.make_visitor()
    plan = services.plan_rota(actor=staff, quarter=rota.quarter_of(today), today=today)
    this_monday = today - timedelta(days=today.weekday())
    assert not plan.allocations.filter(week_starting__lt=this_monday).exists()
    assert plan.allocations.exists() == (rota.weeks_of(rota.quarter_of(today))[-1] >= this_monday)
