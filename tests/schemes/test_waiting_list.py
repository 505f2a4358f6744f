"""Any interleaving of bookings and cancellations keeps booked <= places and serves the
waiting list first come, first served, each person promoted exactly once."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemes.models import Duty, Signup
from schemes.services import booking
from tests import factories as f
from volunteers.catalogue import SchemeSlug
from volunteers.models import Scheme

PEOPLE = 8

# Each step: ("book", person) or ("cancel", person).
steps = st.lists(
    st.tuples(st.sampled_from(["book", "cancel"]), st.integers(0, PEOPLE - 1)),
    min_size=1,
    max_size=30,
)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(places=st.integers(1, 3), ops=steps)
def test_queue_stays_in_order_and_never_overbooks(places, ops):
    Signup.objects.all().delete()
    Duty.objects.all().delete()
    scheme_obj = Scheme.objects.get(slug=SchemeSlug.SPECIAL_CONSTABULARY)
    duty = f.make_duty(scheme_obj, min_people=1, places=places)
    people = []
    for _ in range(PEOPLE):
        person = f.make_volunteer()
        f.make_membership(person, scheme_obj)
        people.append(person)

    # A plain model of what should happen: who holds a place, and the queue in order.
    model_booked: list[int] = []
    model_queue: list[int] = []

    for action, index in ops:
        person = people[index]
        if action == "book":
            try:
                booking.book_duty(volunteer=person, duty=duty)
            except ValidationError:
                assert index in model_booked or index in model_queue
            else:
                (model_booked if len(model_booked) < places else model_queue).append(index)
        else:
            try:
                booking.cancel_signup(volunteer=person, duty=duty)
            except ValidationError:
                assert index not in model_booked and index not in model_queue
            else:
                if index in model_booked:
                    model_booked.remove(index)
                    if model_queue:
                        model_booked.append(model_queue.pop(0))
                else:
                    model_queue.remove(index)

        duty.refresh_from_db()
        booked = set(
            Signup.objects.filter(duty=duty, status=Signup.Status.BOOKED).values_list(
                "volunteer_id", flat=True
            )
        )
        queue = list(
            Signup.objects.waiting().filter(duty=duty).values_list("volunteer_id", flat=True)
        )
        assert duty.booked_count == len(booked) <= places
        assert booked == {people[i].pk for i in model_booked}
        assert queue == [people[i].pk for i in model_queue]
