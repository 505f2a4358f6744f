"""Every kind of hours counts towards the Specials' minimum until managers say otherwise."""

from django.db import migrations

KINDS = ["duty", "training", "event", "admin", "esp_release"]


def add_kinds(apps, schema_editor):
    CountedHours = apps.get_model("careers", "CountedHours")
    for kind in KINDS:
        CountedHours.objects.get_or_create(kind=kind, defaults={"counts": True})


class Migration(migrations.Migration):
    dependencies = [("careers", "0006_attendance")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
