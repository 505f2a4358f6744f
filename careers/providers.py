"""What the Special Constabulary tells other apps (volunteers/providers.py)."""

from volunteers.providers import PROVIDERS, SPECIAL_RANKS, Provider

from .models import ServiceRecord


def special_ranks(volunteer_ids) -> dict[int, str]:
    """Each Special's rank, in words, by person."""
    return {
        record.volunteer_id: record.get_rank_display()
        for record in ServiceRecord.objects.filter(volunteer_id__in=volunteer_ids)
    }


PROVIDERS.register(Provider(SPECIAL_RANKS, special_ranks))
