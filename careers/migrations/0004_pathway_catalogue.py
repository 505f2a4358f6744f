"""The specialist pathways Specials can apply for, with their conditions."""

from decimal import Decimal

from django.db import migrations

# slug, name, team slug, months of service, hours in 6 months, needs IPS, course name
PATHWAYS = [
    ("road-policing", "Roads policing", "road-policing", 12, 48, True, "Emergency response driving"),
    ("scorpion", "Specials Scorpion Team", "scorpion", 12, 60, True, None),
    ("rural-ops", "Rural, wildlife and heritage crime", "rural-ops", 6, 36, True, None),
    ("warrants-and-bail", "Warrants and bail", "warrants-and-bail", 6, 36, True, None),
    ("cyber-crime", "Cyber crime", "cyber-crime", 6, 24, False, "Data protection essentials"),
    (
        "mental-health-triage",
        "Mental health triage",
        "mental-health-triage",
        12,
        48,
        True,
        "First aid at work",
    ),
    ("prisoner-handling", "Prisoner handling", "prisoner-handling", 6, 36, True, None),
    ("cse", "Child sexual exploitation", "cse", 18, 48, True, "Safeguarding children and adults"),
    ("daiu", "Domestic abuse investigation", "daiu", 18, 48, True, "Safeguarding children and adults"),
]
DESCRIPTION = (
    "Work alongside the {team}'s regular officers on its operations, with its own training "
    "and a tutor for your first shifts."
)


def add_pathways(apps, schema_editor):
    Pathway = apps.get_model("careers", "Pathway")
    Team = apps.get_model("careers", "Team")
    Course = apps.get_model("volunteers", "Course")
    for slug, name, team_slug, months, hours, needs_ips, course in PATHWAYS:
        team = Team.objects.get(slug=team_slug)
        Pathway.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "team": team,
                "description": DESCRIPTION.format(team=team.name),
                "min_months_service": months,
                "min_recent_hours": Decimal(hours),
                "needs_independent_patrol": needs_ips,
                "required_course": Course.objects.filter(name=course).first() if course else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_pathways"),
        ("careers", "0002_teams"),
        ("volunteers", "0002_catalogue"),
    ]

    operations = [migrations.RunPython(add_pathways, migrations.RunPython.noop)]
