"""No one grants what they do not hold: in the admin only superusers give admin access,
superuser status, groups and permissions, or change an account that has admin access."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests import factories as f
from volunteers.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def user_manager(staff):
    """OPCC staff who, like the demo's, may add, change and delete user accounts."""
    staff.user_permissions.add(*Permission.objects.filter(content_type__app_label="volunteers"))
    staff.user_permissions.add(*Permission.objects.filter(content_type__model="group"))
    return User.objects.get(pk=staff.pk)


def change_form(user, **changes) -> dict:
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    return data | changes


def test_staff_cannot_make_themselves_superuser(client, user_manager):
    client.force_login(user_manager)
    url = reverse("admin:volunteers_user_change", args=[user_manager.pk])
    response = client.post(url, change_form(user_manager, is_superuser="on", is_staff="on"))
    assert response.status_code == 403
    assert not User.objects.get(pk=user_manager.pk).is_superuser


def test_staff_cannot_touch_an_account_with_admin_access(client, user_manager, superuser):
    client.force_login(user_manager)
    change = reverse("admin:volunteers_user_change", args=[superuser.pk])
    assert 'name="email"' not in client.get(change).content.decode()  # read only
    taken = change_form(superuser, email="attacker@example.org")
    assert client.post(change, taken).status_code == 403
    password = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert client.get(password).status_code == 403
    delete = reverse("admin:volunteers_user_delete", args=[superuser.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "super@example.org" and superuser.is_active


def test_staff_change_a_volunteers_account_but_not_its_access(client, user_manager):
    person = f.make_user(email="someone@example.org")
    client.force_login(user_manager)
    url = reverse("admin:volunteers_user_change", args=[person.pk])
    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    response = client.post(
        url,
        change_form(
            person,
            email="someone.new@example.org",
            is_staff="on",
            is_superuser="on",
            groups=[Group.objects.get(name="OPCC staff").pk],
        ),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "someone.new@example.org"
    assert (person.is_staff, person.is_superuser, person.groups.count()) == (False, False, 0)


def test_only_superusers_change_what_a_group_may_do(client, user_manager, superuser):
    group = Group.objects.get(name="OPCC staff")
    url = reverse("admin:auth_group_change", args=[group.pk])
    client.force_login(user_manager)
    held = set(group.permissions.values_list("pk", flat=True))
    everything = list(Permission.objects.values_list("pk", flat=True))
    assert client.post(url, {"name": group.name, "permissions": everything}).status_code == 403
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == held
    client.force_login(superuser)
    assert client.get(url).status_code == 200
