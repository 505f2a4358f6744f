from django.db import migrations

ESP = "employer-supported-policing"


def tag_lines(apps, schema_editor):
    """Lines about ESP's records (a Special's employer) belong to ESP."""
    AuditEvent = apps.get_model("volunteers", "AuditEvent")
    record_types = [
        str(model._meta.verbose_name) for model in apps.get_app_config("esp").get_models()
    ]
    AuditEvent.objects.filter(record_type__in=record_types).update(scheme=ESP)


class Migration(migrations.Migration):
    dependencies = [
        ("esp", "0002_employer_group"),
        ("volunteers", "0006_audit_scheme"),
    ]

    operations = [migrations.RunPython(tag_lines, migrations.RunPython.noop)]
