"""The annual report per force and combined: working dogs, dogs visited and visits made,
serious concerns, concerns by checklist section, and the concerns' answers."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from schemes.services.followups import ConcernFigures
from volunteers.models import Force

from .checklist import DOG_CHECKLIST
from .models import Dog, DogIssue, DogVisit

SECTIONS = [(s.code, s.title) for s in DOG_CHECKLIST.sections]


@dataclass
class Year(ConcernFigures):
    name: str = ""
    dogs: int = 0
    dogs_visited: int = 0
    visits: int = 0
    serious: int = 0

    @property
    def visited_share(self) -> int | None:
        return round(self.dogs_visited * 100 / self.dogs) if self.dogs else None


def annual(year: int, *, forces=None) -> tuple[list[Year], Year]:
    """Figures for each force (or those given) and combined, for the calendar year."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    forces = list(
        forces if forces is not None else Force.objects.filter(dogs__isnull=False).distinct()
    )
    rows = {f.pk: Year(name=str(f)) for f in forces}
    # Working some of the year: born by its end, and not retired before it began (a dog
    # marked retired without a day is not counted as working).
    working = Dog.objects.filter(force__in=forces).filter(
        Q(born_on__isnull=True) | Q(born_on__lte=end),
        Q(is_retired=False) | Q(retired_on__gte=start),
    )
    for force_id, dogs in working.values_list("force").annotate(n=Count("pk")):
        rows[force_id].dogs = dogs
    visits = DogVisit.objects.filter(
        dog__force__in=forces, visited_on__gte=start, visited_on__lte=end
    )
    for force_id, made, dogs, serious in visits.values_list("dog__force").annotate(
        made=Count("pk"),
        dogs=Count("dog", distinct=True),
        serious=Count("pk", filter=Q(is_serious=True)),
    ):
        row = rows[force_id]
        row.visits, row.dogs_visited, row.serious = made, dogs, serious
    issues = DogIssue.objects.filter(visit__in=visits)
    for force_id, *concern in issues.values_list(
        "visit__dog__force", "section", "status", "raised_at", "closed_at"
    ):
        rows[force_id].count(*concern)
    combined = Year(name="All forces")
    for row in rows.values():
        for name in ("dogs", "dogs_visited", "visits", "serious"):
            setattr(combined, name, getattr(combined, name) + getattr(row, name))
        combined.add_concerns_of(row)
    return list(rows.values()), combined
