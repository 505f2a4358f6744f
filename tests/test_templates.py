"""Rules every template keeps, read from the templates themselves."""

import re
from pathlib import Path

import pytest
from django.conf import settings

WRAPPER = re.compile(r'<div class="table-responsive"[^>]*>')


def test_every_table_that_scrolls_sideways_can_be_reached_and_named_by_keyboard():
    """axe's scrollable-region-focusable (WCAG 2.1.1): a table wider than a phone scrolls in
    its box, so the box takes focus and says what it holds."""
    unreachable = []
    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        for wrapper in WRAPPER.findall(path.read_text()):
            named = "aria-label=" in wrapper or "aria-labelledby=" in wrapper
            if not ('tabindex="0"' in wrapper and 'role="region"' in wrapper and named):
                unreachable.append(f"{path.name}: {wrapper}")
    assert unreachable == []


@pytest.mark.django_db
def test_a_page_whose_form_came_back_with_a_problem_says_error_first_in_its_title(
    client_for, volunteer, coordinator_x
):
    """Whatever the view calls its form (here the service record's posting form)."""
    from django.urls import reverse

    response = client_for("coordinator_x").post(
        reverse("careers:posting-add", args=[volunteer.volunteer.pk]), {"team": ""}
    )
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert response.status_code == 200 and title.startswith("Error: ")
    fine = client_for("coordinator_x").get(
        reverse("careers:special-detail", args=[volunteer.volunteer.pk])
    )
    assert not re.search(r"<title>Error", fine.content.decode())
