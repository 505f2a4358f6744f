"""Which dogs have been visited this six-month period, which are still due, and which are
overdue (not visited for more than six months, or never), per force: the scheme's target
is every working dog visited in each period."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Prefetch, Q

from .models import Assignment, Dog
from .periods import period_of

SIX_MONTHS = timedelta(days=183)
VISITED, DUE, OVERDUE = "visited", "due", "overdue"
STATUS_LABELS = {VISITED: "Visited", DUE: "Due this period", OVERDUE: "Overdue"}


@dataclass
class Line:
    dog: Dog
    status: str
    last_visit: date | None
    assignment: Assignment | None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def status_of(last_visit: date | None, *, today: date) -> str:
    if last_visit is not None and last_visit >= period_of(today):
        return VISITED
    if last_visit is None or last_visit < today - SIX_MONTHS:
        return OVERDUE
    return DUE


def with_last_visit(dogs, *, as_of: date | None = None):
    """Each dog with the day of its last visit (up to `as_of`, for a day gone by)."""
    made = Q(visits__visited_on__lte=as_of) if as_of else Q()
    return dogs.annotate(last_visit=Max("visits__visited_on", filter=made))


def filter_status(dogs, status: str, *, today: date):
    """Dogs (annotated with their last visit) in one state, in the database."""
    start = period_of(today)
    if status == VISITED:
        return dogs.filter(last_visit__gte=start)
    stale = Q(last_visit__isnull=True) | Q(last_visit__lt=today - SIX_MONTHS)
    if status == OVERDUE:
        return dogs.filter(stale)
    return dogs.filter(last_visit__lt=start).exclude(stale)


def lines(dogs, *, today: date) -> list[Line]:
    """One line a dog (a queryset annotated by `with_last_visit`), with this period's
    assignment: three queries however many dogs."""
    start = period_of(today)
    current = Prefetch(
        "assignments",
        queryset=Assignment.objects.filter(period=start).select_related("visitor", "partner"),
        to_attr="this_period",
    )
    return [
        Line(
            dog=dog,
            status=status_of(dog.last_visit, today=today),
            last_visit=dog.last_visit,
            assignment=(dog.this_period or [None])[0],
        )
        for dog in dogs.select_related("force", "unit").prefetch_related(current)
    ]


def counts(dogs, *, today: date) -> dict[str, int]:
    """{state: how many} of the working dogs given, in one query."""
    from django.db.models import Count

    start = period_of(today)
    stale = Q(last_visit__isnull=True) | Q(last_visit__lt=today - SIX_MONTHS)
    found = with_last_visit(dogs.working(), as_of=today).aggregate(
        visited=Count("pk", filter=Q(last_visit__gte=start)),
        overdue=Count("pk", filter=stale),
        total=Count("pk"),
    )
    found[DUE] = found["total"] - found[VISITED] - found[OVERDUE]
    return found
