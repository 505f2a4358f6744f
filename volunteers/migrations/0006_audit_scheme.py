from django.db import migrations, models


def tag_membership_lines(apps, schema_editor):
    """Lines about a membership belong to its scheme (volunteers.ownership)."""
    AuditEvent = apps.get_model("volunteers", "AuditEvent")
    Membership = apps.get_model("volunteers", "Membership")
    slugs = dict(Membership.objects.values_list("pk", "scheme__slug"))
    for event in AuditEvent.objects.filter(record_type="membership").exclude(record_id=""):
        slug = slugs.get(int(event.record_id)) if event.record_id.isdigit() else None
        if slug:
            AuditEvent.objects.filter(pk=event.pk).update(scheme=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0005_notification_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="scheme",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="The scheme the record belongs to (its slug); empty for the shared "
                "person record. Coordinators read only their schemes' lines.",
                max_length=60,
            ),
        ),
        migrations.RunPython(tag_membership_lines, migrations.RunPython.noop),
    ]
