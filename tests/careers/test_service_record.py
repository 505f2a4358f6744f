"""A Special's service record: rank, postings, the pathway to Independent Patrol Status,
and what that status opens up when booking duties."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careers import services
from careers.models import CompetenceSignOff, Posting, Rank, ServiceRecord, Step, Team
from schemes.services import booking
from tests import factories as f
from tests.pages import text_of
from volunteers.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]


def walk_to_independent_patrol(special, supervisor, *, on=None):
    day = on or timezone.localdate() - timedelta(days=30)
    for step in Step:
        services.sign_off(
            actor=supervisor, volunteer=special, step=step, signed_off_on=day, evidence="Seen"
        )


def test_steps_are_signed_off_in_order_and_the_last_gives_independent_patrol(
    volunteer,
    coordinator_x,
    today,
):
    special = volunteer.volunteer
    with pytest.raises(ValidationError) as error:
        services.sign_off(
            actor=coordinator_x,
            volunteer=special,
            step=Step.SUPERVISED_1,
            signed_off_on=today,
            evidence="Tutored shifts",
        )
    assert error.value.message_dict == {
        "step": ["“Initial training completed” has to be signed off first."]
    }
    services.sign_off(
        actor=coordinator_x,
        volunteer=special,
        step=Step.INITIAL_TRAINING,
        signed_off_on=today - timedelta(days=10),
        evidence="Passed the initial learning programme",
    )
    with pytest.raises(ValidationError) as error:
        services.sign_off(
            actor=coordinator_x,
            volunteer=special,
            step=Step.SUPERVISED_1,
            signed_off_on=today - timedelta(days=20),
            evidence="Tutored shifts",
        )
    assert "signed_off_on" in error.value.message_dict  # before the step it follows
    with pytest.raises(ValidationError):
        services.sign_off(
            actor=coordinator_x,
            volunteer=special,
            step=Step.SUPERVISED_1,
            signed_off_on=today + timedelta(days=1),
            evidence="Tutored shifts",
        )
    for step in [Step.SUPERVISED_1, Step.SUPERVISED_2, Step.INDEPENDENT_PATROL]:
        services.sign_off(
            actor=coordinator_x, volunteer=special, step=step, signed_off_on=today, evidence="Ok"
        )
    record = ServiceRecord.objects.get(volunteer=special)
    assert record.independent_patrol_on == today
    assert [row.sign_off is not None for row in services.progress(special)] == [True] * 4
    with pytest.raises(ValidationError) as error:
        services.sign_off(
            actor=coordinator_x,
            volunteer=special,
            step=Step.INDEPENDENT_PATROL,
            signed_off_on=today,
            evidence="Again",
        )
    assert "was signed off on" in error.value.messages[0]
    trail = AuditEvent.objects.filter(volunteer=special, summary__startswith="Signed off")
    assert trail.count() == 4 and trail.filter(actor=coordinator_x).count() == 4


def test_independent_patrol_duties_need_the_status_on_the_day(volunteer, coordinator_x, scheme_x):
    special = volunteer.volunteer
    duty = f.make_duty(scheme_x, requirement="independent_patrol")
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=special, duty=duty)
    assert "Independent Patrol Status" in error.value.messages[0]
    walk_to_independent_patrol(special, coordinator_x)
    assert booking.book_duty(volunteer=special, duty=duty).is_booked

    newcomer = f.make_volunteer()
    f.make_membership(newcomer, scheme_x)
    plain = f.make_duty(scheme_x)  # no requirement: supervised Specials book it freely
    assert booking.book_duty(volunteer=newcomer, duty=plain).is_booked


def test_rank_history_and_current_rank(volunteer, coordinator_x, today):
    special = volunteer.volunteer
    services.change_rank(
        actor=coordinator_x,
        volunteer=special,
        rank=Rank.SERGEANT,
        effective_on=today - timedelta(days=5),
        note="Promotion board",
    )
    assert ServiceRecord.objects.get(volunteer=special).rank == Rank.SERGEANT
    with pytest.raises(ValidationError) as error:
        services.change_rank(
            actor=coordinator_x, volunteer=special, rank=Rank.SERGEANT, effective_on=today
        )
    assert error.value.message_dict == {"rank": [services.SAME_RANK]}
    assert AuditEvent.objects.filter(
        volunteer=special, summary__contains="Special Constable → Special Sergeant"
    ).exists()


def test_postings_to_a_team_do_not_overlap_and_can_end(volunteer, coordinator_x, today):
    special = volunteer.volunteer
    team = Team.objects.get(slug="road-policing")
    posting = services.add_posting(
        actor=coordinator_x, volunteer=special, team=team, starts_on=today - timedelta(days=60)
    )
    with pytest.raises(ValidationError) as error:
        services.add_posting(actor=coordinator_x, volunteer=special, team=team, starts_on=today)
    assert "already posted to" in error.value.message_dict["team"][0]
    assert list(Posting.objects.current()) == [posting]
    services.end_posting(actor=coordinator_x, posting=posting, ends_on=today - timedelta(days=1))
    assert not Posting.objects.current().exists()
    assert Team.objects.filter(slug__startswith="npt-").count() == 10


def test_managers_filter_the_list_and_download_it(
    client_for, volunteer, coordinator_x, scheme_x, today
):
    walk_to_independent_patrol(volunteer.volunteer, coordinator_x)
    for _ in range(3):
        f.make_membership(f.make_volunteer(), scheme_x)
    client = client_for("coordinator_x")
    everyone = client.get(reverse("careers:specials"))
    assert "4 Specials" in text_of(everyone)
    with_status = client.get(reverse("careers:specials"), {"patrol": "yes"})
    assert "1 Special" in text_of(with_status) and "O'Brien" in text_of(with_status)
    without = text_of(client.get(reverse("careers:specials"), {"patrol": "no"}))
    assert "3 Specials" in without and "Working towards: Initial training completed" in without
    response = client.get(reverse("careers:specials-export"), {"patrol": "yes"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines()[1].startswith("Siân,O'Brien,sian.volunteer@example.org")
    assert str(today - timedelta(days=30)) in body


def test_the_list_costs_the_same_queries_for_more_specials(
    client_for,
    coordinator_x,
    scheme_x,
    django_assert_max_num_queries,
    today,
):
    client = client_for("coordinator_x")
    for _ in range(3):
        special = f.make_volunteer()
        f.make_membership(special, scheme_x)
        services.add_posting(
            actor=coordinator_x,
            volunteer=special,
            team=Team.objects.get(slug="intervention"),
            starts_on=today,
        )
    client.get(reverse("careers:specials"))
    with django_assert_max_num_queries(30) as few:
        small = client.get(reverse("careers:specials"))
    assert small.status_code == 200
    # Each Special's posting is on the page, besides the team filter's own option.
    assert "3 Specials" in text_of(small) and text_of(small).count("Intervention") == 1 + 3
    for _ in range(20):
        f.make_membership(f.make_volunteer(), scheme_x)
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = client.get(reverse("careers:specials"))
    assert large.status_code == 200 and "23 Specials" in text_of(large)


def test_a_bad_sign_off_keeps_what_was_typed_and_says_what_is_wrong(client_for, volunteer, today):
    special = volunteer.volunteer
    response = client_for("coordinator_x").post(
        reverse("careers:sign-off", args=[special.pk]),
        {
            "signoff-step": Step.SUPERVISED_2,
            "signoff-signed_off_on": str(today),
            "signoff-evidence": "Twelve tutored shifts",
        },
    )
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page and "has to be signed off first" in page
    assert "Twelve tutored shifts" in response.content.decode()
    assert not CompetenceSignOff.objects.exists()


def test_a_manager_signs_off_from_the_record_page(client_for, volunteer, today):
    special = volunteer.volunteer
    client = client_for("coordinator_x")
    response = client.post(
        reverse("careers:sign-off", args=[special.pk]),
        {
            "signoff-step": Step.INITIAL_TRAINING,
            "signoff-signed_off_on": str(today),
            "signoff-evidence": "Initial learning passed",
        },
        follow=True,
    )
    assert "Signed off: Initial training completed." in text_of(response)
    page = text_of(client.get(reverse("careers:special-detail", args=[special.pk])))
    assert "Supervised phase 1: tutored patrol: Working towards this now" in page


def test_the_special_sees_their_record_and_the_portal_panel(
    client_for, volunteer, coordinator_x, today
):
    special = volunteer.volunteer
    walk_to_independent_patrol(special, coordinator_x)
    services.add_posting(
        actor=coordinator_x,
        volunteer=special,
        team=Team.objects.get(slug="npt-stevenage"),
        starts_on=today,
    )
    client = client_for("volunteer")
    page = text_of(client.get(reverse("careers:my-service")))
    assert "Rank Special Constable" in page
    assert "Stevenage Neighbourhood Policing Team" in page
    assert "Independent Patrol Status: Signed off" in page
    home = text_of(client.get(reverse("volunteers:portal")))
    assert "Your service as a Special" in home and "Posted to Stevenage" in home


def test_only_the_special_constabularys_managers_get_the_menu_link(client_for, volunteer):
    link = f'href="{reverse("careers:specials")}"'
    assert link in client_for("coordinator_x").get(reverse("schemes:roster")).content.decode()
    assert link not in client_for("coordinator_y").get(reverse("schemes:roster")).content.decode()


def test_duty_form_offers_independent_patrol_and_copies_keep_it(client_for, scheme_x):
    client = client_for("coordinator_x")
    form = client.get(reverse("schemes:duty-create")).content.decode()
    assert '<option value="independent_patrol">Independent Patrol Status (Specials)</option>' in (
        form
    )
    duty = f.make_duty(scheme_x, requirement="independent_patrol")
    copy = client.get(reverse("schemes:duty-copy", args=[duty.pk])).content.decode()
    assert '<option value="independent_patrol" selected>' in copy
    detail = text_of(client.get(reverse("schemes:duty-detail", args=[duty.pk])))
    assert "Also needs Independent Patrol Status (Specials)" in detail
