"""The group employer users belong to: it is how the core knows they need MFA."""

from django.db import migrations


def add_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Employer users")


class Migration(migrations.Migration):
    dependencies = [("esp", "0001_employers"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_group, migrations.RunPython.noop)]
