"""A person's place in a scheme moves applied -> vetting -> training -> active -> paused -> left."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests import factories as f
from tests.pages import text_of
from volunteers import services
from volunteers.catalogue import SchemeSlug
from volunteers.models import AuditEvent, Membership

pytestmark = pytest.mark.django_db
Status = Membership.Status


def test_full_lifecycle_sets_dates_and_audits_each_step(scheme_x, staff):
    person = f.make_volunteer()
    membership = services.add_membership(
        actor=staff, volunteer=person, scheme=scheme_x, today=date(2026, 1, 5)
    )
    assert membership.status == Status.APPLIED
    steps = [
        (Status.VETTING, date(2026, 1, 10)),
        (Status.TRAINING, date(2026, 3, 1)),
        (Status.ACTIVE, date(2026, 5, 1)),
        (Status.PAUSED, date(2026, 7, 1)),
        (Status.ACTIVE, date(2026, 9, 1)),
        (Status.LEFT, date(2026, 10, 1)),
    ]
    for status, day in steps:
        membership = services.change_membership_status(
            actor=staff, membership=membership, status=status, today=day
        )
    assert membership.joined_on == date(2026, 5, 1)  # the first time they became active
    assert membership.left_on == date(2026, 10, 1)
    assert membership.status_changed_by == staff

    membership = services.change_membership_status(
        actor=staff,
        membership=membership,
        status=Status.APPLIED,
        reason="Rejoining",
        today=date(2026, 11, 1),
    )
    assert membership.left_on is None
    assert membership.applied_on == date(2026, 11, 1)
    trail = AuditEvent.objects.filter(volunteer=person, action="status_changed")
    assert trail.count() == len(steps) + 1
    assert trail.first().summary == "Special Constabulary: Left → Applied (Rejoining)"


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.TRAINING, Status.VETTING),
        (Status.APPLIED, Status.PAUSED),
        (Status.LEFT, Status.ACTIVE),
        (Status.ACTIVE, Status.TRAINING),
    ],
)
def test_moves_outside_the_lifecycle_are_refused(scheme_x, staff, start, target):
    membership = f.make_membership(
        f.make_volunteer(),
        scheme_x,
        status=start,
        left_on=date(2026, 1, 1) if start == Status.LEFT else None,
    )
    with pytest.raises(ValidationError) as error:
        services.change_membership_status(actor=staff, membership=membership, status=target)
    assert f"cannot move from {start.label.lower()} to {target.label.lower()}" in str(error.value)
    membership.refresh_from_db()
    assert membership.status == start


def test_status_change_emails_the_person_after_commit(
    scheme_x, staff, django_capture_on_commit_callbacks
):
    person = f.make_volunteer(first_name="Zoë", email="zoe@example.org")
    membership = f.make_membership(person, scheme_x, status=Status.TRAINING)
    with django_capture_on_commit_callbacks(execute=True):
        services.change_membership_status(actor=staff, membership=membership, status=Status.ACTIVE)
        assert mail.outbox == []  # nothing leaves before the change is committed
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zoe@example.org"]
    assert "Special Constabulary membership is now active" in message.subject
    assert "Welcome aboard" in message.body
    assert message.alternatives[0].mimetype == "text/html"


def test_coordinator_moves_a_member_on_from_the_person_page(client_for, volunteer):
    membership = volunteer.volunteer.memberships.get()
    client = client_for("coordinator_x")
    response = client.post(
        reverse("volunteers:membership-status", args=[membership.pk]),
        {f"m{membership.pk}-status": "paused", f"m{membership.pk}-reason": "Studying"},
        follow=True,
    )
    membership.refresh_from_db()
    assert membership.status == Status.PAUSED
    assert membership.status_reason == "Studying"
    assert "is now paused in Special Constabulary. We have e-mailed them." in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_coordinator_cannot_change_a_membership_in_a_scheme_they_do_not_run(
    client_for, volunteer, scheme_y
):
    # The Special is also a cadet leader: coordinator Y sees them, but not their Specials
    # membership, so asking for it answers 404 and nothing changes.
    other = f.make_membership(volunteer.volunteer, scheme_y, role="leader")
    specials = volunteer.volunteer.memberships.get(scheme__slug=SchemeSlug.SPECIAL_CONSTABULARY)
    client = client_for("coordinator_y")
    assert (
        client.get(reverse("volunteers:person-detail", args=[volunteer.volunteer.pk])).status_code
        == 200
    )
    response = client.post(
        reverse("volunteers:membership-status", args=[specials.pk]),
        {f"m{specials.pk}-status": "left"},
    )
    assert response.status_code == 404
    specials.refresh_from_db()
    assert specials.status == Status.ACTIVE
    response = client.post(
        reverse("volunteers:membership-status", args=[other.pk]),
        {f"m{other.pk}-status": "paused"},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == Status.PAUSED


def test_volunteer_cannot_change_their_own_membership(client_for, volunteer):
    membership = volunteer.volunteer.memberships.get()
    response = client_for("volunteer").post(
        reverse("volunteers:membership-status", args=[membership.pk]),
        {f"m{membership.pk}-status": "left"},
    )
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == Status.ACTIVE


def test_adding_someone_to_a_scheme_twice_says_so(client_for, volunteer, scheme_x):
    client = client_for("coordinator_x")
    url = reverse("volunteers:membership-add", args=[volunteer.volunteer.pk])
    response = client.post(
        url, {"scheme": scheme_x.pk, "role": "member", "status": "applied"}, follow=True
    )
    assert "already has that role in Special Constabulary" in response.content.decode()
    assert volunteer.volunteer.memberships.count() == 1


def test_coordinator_can_only_add_people_to_their_own_schemes(client_for, scheme_y):
    person = f.make_volunteer()
    f.make_membership(person, f.scheme(SchemeSlug.SPECIAL_CONSTABULARY), status=Status.APPLIED)
    client = client_for("coordinator_x")
    url = reverse("volunteers:membership-add", args=[person.pk])
    client.post(url, {"scheme": scheme_y.pk, "role": "member", "status": "applied"})
    assert not person.memberships.filter(scheme=scheme_y).exists()
    client.post(
        url,
        {
            "scheme": f.scheme(SchemeSlug.SPECIAL_CONSTABULARY).pk,
            "role": "leader",
            "status": "active",
        },
    )
    assert person.memberships.filter(role="leader", status="active").exists()


def test_a_person_who_joined_left_and_applied_again_reads_in_order(client_for, scheme_x):
    person = f.make_volunteer(first_name="Ola", last_name="Again")
    membership = f.make_membership(
        person,
        scheme_x,
        status=Membership.Status.APPLIED,
        applied_on=date(2026, 11, 25),
        joined_on=date(2025, 10, 21),
    )
    assert [words for words, _ in membership.milestones] == ["Joined", "Applied again"]
    page = text_of(client_for("coordinator_x").get(person.get_absolute_url()))
    assert "Joined 21 October 2025 Applied again 25 November 2026" in page
    first = f.make_membership(
        f.make_volunteer(), scheme_x, applied_on=date(2025, 9, 1), joined_on=date(2025, 10, 1)
    )
    assert [words for words, _ in first.milestones] == ["Applied", "Joined"]
