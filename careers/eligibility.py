"""What the Special Constabulary adds to booking: duties marked "Independent Patrol
Status" are for Specials who have it on the day."""

from schemes import eligibility
from volunteers.formats import long_date

from .models import ServiceRecord

NEEDS_INDEPENDENT_PATROL = (
    "This duty is for Specials with Independent Patrol Status. Your supervisor signs it off "
    "when you have completed your supervised phases."
)
NOT_YET_ON_THE_DAY = "This duty is for Specials with Independent Patrol Status by {day}."


@eligibility.LOADERS.register
def load_independent_patrol(facts) -> None:
    facts.extra["independent_patrol_on"] = (
        ServiceRecord.objects.filter(volunteer=facts.volunteer)
        .values_list("independent_patrol_on", flat=True)
        .first()
    )


def has_independent_patrol(facts, duty) -> str | None:
    since = facts.extra.get("independent_patrol_on")
    if since is None:
        return NEEDS_INDEPENDENT_PATROL
    day = eligibility.day_of(duty)
    return None if since <= day else NOT_YET_ON_THE_DAY.format(day=long_date(day))


INDEPENDENT_PATROL = eligibility.REQUIREMENTS.register(
    eligibility.Requirement(
        "independent_patrol", "Independent Patrol Status (Specials)", has_independent_patrol
    )
)
