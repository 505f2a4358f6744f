"""The roles held through groups, defined once in code and applied after every `migrate`,
so a fresh production database and the demo county hold the same roles:

- "OPCC staff": may view, add and change the records of every app of ours in the admin,
  but delete none of them, and only view accounts (only superusers grant access:
  permissions.may_grant_access). A new app's models are included without listing them.
- "Diversity data readers": may read people's equality monitoring answers
  (permissions.DIVERSITY_PERMISSION), given to named people only.

Employer users' group is ESP's (esp/migrations/0002_employer_group.py) and holds nothing
in the admin.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from .permissions import DIVERSITY_PERMISSION, OPCC_STAFF_GROUP

DIVERSITY_READERS_GROUP = "Diversity data readers"
OUR_APPS = ("volunteers", "schemes", "careers", "esp", "scrutiny")
OPCC_ACTIONS = ("view", "add", "change")
# Accounts are viewed, never changed, by OPCC staff: only superusers grant access.
VIEW_ONLY = {("volunteers", "user")}


def opcc_staff_codenames() -> set[tuple[str, str]]:
    """(app label, codename) of every permission the OPCC staff role holds."""
    wanted = set()
    for label in OUR_APPS:
        try:
            config = global_apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            name = model._meta.model_name
            actions = ("view",) if (label, name) in VIEW_ONLY else OPCC_ACTIONS
            wanted |= {(label, f"{action}_{name}") for action in actions}
    return wanted


def apply_roles(sender=None, apps=global_apps, using="default", **kwargs) -> None:
    """Make both groups hold exactly their permissions (after `migrate`, and a flush)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for config in global_apps.get_app_configs():  # not all exist yet on a fresh database
        create_permissions(config, verbosity=0, using=using, apps=apps)
    by_code = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.using(using).values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    opcc, _ = Group.objects.using(using).get_or_create(name=OPCC_STAFF_GROUP)
    opcc.permissions.set([by_code[code] for code in opcc_staff_codenames() if code in by_code])
    readers, _ = Group.objects.using(using).get_or_create(name=DIVERSITY_READERS_GROUP)
    app_label, codename = DIVERSITY_PERMISSION.split(".")
    readers.permissions.set([by_code[(app_label, codename)]])
