"""A person's staff page shows a coordinator only the parts that belong to the schemes they
coordinate (finding 2 of the security issue), and what a person gives anonymously is never
linked to them (finding 1). The rule is volunteers.ownership and permissions.may_see_part_of."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse

from careers import attendance, feedback
from esp import services as esp
from tests import factories as f
from tests.pages import text_of
from volunteers import ownership, panels
from volunteers.models import AuditEvent, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_person(volunteer, scheme_y, coordinator_x, today):
    """The Special (scheme X) who also leads cadets (scheme Y), with Specials-only records:
    a sickness leave and an employer."""
    person = volunteer.volunteer
    f.make_membership(person, scheme_y, role="leader")
    attendance.record_leave(
        actor=coordinator_x, volunteer=person, kind="sickness", starts_on=today - timedelta(days=3)
    )
    esp.link(
        actor=volunteer,
        volunteer=person,
        employer=f.make_employer(status="active"),
        shares_hours=False,
    )
    return person


def test_a_coordinator_of_another_scheme_sees_only_the_shared_record_and_their_scheme(
    client_for, shared_person, coordinator_y
):
    url = reverse("volunteers:person-detail", args=[shared_person.pk])
    other = text_of(client_for("coordinator_y").get(url))
    assert "Siân" in other and "Volunteer Police Cadets" in other  # their own scheme's row
    assert "Sickness" not in other and "Leave of absence" not in other
    assert "Hatfield Hardware" not in other and "Employer" not in other
    assert "Service record" not in other

    own = text_of(client_for("coordinator_x").get(url))
    assert "Sickness" in own and "Hatfield Hardware" in own
    opcc = text_of(client_for("staff").get(url))
    assert "Sickness" in opcc and "Hatfield Hardware" in opcc


def test_history_lines_carry_the_scheme_their_record_belongs_to(shared_person, coordinator_y):
    lines = AuditEvent.objects.for_volunteer(shared_person)
    schemes = {line.record_type: line.scheme for line in lines}
    assert schemes["leave of absence"] == "special-constabulary"
    assert schemes["employer link"] == "employer-supported-policing"
    seen = {line.record_type for line in lines.seen_by(coordinator_y)}
    assert "leave of absence" not in seen and "employer link" not in seen


def test_every_panel_names_the_schemes_whose_coordinators_see_it():
    for panel in panels.PANELS:
        assert isinstance(panel.schemes, tuple), panel.key
    owned = {panel.key: panel.schemes for panel in panels.PANELS}
    assert owned["careers.service-record"] == ("special-constabulary",)


def test_every_record_about_a_person_says_which_scheme_it_belongs_to():
    """A new scheme app's model about a person must belong somewhere: its app declares a
    scheme, the model has a scheme, or it says it is part of the shared person record."""
    undeclared = []
    for model in apps.get_models():
        about_a_person = model is Volunteer or any(
            getattr(field, "related_model", None) is Volunteer and field.concrete
            for field in model._meta.get_fields()
        )
        if not about_a_person or model is AuditEvent:
            continue
        has_scheme_fk = any(
            field.name == "scheme" and field.is_relation for field in model._meta.concrete_fields
        )
        app_scheme = getattr(apps.get_app_config(model._meta.app_label), "scheme", None)
        if not (hasattr(model, "owning_scheme") or has_scheme_fk or app_scheme):
            undeclared.append(model._meta.label)
    assert undeclared == []


def test_a_hidden_name_is_never_linked_to_its_suggestion(client_for, volunteer, coordinator_x):
    author = volunteer.volunteer
    hidden = feedback.submit(
        volunteer=author, title="Brief night shifts earlier", body="At 20:45.", hide_name=True
    )
    feedback.answer(actor=coordinator_x, suggestion=hidden, status="answered", answer="Noted.")
    lines = AuditEvent.objects.filter(record_type="suggestion", record_id=str(hidden.pk))
    assert lines.count() == 2
    assert not lines.filter(volunteer=author).exists()
    assert not lines.filter(actor=volunteer).exists()
    assert lines.get(actor=coordinator_x)  # who answered is still on the trail

    page = text_of(
        client_for("coordinator_x").get(reverse("volunteers:person-detail", args=[author.pk]))
    )
    assert "Brief night shifts earlier" not in page and "suggestion" not in page.lower()

    named = feedback.submit(volunteer=author, title="More radios", body="Two.", hide_name=False)
    assert AuditEvent.objects.get(record_id=str(named.pk), record_type="suggestion").volunteer == (
        author
    )


def test_the_rule_reads_the_declarations(shared_person):
    membership = shared_person.memberships.get(role="leader")
    assert ownership.scheme_of(membership) == "volunteer-police-cadets"
    assert ownership.scheme_of(shared_person) == ownership.SHARED
    assert ownership.scheme_of(None) == ownership.SHARED
