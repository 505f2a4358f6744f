from django.db import migrations

SPECIAL_CONSTABULARY = "special-constabulary"


def tag_lines(apps, schema_editor):
    """Lines about the Special Constabulary's records belong to it, and lines about a
    suggestion given with the name hidden are no longer linked to its author."""
    AuditEvent = apps.get_model("volunteers", "AuditEvent")
    record_types = [
        str(model._meta.verbose_name) for model in apps.get_app_config("careers").get_models()
    ]
    AuditEvent.objects.filter(record_type__in=record_types).update(scheme=SPECIAL_CONSTABULARY)
    Suggestion = apps.get_model("careers", "Suggestion")
    for suggestion in Suggestion.objects.filter(hide_name=True).select_related("volunteer"):
        lines = AuditEvent.objects.filter(record_type="suggestion", record_id=str(suggestion.pk))
        lines.filter(actor_id=suggestion.volunteer.user_id).update(actor=None)
        lines.update(volunteer=None, volunteer_label="")


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0008_awards"),
        ("volunteers", "0006_audit_scheme"),
    ]

    operations = [migrations.RunPython(tag_lines, migrations.RunPython.noop)]
