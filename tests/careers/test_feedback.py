"""Specials' feedback to senior officers: names hidden from line managers on request,
answers e-mailed, and adopted suggestions shared on "you said, we did"."""

import pytest
from django.core import mail
from django.urls import reverse

from careers.models import Suggestion
from tests import factories as f
from tests.pages import text_of

pytestmark = pytest.mark.django_db


def test_a_special_sends_a_suggestion_with_their_name_hidden(client_for, volunteer):
    client = client_for("volunteer")
    missing = client.post(reverse("careers:feedback"), {"title": "", "body": "Earlier briefings"})
    assert "There is a problem" in text_of(missing) and "Earlier briefings" in text_of(missing)
    response = client.post(
        reverse("careers:feedback"),
        {
            "title": "Brief night-time economy shifts earlier",
            "body": "Briefings at 21:30 leave no time to kit up before the bars empty.",
            "hide_name": "on",
        },
        follow=True,
    )
    assert "your suggestion is with the Special Constabulary's senior officers" in text_of(response)
    suggestion = Suggestion.objects.get()
    assert suggestion.hide_name and suggestion.volunteer == volunteer.volunteer

    line_manager = text_of(client_for("coordinator_x").get(reverse("careers:suggestions")))
    assert "Name hidden from line managers" in line_manager and "O'Brien" not in line_manager
    senior = text_of(client_for("staff").get(reverse("careers:suggestions")))
    assert "Siân O'Brien" in senior


def test_an_adopted_suggestion_is_answered_and_shared_with_every_special(
    client_for, volunteer, coordinator_x, scheme_x, django_capture_on_commit_callbacks
):
    suggestion = Suggestion.objects.create(
        volunteer=volunteer.volunteer,
        title="Brief night-time economy shifts earlier",
        body="Briefings at 21:30 leave no time.",
    )
    client = client_for("coordinator_x")
    url = reverse("careers:answer", args=[suggestion.pk])
    no_we_did = client.post(url, {"status": "adopted", "answer": "Good idea"})
    assert "Say what was done" in text_of(no_we_did)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "status": "adopted",
                "answer": "Good idea: we have moved them.",
                "we_did": "Night-time economy briefings now start at 20:45.",
            },
        )
    suggestion.refresh_from_db()
    assert suggestion.status == "adopted" and suggestion.answered_by == coordinator_x
    assert mail.outbox[-1].to == [volunteer.volunteer.email]
    assert "Good idea: we have moved them." in mail.outbox[-1].body

    another = f.make_user(email="another.special@example.org")
    f.make_membership(f.make_volunteer(user=another), scheme_x)
    page = client_for("volunteer")
    page.force_login(another)
    shared = text_of(page.get(reverse("careers:you-said-we-did")))
    assert "Brief night-time economy shifts earlier" in shared
    assert "We did: Night-time economy briefings now start at 20:45." in shared
    assert "O'Brien" not in shared  # no names on the shared page
