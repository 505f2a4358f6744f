"""Diversity data: only with the named permission, every look audited, small groups hidden."""

import pytest
from django.urls import reverse

from tests import factories as f
from volunteers import disclosure, services
from volunteers.models import AuditEvent, DiversityProfile, Volunteer

pytestmark = pytest.mark.django_db


def test_a_small_group_cannot_be_worked_out_from_the_total():
    """Finding 6 of the security issue: 24 people, "Yes" hidden and the rest shown gave
    "Yes" away as 24 less the rest. The next smallest group is hidden with it."""
    rows = services.suppress_small_groups({"Yes": 3, "No": 14, "Not answered": 7, "Other": 0})
    assert [(r["label"], r["shown"], r["count"]) for r in rows] == [
        ("Yes", "hidden", None),
        ("No", "14", 14),
        ("Not answered", "hidden", None),
        ("Other", "0", 0),
    ]


@pytest.mark.parametrize("seed", range(40))
def test_no_table_gives_a_small_group_away(seed):
    """Whatever the counts, what is hidden is nothing, or two or more groups holding
    together at least the threshold, or every group, empty ones too."""
    import random

    rng = random.Random(seed)
    counts = {
        f"group {i}": rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 20]) for i in range(rng.randint(2, 7))
    }
    hidden = disclosure.hidden_groups(counts)
    assert all(counts[g] >= 5 or counts[g] == 0 or g in hidden for g in counts)
    everything = {g for g, n in counts.items() if n}
    assert (
        not hidden
        or hidden == everything
        or (len(hidden) >= 2 and sum(counts[g] for g in hidden) >= 5)
    )


def test_report_hides_small_groups_and_counts_the_unanswered(client_for, scheme_x, superuser):
    for i in range(9):
        person = f.make_volunteer()
        f.make_membership(person, scheme_x)
        if i < 6:
            DiversityProfile.objects.create(volunteer=person, sex="female")
        elif i < 8:
            DiversityProfile.objects.create(volunteer=person, sex="male")
    response = client_for("superuser").get(
        reverse("volunteers:diversity-report"), {"scheme": scheme_x.slug}
    )
    sex = next(s for s in response.context["sections"] if s["title"] == "Sex")
    shown = {row["label"]: row["shown"] for row in sex["rows"]}
    # 9 members in scheme X: 6 female, 2 male (hidden), 1 unanswered (hidden); the two
    # hidden hold 3 together, which 9 less 6 would show: so 6 is hidden too.
    assert shown == {
        "Female": "hidden",
        "Male": "hidden",
        "Prefer not to say": "0",
        "Not answered": "hidden",
    }
    assert "hidden" in response.content.decode()
    assert response.context["total"] == 9


def test_staff_need_the_named_permission(client_for, staff, volunteer):
    url = reverse("volunteers:person-diversity", args=[volunteer.volunteer.pk])
    assert client_for("staff").get(url).status_code == 403
    allowed = f.grant_diversity(staff)
    from django.test import Client

    client = Client()
    client.force_login(allowed)
    assert client.get(url).status_code == 200
    assert client.get(reverse("volunteers:diversity-report")).status_code == 200


def test_each_view_of_a_persons_answers_is_audited(client_for, volunteer, superuser):
    DiversityProfile.objects.create(volunteer=volunteer.volunteer, ethnicity="mixed")
    client = client_for("superuser")
    url = reverse("volunteers:person-diversity", args=[volunteer.volunteer.pk])
    response = client.get(url)
    assert "Mixed or Multiple ethnic groups" in response.content.decode()
    client.get(url)
    views = AuditEvent.objects.filter(volunteer=volunteer.volunteer, action="viewed_diversity")
    assert views.count() == 2
    assert views.first().actor == superuser


def test_coordinator_sees_no_diversity_link_or_data(client_for, volunteer):
    DiversityProfile.objects.create(volunteer=volunteer.volunteer, religion="sikh")
    page = (
        client_for("coordinator_x")
        .get(reverse("volunteers:person-detail", args=[volunteer.volunteer.pk]))
        .content.decode()
    )
    assert "See diversity answers" not in page
    assert "Sikh" not in page


def test_volunteer_answers_or_declines_and_the_trail_keeps_no_answers(client_for, volunteer):
    client = client_for("volunteer")
    response = client.post(
        reverse("volunteers:portal-diversity"),
        {"sex": "prefer_not_to_say", "ethnicity": "asian", "religion": "hindu"},
    )
    assert response.status_code == 302
    profile = DiversityProfile.objects.get(volunteer__user=volunteer)
    assert (profile.sex, profile.ethnicity, profile.disability) == (
        "prefer_not_to_say",
        "asian",
        "",
    )
    event = AuditEvent.objects.get(volunteer=profile.volunteer)
    assert event.summary == "Updated their diversity answers"
    assert "asian" not in str(event.changes) and "hindu" not in event.summary


def test_diversity_breakdown_counts_people_without_a_profile_as_not_answered(scheme_x):
    for _ in range(6):
        f.make_membership(f.make_volunteer(), scheme_x)
    sections = services.diversity_breakdown(Volunteer.objects.all())
    disability = next(s for s in sections if s["title"].startswith("Disabled"))
    assert {r["label"]: r["shown"] for r in disability["rows"]}["Not answered"] == "6"


def test_age_bands_come_from_dates_of_birth():
    from datetime import date

    today = date(2026, 11, 22)
    for born in [date(2008, 11, 23), date(2008, 11, 22), date(1961, 11, 22), date(1961, 11, 23)]:
        f.make_volunteer(date_of_birth=born)
    bands = services.age_breakdown(Volunteer.objects.all(), today=today)
    # 17 (a day short of 18), 18 today, 65 today, 64 (a day short of 65)
    assert (bands["Under 18"], bands["18 to 24"], bands["55 to 64"], bands["65 and over"]) == (
        1,
        1,
        1,
        1,
    )
    assert sum(bands.values()) == 4


def test_a_group_hidden_before_stays_hidden_and_protected_even_when_empty():
    # Hidden at an earlier stage, the group now holds none: showing the others would say so.
    assert disclosure.hidden_groups({"a": 10, "b": 0, "c": 7}, already={"b"}) == {"b", "c"}
    # Nothing left to hide it behind: the whole table is hidden.
    assert disclosure.hidden_groups({"a": 10, "b": 0}, already={"b"}) == {"a", "b"}
    assert disclosure.hidden_groups({"a": 10, "b": 6}) == set()
