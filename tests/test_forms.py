"""Dates no one means are refused with a plain message, and a bad query parameter answers
the page with its default and a message (findings 10 and 11 of the security issue). The
rule is volunteers.forms.SensibleDates, carried by every form of every app."""

import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse

from schemes.models import Duty, HoursEntry
from tests.pages import text_of
from tests.schemes.test_duties_staff import duty_form
from tests.test_architecture import project_apps
from volunteers.forms import SensibleDates
from volunteers.middleware import UNREADABLE

pytestmark = pytest.mark.django_db


def _form_classes():
    for app in project_apps():  # every installed app of ours, a new one too
        for module_name in ("forms", "admin", "join", "account_forms"):
            try:
                module = importlib.import_module(f"{app}.{module_name}")
            except ModuleNotFoundError:
                continue
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    yield cls


def test_every_form_of_every_app_keeps_dates_in_a_sensible_range():
    classes = list(_form_classes())
    assert len(classes) > 30
    assert [cls.__qualname__ for cls in classes if not issubclass(cls, SensibleDates)] == []


def test_every_date_picker_shows_its_date_as_the_browser_reads_it(today):
    """A date input's value must be ISO (2026-12-03), or the browser shows it empty; the
    rule is SensibleDates's, which every form carries (the test above)."""
    from volunteers.forms import Form

    class Picker(Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    html = str(Picker(initial={"day": today})["day"])
    assert f'value="{today.isoformat()}"' in html


def test_hours_on_a_date_no_one_means_are_refused_and_the_rest_is_kept(
    client_for, volunteer, scheme_x
):
    data = {
        "scheme": scheme_x.pk,
        "worked_on": "0001-01-01",
        "hours": "2.5",
        "kind": "admin",
        "description": "Station front counter",
    }
    response = client_for("volunteer").post(reverse("schemes:my-hours"), data)
    page = text_of(response)
    assert response.status_code == 200 and HoursEntry.objects.count() == 0
    assert "Hours can be logged for the last two years: from" in page
    assert 'value="Station front counter"' in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": "9999-12-31T10:00", "ends_at": "9999-12-31T12:00"},
        {"starts_at": "9999-12-01T10:00", "ends_at": "9999-12-01T12:00", "weeks": 26},
    ],
)
def test_a_duty_in_the_year_9999_is_refused_with_a_plain_message(client_for, scheme_x, changes):
    response = client_for("coordinator_x").post(
        reverse("schemes:duty-create"), duty_form(scheme_x, **changes)
    )
    assert response.status_code == 200 and Duty.objects.count() == 0
    assert "Enter a date between 1 January 1900 and" in text_of(response)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("schemes:roster", "?date=9999-12-31"),
        ("schemes:roster", "?view=month&date=0001-01-15"),
    ],
)
def test_an_out_of_range_date_in_the_address_shows_the_default_and_says_why(
    client_for, scheme_x, name, query
):
    response = client_for("coordinator_x").get(reverse(name) + query)
    assert response.status_code == 200
    assert "Enter a date between 1 January 1900 and" in text_of(response)


def test_a_value_no_one_can_type_is_dropped_and_the_page_says_so(client_for, scheme_x):
    response = client_for("coordinator_x").get(reverse("schemes:hours-queue") + "?scheme=x%00y")
    assert response.status_code == 200
    assert UNREADABLE in text_of(response)
