"""Fair recruitment, measured: the funnel counts each stage from the applications' recorded
steps, and broken down by a diversity answer it hides small groups (and enough others that
none can be worked out) at every stage from where they first become small."""

from decimal import Decimal

import pytest
from django.urls import reverse

from schemes.kpi_registry import KPIS
from schemes.models import Application
from schemes.services import recruitment
from tests import factories as f
from tests.pages import tables_of, text_of
from volunteers.models import DiversityProfile

pytestmark = pytest.mark.django_db


def _applicant(role, ethnicity: str):
    person = f.make_volunteer()
    if ethnicity:
        DiversityProfile.objects.create(volunteer=person, ethnicity=ethnicity)
    return Application.objects.create(opportunity=role, volunteer=person)


@pytest.fixture
def county(scheme_x, coordinator_x):
    """Seven white applicants, three Asian and six who did not say, to a role with an
    interview: of the white applicants five reach interview and two are accepted, one is
    declined at the start and one withdraws; of the rest, one of each group is declined."""
    role = f.make_opportunity(scheme_x, stages=["received", "interview"])
    white = [_applicant(role, "white") for _ in range(7)]
    asian = [_applicant(role, "asian") for _ in range(3)]
    unsaid = [_applicant(role, "") for _ in range(6)]
    for application in white[:5]:
        recruitment.move_on(actor=coordinator_x, application=application, to_stage="interview")
    for application in white[:2]:
        recruitment.accept(actor=coordinator_x, application=application)
    recruitment.decline(actor=coordinator_x, application=white[5], reason="No places")
    recruitment.withdraw(volunteer=white[6].volunteer, application=white[6])
    recruitment.decline(actor=coordinator_x, application=asian[0], reason="No places")
    recruitment.decline(actor=coordinator_x, application=unsaid[0], reason="No places")
    return role


def test_the_funnel_counts_each_stage_and_hides_small_groups(client_for, county, superuser):
    readers = f.grant_diversity(superuser)
    client = client_for("superuser")
    client.force_login(readers)
    page = client.get(reverse("schemes:recruitment-funnel"), {"by": "ethnicity"})
    stages, groups = tables_of(page)
    # Reached, moved on, declined, withdrew, still there.
    assert stages["Application received"][:5] == ["16", "5", "3", "1", "7"]
    assert stages["Interview"][:5] == ["5", "2", "0", "0", "3"]
    assert stages["Accepted into the scheme"][0] == "2"
    # Asian (3) is small, so the next smallest (did not say, 6) is hidden with it. At
    # interview they hold none, which the stage's 5 less White's 5 would tell: White is
    # hidden there too, and from then on.
    assert groups["White"] == ["7 (100.0%)", "hidden", "hidden"]
    assert groups["Asian, Asian British or Asian Welsh"] == ["hidden"] * 3
    assert groups["Did not say"] == ["hidden"] * 3
    # The rule that makes it so: no stage's hidden cells can be worked out from its total.
    for position, stage in enumerate(["Application received", "Interview"]):
        total = int(stages[stage][0])
        cells = [row[position] for row in groups.values()]
        shown = [int(cell.split()[0]) for cell in cells if cell != "hidden"]
        hidden = len(cells) - len(shown)
        assert hidden == 0 or (hidden >= 2 and total - sum(shown) >= 5), stage
    export = client.get(reverse("schemes:recruitment-funnel-export"), {"by": "ethnicity"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert "Did not say,hidden,hidden,hidden" in lines


def test_a_coordinator_sees_only_their_schemes_and_no_breakdown(client_for, county):
    mine = text_of(client_for("coordinator_x").get(reverse("schemes:recruitment-funnel")))
    assert "Application received 16" in mine
    other = client_for("coordinator_y").get(
        reverse("schemes:recruitment-funnel"), {"by": "ethnicity"}
    )
    stages, *breakdown = tables_of(other)
    assert stages["Application received"][0] == "0" and breakdown == []
    assert "Break down by" not in text_of(other)


@pytest.mark.date_sensitive
def test_the_strategy_kpis_count_applications_and_hide_small_groups(county, today):
    period = today.replace(day=1)
    received = KPIS.get("applications").compute(period)
    assert received[""][None] == 16 and received[county.scheme.slug][None] == 16
    # Ended this month: 2 accepted, 3 declined, 1 withdrew.
    assert KPIS.get("applications_accepted_share").compute(period)[""][None] == Decimal("33.3")
    by_ethnicity = KPIS.get("recruitment_accepted_ethnicity").compute(period)
    # Ended: white 4 (2 accepted), Asian 1, did not say 1: too few to show any.
    assert by_ethnicity == {"white": {None: None}, "asian": {None: None}, "": {None: None}}


def test_the_funnel_costs_the_same_however_many_applications(client_for, county, scheme_x):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("coordinator_x")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("schemes:recruitment-funnel"))
        return len(captured)

    queries()  # a first visit also keeps the session
    before = queries()
    role = f.make_opportunity(scheme_x, title="Special Constable, Hatfield")
    for _ in range(6):
        _applicant(role, "black")
    assert queries() == before
