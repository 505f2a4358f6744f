"""The groups' permissions are code (volunteers/roles.py), applied after every migrate: a
fresh production database holds the same roles as the demo (the security issue's
finding 3, "the demo's roles are the production roles")."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from volunteers.roles import DIVERSITY_READERS_GROUP, OUR_APPS, apply_roles

pytestmark = pytest.mark.django_db


def _held(group_name: str) -> set[str]:
    group = Group.objects.get(name=group_name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_opcc_staff_view_add_and_change_every_record_of_ours_but_delete_none():
    held = _held("OPCC staff")
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.model_name
            assert f"{label}.view_{name}" in held, name
            assert f"{label}.delete_{name}" not in held, name
    assert "volunteers.change_user" not in held and "volunteers.add_user" not in held
    assert "volunteers.change_volunteer" in held
    assert not any(code.startswith("auth.") for code in held)  # groups, permissions


def test_diversity_answers_need_a_group_of_their_own():
    assert _held(DIVERSITY_READERS_GROUP) == {"volunteers.view_diversity_data"}
    assert "volunteers.view_diversity_data" not in _held("OPCC staff")


def test_applying_the_roles_again_puts_back_what_was_changed_by_hand():
    opcc = Group.objects.get(name="OPCC staff")
    opcc.permissions.clear()
    apply_roles()
    assert "careers.change_servicerecord" in _held("OPCC staff")
