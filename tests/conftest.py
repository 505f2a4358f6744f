"""The fixed cast every test uses, built from the factory functions.

- anonymous        nobody signed in
- volunteer        an active Special Constable (scheme X) with their own sign-in
- other_volunteer  a Volunteer Police Cadets leader (scheme Y) with their own sign-in
- coordinator_x    coordinates the Special Constabulary
- coordinator_y    coordinates the Volunteer Police Cadets
- staff            OPCC staff: every scheme, the admin, no diversity permission
- superuser        everything
- employer         signs in for an employer (ESP) that supports Specials; not a volunteer
Everyone with a staff role, and the employer, has MFA switched on, as the site requires.
"""

import importlib
import os

import pytest
from django.test import Client

from tests import factories as f
from volunteers.catalogue import SchemeSlug

pytest_plugins = ["tests.clock"]

SCHEME_X = SchemeSlug.SPECIAL_CONSTABULARY
SCHEME_Y = SchemeSlug.VOLUNTEER_POLICE_CADETS

PERSONAS = [
    "anonymous",
    "volunteer",
    "other_volunteer",
    "coordinator_x",
    "coordinator_y",
    "staff",
    "superuser",
    "employer",
]


@pytest.fixture(autouse=True)
def _transactional_test_state(request):
    """A transactional test starts from a flushed database, where the rows the data
    migrations load (districts, schemes, courses, the staff group) are gone: load them.

    The flush leaves the database cache's table alone, and allauth keeps its rate limits and
    used authenticator codes there, so it is emptied after each such test: one test's sign-in
    attempts never count against the next."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker and marker.kwargs.get("transaction")) or (
        "live_server" in request.fixturenames
    )
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")
    _load_catalogue()
    yield
    from django.core.cache import cache

    cache.clear()


# The data migrations that load reference rows (a flush removes them), with the function
# that loads them; and those that only change rows already there, which a flushed database
# does not need. tests/test_architecture.py checks every data migration is one or the other.
RELOADED_MIGRATIONS = [
    ("volunteers.migrations.0002_catalogue", "load"),
    ("volunteers.migrations.0004_scheme_monthly_minimum", "set_minimums"),
    ("careers.migrations.0002_teams", "add_teams"),
    ("careers.migrations.0004_pathway_catalogue", "add_pathways"),
    ("careers.migrations.0007_counted_hours_defaults", "add_kinds"),
    ("esp.migrations.0002_employer_group", "add_group"),
    ("schemes.psv.migrations.0002_catalogue", "load"),
    ("volunteers.migrations.0010_forces", "load"),
]
CHANGES_ONLY_MIGRATIONS = {
    "careers.migrations.0009_audit_lines_tagged",
    "esp.migrations.0003_audit_lines_tagged",
    "schemes.migrations.0007_monthly_hours",
    "volunteers.migrations.0006_audit_scheme",
}


def _load_catalogue():
    from django.apps import apps

    from volunteers.models import Scheme

    if not Scheme.objects.exists():
        for module, function in RELOADED_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture
def scheme_x():
    return f.scheme(SCHEME_X)


@pytest.fixture
def scheme_y():
    return f.scheme(SCHEME_Y)


@pytest.fixture
def volunteer(scheme_x):
    """The user; their person record is `volunteer.volunteer`."""
    user = f.make_user(email="sian.volunteer@example.org")
    person = f.make_volunteer(user=user, first_name="Siân", last_name="O'Brien")
    f.make_membership(person, scheme_x)
    return user


@pytest.fixture
def other_volunteer(scheme_y):
    user = f.make_user(email="other.volunteer@example.org")
    person = f.make_volunteer(user=user, first_name="Tomasz", last_name="Nowak")
    f.make_membership(person, scheme_y, role="leader")
    return user


@pytest.fixture
def coordinator_x(scheme_x):
    return f.make_coordinator(scheme_x, email="coord.x@example.org")


@pytest.fixture
def coordinator_y(scheme_y):
    return f.make_coordinator(scheme_y, email="coord.y@example.org")


@pytest.fixture
def staff():
    return f.make_staff(email="opcc.staff@example.org")


@pytest.fixture
def superuser():
    user = f.make_user(email="super@example.org", is_staff=True, is_superuser=True)
    f.give_mfa(user)
    return user


@pytest.fixture
def employer():
    """The person who signs in for Stevenage Steelworks, an employer in the ESP scheme."""
    from django.contrib.auth.models import Group

    from esp.models import EmployerAccount

    user = f.make_user(email="hr@steelworks.example")
    f.give_mfa(user)
    user.groups.add(Group.objects.get(name="Employer users"))
    steelworks = f.make_employer(
        name="Stevenage Steelworks",
        company_number="76543210",
        contact_email="hr@steelworks.example",
        status="active",
    )
    EmployerAccount.objects.create(user=user, employer=steelworks)
    return user


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def duty_x(scheme_x):
    """A patrol in scheme X, three days from now, 2 to 4 people."""
    return f.make_duty(scheme_x)


@pytest.fixture
def hours_x(volunteer, scheme_x):
    """The volunteer's pending hours in scheme X."""
    return f.make_hours(volunteer.volunteer, scheme_x)


@pytest.fixture
def client_for(request):
    """client_for("coordinator_x") -> a test client signed in as that persona."""

    def build(persona: str) -> Client:
        client = Client()
        user = request.getfixturevalue(persona)
        if user is not None:
            client.force_login(user)
        return client

    return build


def pytest_collection_modifyitems(config, items):
    """In CI's service pass (CI_REQUIRE_SERVICES=1) tests needing Redis or PostgreSQL must
    run, not skip: refuse to start without them."""
    if os.environ.get("CI_REQUIRE_SERVICES") != "1":
        return
    needs = {m.name for item in items for m in item.iter_markers()}
    if "needs_redis" in needs and not os.environ.get("REDIS_URL"):
        raise pytest.UsageError("CI_REQUIRE_SERVICES=1 but REDIS_URL is not set.")
    if "needs_postgres" in needs and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise pytest.UsageError("CI_REQUIRE_SERVICES=1 but DATABASE_URL is not PostgreSQL.")
