"""The districts of Hertfordshire, the catalogue of schemes, common courses and the
OPCC staff group, as data."""

from django.db import migrations

DISTRICTS = [
    ("Broxbourne", "broxbourne"),
    ("Dacorum", "dacorum"),
    ("East Hertfordshire", "east-hertfordshire"),
    ("Hertsmere", "hertsmere"),
    ("North Hertfordshire", "north-hertfordshire"),
    ("St Albans", "st-albans"),
    ("Stevenage", "stevenage"),
    ("Three Rivers", "three-rivers"),
    ("Watford", "watford"),
    ("Welwyn Hatfield", "welwyn-hatfield"),
]

# (name, slug, summary, who can join, min age, max age)
SCHEMES = [
    ("Special Constabulary", "special-constabulary",
     "Special Constables are volunteer police officers with the same powers as regular "
     "officers. They patrol, respond to calls and join specialist teams, giving at least "
     "16 hours a month.", "Adults aged 18 and over who pass vetting and training.", 18, None),
    ("Employer Supported Policing", "employer-supported-policing",
     "Employers give staff who serve as Special Constables time off for training and duties, "
     "and gain confident, skilled people in return.", "Businesses and public bodies in the county.", 18, None),
    ("Volunteer Police Cadets", "volunteer-police-cadets",
     "Young people learn about policing, build confidence and help their communities at "
     "events and in crime prevention, with at least 3 hours of volunteering a month.",
     "Young people aged 13 to 18, and adult leaders.", 13, 18),
    ("Mini Police", "mini-police",
     "Primary school children learn about staying safe and being good citizens in an "
     "eight-week programme run with their school and local officers.",
     "Children aged 9 to 11, through their school.", 9, 11),
    ("Police Support Volunteers", "police-support-volunteers",
     "Volunteers support officers and staff in roles from front counters and "
     "community events to prescription deliveries and research.",
     "Adults aged 18 and over.", 18, None),
    ("Emergency Services Volunteers", "emergency-services-volunteers",
     "Volunteers who help police, fire and ambulance services together in community "
     "safety work.", "Adults aged 18 and over.", 18, None),
    ("Independent Custody Visitors", "independent-custody-visitors",
     "Volunteers make unannounced visits in pairs to police custody to check on the rights, "
     "wellbeing and conditions of people held there, and report to the Commissioner.",
     "Adults aged 18 and over, independent of the police.", 18, None),
    ("Dog Welfare", "dog-welfare",
     "Volunteers visit police dogs in kennels and at their handlers' homes and report on "
     "their welfare to the Commissioner.", "Adults aged 18 and over.", 18, None),
    ("Stop & Search Scrutiny Panel", "stop-search-scrutiny-panel",
     "Members of the public review samples of stop and search records and body-worn "
     "video, and tell the police what they think.", "Adults aged 18 and over who live or work in the county.", 18, None),
    ("Community DriveSafe", "community-drivesafe",
     "Residents use speed detection equipment with police support on roads where speeding "
     "worries their community, and drivers receive advisory letters.",
     "Adults aged 18 and over; groups form around a local petition.", 18, None),
    ("Neighbourhood Watch", "neighbourhood-watch",
     "Neighbours look out for each other, share crime prevention advice and pass "
     "information to the police.", "Anyone aged 18 and over.", 18, None),
]

COURSES = [
    ("Safeguarding children and adults", "training", None, 36),
    ("First aid at work", "qualification", None, 36),
    ("Data protection essentials", "training", None, 12),
    ("Special Constable initial learning programme", "training", "special-constabulary", None),
    ("Personal safety training", "training", "special-constabulary", 12),
    ("Emergency response driving", "qualification", "special-constabulary", 36),
    ("Cadet leader induction", "training", "volunteer-police-cadets", None),
    ("Custody visiting induction", "training", "independent-custody-visitors", None),
    ("Speed detection device training", "training", "community-drivesafe", 24),
]


def load(apps, schema_editor):
    District = apps.get_model("volunteers", "District")
    Scheme = apps.get_model("volunteers", "Scheme")
    Course = apps.get_model("volunteers", "Course")
    Group = apps.get_model("auth", "Group")
    for name, slug in DISTRICTS:
        District.objects.update_or_create(slug=slug, defaults={"name": name})
    for name, slug, summary, who, min_age, max_age in SCHEMES:
        Scheme.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "summary": summary, "who_can_join": who,
                      "min_age": min_age, "max_age": max_age},
        )
    for name, kind, scheme_slug, months in COURSES:
        scheme = Scheme.objects.get(slug=scheme_slug) if scheme_slug else None
        Course.objects.update_or_create(
            name=name, defaults={"kind": kind, "scheme": scheme, "valid_for_months": months}
        )
    Group.objects.get_or_create(name="OPCC staff")


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
