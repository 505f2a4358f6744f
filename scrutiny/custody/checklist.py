"""What a custody visit looks at (Home Office Code of Practice on Independent Custody
Visiting; PACE Code C for rights and entitlements)."""

from schemes.checklists import Check, Checklist, Section

CUSTODY_CHECKLIST = Checklist(
    sections=(
        Section(
            "rights",
            "Rights and entitlements",
            (
                Check("told-of-rights", "Told of their rights"),
                Check("legal-advice", "Offered free legal advice"),
                Check("someone-informed", "Someone informed of their arrest"),
                Check("interpreter", "Interpreter or appropriate adult where needed"),
            ),
        ),
        Section(
            "wellbeing",
            "Health and wellbeing",
            (
                Check("medical", "Medical attention when asked for or needed"),
                Check("food-and-drink", "Food and drink"),
                Check("blanket", "Blanket and mattress"),
                Check("reading", "Reading material"),
                Check("exercise", "Exercise or fresh air"),
            ),
        ),
        Section(
            "conditions",
            "Conditions and facilities",
            (
                Check("cells-clean", "Cells clean"),
                Check("toilets", "Toilets and washing facilities"),
                Check("temperature", "Temperature and ventilation"),
                Check("cctv", "CCTV working"),
                Check("fire-safety", "Fire safety"),
                Check("records", "Custody records kept"),
            ),
        ),
    )
)
