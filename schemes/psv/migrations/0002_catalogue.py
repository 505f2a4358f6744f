from django.db import migrations
from django.utils.text import slugify


def load(apps, schema_editor):
    from schemes.psv.catalogue import SETTINGS

    Setting = apps.get_model("psv", "Setting")
    Role = apps.get_model("psv", "Role")
    for name, summary, roles in SETTINGS:
        setting, _ = Setting.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "summary": summary}
        )
        for title, service in roles:
            Role.objects.get_or_create(setting=setting, title=title, defaults={"service": service})


class Migration(migrations.Migration):
    dependencies = [("psv", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
