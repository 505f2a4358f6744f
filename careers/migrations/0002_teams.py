"""The teams a Special can be posted to: a Neighbourhood Policing Team in each district and
the specialist teams Hertfordshire's Specials serve with."""

from django.db import migrations

SPECIALIST = [
    ("intervention", "Intervention", "Answering 999 and 101 calls around the clock."),
    (
        "road-policing",
        "Road Policing Unit (Bedfordshire, Cambridgeshire and Hertfordshire)",
        "The tri-force unit keeping the county's roads safe.",
    ),
    ("scorpion", "Specials Scorpion Team", "Proactive operations against travelling criminals."),
    ("warrants-and-bail", "Warrants and Bail", "Finding people wanted on warrant or in breach."),
    ("rural-ops", "Rural Operational Support Team", "Rural, wildlife and heritage crime."),
    ("cse", "Child Sexual Exploitation Unit", "Protecting children from exploitation."),
    ("daiu", "Domestic Abuse Investigation Unit", "Supporting domestic abuse investigations."),
    ("prisoner-handling", "Prisoner Handling Team", "Booking in and interviewing detainees."),
    ("cyber-crime", "Cyber Crime", "Online fraud, harassment and digital evidence."),
    ("mental-health-triage", "Mental Health Triage", "Working alongside mental health nurses."),
]


def add_teams(apps, schema_editor):
    Team = apps.get_model("careers", "Team")
    District = apps.get_model("volunteers", "District")
    for district in District.objects.all():
        Team.objects.update_or_create(
            slug=f"npt-{district.slug}",
            defaults={
                "name": f"{district.name} Neighbourhood Policing Team",
                "district": district,
                "description": f"Local policing in {district.name}.",
            },
        )
    for slug, name, description in SPECIALIST:
        Team.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0001_service_records"),
        ("volunteers", "0002_catalogue"),
    ]

    operations = [migrations.RunPython(add_teams, migrations.RunPython.noop)]
