"""Booking a duty: places, the waiting list, overlaps, eligibility on the day, cut-offs."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from schemes import eligibility
from schemes.models import Duty, Signup
from schemes.services import booking
from tests import factories as f
from tests.pages import text_of
from volunteers.models import Notification

pytestmark = [pytest.mark.django_db, pytest.mark.date_sensitive]
Status = Signup.Status


def member(scheme_obj, **fields):
    person = f.make_volunteer(**fields)
    f.make_membership(person, scheme_obj)
    return person


def messages_of(error) -> list[str]:
    return error.value.messages


def test_booking_takes_a_place_and_emails_a_confirmation(
    duty_x, scheme_x, django_capture_on_commit_callbacks
):
    person = member(scheme_x, email="book.me@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        result = booking.book_duty(volunteer=person, duty=duty_x)
        assert mail.outbox == []  # queued with the booking, sent only once it is committed
        assert Notification.objects.get().kind == "bookings"
    duty_x.refresh_from_db()
    assert result.is_booked and duty_x.booked_count == 1
    assert [m.to for m in mail.outbox] == [["book.me@example.org"]]
    assert mail.outbox[0].subject.startswith(
        "Citizens in Policing Hub: You are booked: Town centre"
    )


def test_a_full_duty_offers_the_waiting_list(scheme_x):
    duty = f.make_duty(scheme_x, min_people=1, places=1)
    booking.book_duty(volunteer=member(scheme_x), duty=duty)
    late = member(scheme_x)
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=late, duty=duty, join_waiting_list=False)
    assert messages_of(error) == [booking.FULL]
    result = booking.book_duty(volunteer=late, duty=duty, join_waiting_list=True)
    assert result.signup.status == Status.WAITLISTED
    duty.refresh_from_db()
    assert duty.booked_count == 1


def test_the_same_duty_cannot_be_booked_twice(duty_x, scheme_x):
    person = member(scheme_x)
    booking.book_duty(volunteer=person, duty=duty_x)
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=person, duty=duty_x)
    assert messages_of(error) == [booking.ALREADY_SIGNED_UP]
    assert Signup.objects.filter(duty=duty_x).count() == 1


def test_overlapping_duties_are_refused_but_back_to_back_is_fine(scheme_x, scheme_y):
    person = member(scheme_x)
    f.make_membership(person, scheme_y)
    first = f.make_duty(scheme_x, starts_in_days=2, hours=4, title="Evening patrol")
    overlapping = f.make_duty(scheme_y, starts_in_days=2 + 3 / 24, hours=2, title="Cadet event")
    after = f.make_duty(scheme_x, starts_in_days=2 + 4 / 24, hours=2, title="Late patrol")
    booking.book_duty(volunteer=person, duty=first)
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=person, duty=overlapping)
    assert messages_of(error) == [booking.OVERLAPS.format(duty="Evening patrol")]
    assert booking.book_duty(volunteer=person, duty=after).is_booked


def test_only_active_members_of_the_scheme_may_book(duty_x, scheme_y):
    outsider = member(scheme_y)
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=outsider, duty=duty_x)
    assert messages_of(error) == ["Only active members of Special Constabulary can book this duty."]


def test_vetting_must_be_current_on_the_day_of_the_duty(scheme_x):
    duty = f.make_duty(scheme_x, starts_in_days=20, required_vetting="NPPV2")
    lapses_before = member(scheme_x)
    f.make_vetting(lapses_before, expires_in_days=10, level="NPPV3")
    lasts = member(scheme_x)
    f.make_vetting(lasts, expires_in_days=40, level="MV")
    too_low = member(scheme_x)
    f.make_vetting(too_low, expires_in_days=400, level="NPPV1")
    for person in (lapses_before, too_low):
        with pytest.raises(ValidationError) as error:
            booking.book_duty(volunteer=person, duty=duty)
        assert "needs NPPV2 vetting that is current on" in messages_of(error)[0]
    assert booking.book_duty(volunteer=lasts, duty=duty).is_booked


def test_training_must_be_current_on_the_day(scheme_x):
    from volunteers.models import Course

    course = Course.objects.get(name="Personal safety training")
    duty = f.make_duty(scheme_x, starts_in_days=15, required_course=course)
    lapsing = member(scheme_x)
    f.make_training(
        lapsing, course_name=course.name, expires_on=timezone.localdate() + timedelta(days=5)
    )
    current = member(scheme_x)
    f.make_training(
        current, course_name=course.name, expires_on=timezone.localdate() + timedelta(days=300)
    )
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=lapsing, duty=duty)
    assert "Personal safety training" in messages_of(error)[0]
    assert booking.book_duty(volunteer=current, duty=duty).is_booked


def test_a_scheme_app_can_add_its_own_rule(duty_x, scheme_x):
    @eligibility.RULES.register
    def no_patrols_on_tuesdays(facts, duty):  # what careers/ does for independent patrol
        return "No patrols for this test." if duty.kind == Duty.Kind.PATROL else None

    try:
        with pytest.raises(ValidationError) as error:
            booking.book_duty(volunteer=member(scheme_x), duty=duty_x)
        assert messages_of(error) == ["No patrols for this test."]
    finally:
        eligibility.RULES.unregister(no_patrols_on_tuesdays)


def test_cancelling_promotes_the_first_in_the_queue_once_and_tells_them(
    scheme_x, django_capture_on_commit_callbacks
):
    duty = f.make_duty(scheme_x, min_people=1, places=1)
    booked = member(scheme_x)
    first, second = member(scheme_x, email="first@example.org"), member(scheme_x)
    booking.book_duty(volunteer=booked, duty=duty)
    booking.book_duty(volunteer=first, duty=duty)
    booking.book_duty(volunteer=second, duty=duty)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel_signup(volunteer=booked, duty=duty)
    statuses = dict(Signup.objects.filter(duty=duty).values_list("volunteer_id", "status"))
    assert statuses == {
        booked.pk: Status.CANCELLED,
        first.pk: Status.BOOKED,
        second.pk: Status.WAITLISTED,
    }
    duty.refresh_from_db()
    assert duty.booked_count == 1
    assert [m.to for m in mail.outbox] == [["first@example.org"]]  # only the promoted person
    assert "A place came free" in mail.outbox[0].subject
    assert Notification.objects.get().kind == "place_freed"


def test_leaving_the_waiting_list_frees_no_place(scheme_x):
    duty = f.make_duty(scheme_x, min_people=1, places=1)
    booking.book_duty(volunteer=member(scheme_x), duty=duty)
    waiting = member(scheme_x)
    booking.book_duty(volunteer=waiting, duty=duty)
    booking.cancel_signup(volunteer=waiting, duty=duty)
    duty.refresh_from_db()
    assert duty.booked_count == 1


def test_cancelling_after_the_cut_off_is_refused(scheme_x):
    duty = f.make_duty(scheme_x, starts_in_days=0.5, cancel_cutoff_hours=24)
    person = member(scheme_x)
    booking.book_duty(volunteer=person, duty=duty)
    with pytest.raises(ValidationError) as error:
        booking.cancel_signup(volunteer=person, duty=duty)
    assert "too late to cancel online" in messages_of(error)[0]
    assert Signup.objects.get(duty=duty).status == Status.BOOKED


def test_no_bookings_after_the_deadline_or_on_a_cancelled_duty(scheme_x):
    closed = f.make_duty(scheme_x, signup_deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=member(scheme_x), duty=closed)
    assert messages_of(error) == [booking.BOOKINGS_CLOSED]
    cancelled = f.make_duty(scheme_x, status=Duty.Status.CANCELLED)
    with pytest.raises(ValidationError) as error:
        booking.book_duty(volunteer=member(scheme_x), duty=cancelled)
    assert messages_of(error) == [booking.CANCELLED_DUTY]


def test_rebooking_after_cancelling_is_allowed(duty_x, scheme_x):
    person = member(scheme_x)
    booking.book_duty(volunteer=person, duty=duty_x)
    booking.cancel_signup(volunteer=person, duty=duty_x)
    assert booking.book_duty(volunteer=person, duty=duty_x).is_booked
    duty_x.refresh_from_db()
    assert duty_x.booked_count == 1


def test_volunteer_books_and_cancels_from_the_portal(client_for, volunteer, duty_x):
    client = client_for("volunteer")
    page = client.get(reverse("schemes:portal-duty", args=[duty_x.pk])).content.decode()
    assert "Book this duty" in page
    response = client.post(reverse("schemes:duty-book", args=[duty_x.pk]), follow=True)
    assert "you are booked on" in response.content.decode()
    assert Signup.objects.get(duty=duty_x).status == Status.BOOKED
    asked = text_of(client.get(reverse("schemes:signup-cancel", args=[duty_x.pk])))
    assert "Cancel your place on “Town centre patrol”?" in asked
    assert "No one is on the waiting list" in asked
    assert Signup.objects.get(duty=duty_x).status == Status.BOOKED  # asking changes nothing
    response = client.post(reverse("schemes:signup-cancel", args=[duty_x.pk]), follow=True)
    assert "no longer signed up" in response.content.decode()
    duty_x.refresh_from_db()
    assert duty_x.booked_count == 0


def test_portal_says_why_a_duty_cannot_be_booked(client_for, volunteer, scheme_x):
    duty = f.make_duty(scheme_x, required_vetting="MV")
    page = client_for("volunteer").get(reverse("schemes:portal-duty", args=[duty.pk]))
    html = page.content.decode()
    assert "You cannot book this duty yet" in html and "needs MV vetting" in html
    assert "Book this duty" not in html
