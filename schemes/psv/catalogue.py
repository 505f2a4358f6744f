"""The settings Police Support Volunteers work in, and a role in each, as the catalogue
starts (a data migration loads them; coordinators add more in the admin). The last is the
Emergency Services Volunteers', shared by police and fire."""

# (setting, summary, [(role title, service)])
SETTINGS = [
    ("Front counter", "Police station front desks", [("Front counter volunteer", "police")]),
    (
        "Schools and gangs support",
        "Helping young people stay safe from gangs and knife crime",
        [("Schools and gangs support volunteer", "police")],
    ),
    (
        "Puppy fostering",
        "Raising the dog section's puppies at home",
        [("Puppy fosterer", "police")],
    ),
    (
        "Dog section",
        "Kennels and the dog section's training days",
        [("Kennel support volunteer", "police")],
    ),
    (
        "Victim support",
        "Keeping in touch with victims of crime",
        [("Victim contact volunteer", "police")],
    ),
    ("Witness care", "Helping witnesses through to court", [("Witness care volunteer", "police")]),
    (
        "Chaplaincy",
        "Pastoral care for officers, staff and volunteers",
        [("Police chaplain", "police")],
    ),
    (
        "Rural crime",
        "Farm, horse and countryside watches",
        [("Rural crime volunteer", "police"), ("Horse watch coordinator", "police")],
    ),
    (
        "Community Speed Watch",
        "Organising residents' speed checks",
        [("Speed Watch administrator", "police")],
    ),
    (
        "Crime prevention",
        "Security surveys and advice at events",
        [("Crime prevention volunteer", "police")],
    ),
    (
        "Found property",
        "Returning lost property to its owners",
        [("Found property volunteer", "police")],
    ),
    (
        "Cyber protect",
        "Helping people and small firms stay safe online",
        [("Cyber protect volunteer", "police")],
    ),
    (
        "Fraud and scams",
        "Talks and visits to people targeted by scams",
        [("Scam awareness volunteer", "police")],
    ),
    (
        "Missing persons",
        "Searches and posters when someone goes missing",
        [("Missing persons search volunteer", "police")],
    ),
    ("Training and role play", "Playing parts in officers' training", [("Role actor", "police")]),
    ("Learning and development", "Helping run courses", [("Training support volunteer", "police")]),
    ("Police heritage", "The force's museum and archive", [("Heritage volunteer", "police")]),
    (
        "Community engagement",
        "Stalls, surgeries and surveys",
        [("Community engagement volunteer", "police")],
    ),
    ("Events and shows", "The force's stand at county shows", [("Events volunteer", "police")]),
    ("Transport", "Driving people and kit between stations", [("Volunteer driver", "police")]),
    (
        "Prescription delivery",
        "Taking medicines to people who cannot go out",
        [("Prescription delivery volunteer", "police")],
    ),
    (
        "Road safety",
        "Road safety talks in schools and clubs",
        [("Road safety education volunteer", "police")],
    ),
    (
        "Custody support",
        "Practical help in custody suites (not visiting)",
        [("Custody support volunteer", "police")],
    ),
    ("Research and analysis", "Surveys, data and evaluations", [("Research volunteer", "police")]),
    (
        "Office support",
        "Administration for teams across the force",
        [("Office support volunteer", "police")],
    ),
    (
        "Contact centre",
        "Call-backs and follow-ups for the control room",
        [("Contact centre support volunteer", "police")],
    ),
    (
        "Languages",
        "Helping people whose first language is not English",
        [("Volunteer interpreter", "police")],
    ),
    (
        "Media and photography",
        "Pictures and stories for the force's channels",
        [("Media volunteer", "police")],
    ),
    (
        "Wellbeing",
        "Peer support for officers and staff",
        [("Wellbeing support volunteer", "police")],
    ),
    ("Water safety", "Talks and patrols by rivers and lakes", [("Water safety volunteer", "fire")]),
    (
        "Station gardens",
        "Keeping stations' grounds and memorial gardens",
        [("Garden volunteer", "police")],
    ),
    (
        "Neighbourhood teams",
        "Helping local policing teams with leaflets and surveys",
        [("Neighbourhood support volunteer", "police")],
    ),
    ("Mounted section", "Stable yard help and visits to schools", [("Stable volunteer", "police")]),
    (
        "Emergency services volunteering",
        "Police and fire together: safe and well checks, crime prevention advice and patrols",
        [("Emergency Services Volunteer", "both")],
    ),
]
