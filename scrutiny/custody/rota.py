"""Planning a quarter's unannounced visits: which pair visits which suite in which week.

Pure planning, no database: `plan` takes the suites (with how often each is to be
visited), the visitors (who is new, the weeks each is away, how many visits each can
make, whom each last visited with) and gives the allocations and the gaps no pair could
fill. Every visit is a pair; a new visitor always goes with an experienced one (a
training visit); no one visits twice in a week; a pair who visited together last time
are not put together again where anyone else can go; the work is shared, fewest visits
first, so each visitor goes about as often as the rest.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

WEEKS_IN_QUARTER = 13


def quarter_of(day: date) -> date:
    """The first day of the quarter `day` falls in."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(quarter: date) -> date:
    month = quarter.month + 3
    return date(quarter.year + (month > 12), (month - 1) % 12 + 1, 1)


def weeks_of(quarter: date) -> list[date]:
    """The Mondays of the weeks that begin in the quarter."""
    end = next_quarter(quarter)
    monday = quarter + timedelta(days=(7 - quarter.weekday()) % 7)
    weeks = []
    while monday < end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def quarters_to_plan(today: date) -> list[date]:
    """This quarter and the next: the ones a rota can be planned for, or availability given."""
    this = quarter_of(today)
    return [this, next_quarter(this)]


def quarter_label(quarter: date) -> str:
    """ "January to March 2027"."""
    last = next_quarter(quarter) - timedelta(days=1)
    return f"{quarter:%B} to {last:%B %Y}"


@dataclass
class Visitor:
    key: int
    name: str
    is_new: bool = False
    weeks_away: set[date] = field(default_factory=set)
    most_visits: int = 3
    last_partner: int | None = None
    load: int = 0


@dataclass(frozen=True)
class SuiteToVisit:
    key: int
    every: int  # weeks between visits


@dataclass(frozen=True)
class Visit:
    suite: int
    week: date
    first: int
    second: int
    is_training: bool


def visit_weeks(suite: SuiteToVisit, weeks: list[date], offset: int) -> list[date]:
    """The weeks a suite is to be visited: one in each whole `every` weeks of the quarter
    (six for a fortnightly suite in thirteen weeks, as the summary's target counts them),
    suites staggered by `offset` so they do not all fall in the same weeks."""
    return weeks[offset % suite.every :: suite.every][: len(weeks) // suite.every]


def plan(
    *,
    quarter: date,
    suites: list[SuiteToVisit],
    visitors: list[Visitor],
    from_week: date | None = None,
) -> tuple[list[Visit], list[tuple[int, date]]]:
    """The quarter's visits and gaps; with `from_week`, none in the weeks before it (a
    quarter already under way is planned from the week it is planned in)."""
    weeks = weeks_of(quarter)
    due = {}  # week -> suites to visit that week
    for offset, suite in enumerate(suites):
        for week in visit_weeks(suite, weeks, offset):
            if from_week is None or week >= from_week:
                due.setdefault(week, []).append(suite)
    visits, gaps = [], []
    for week in weeks:
        busy: set[int] = set()
        for suite in due.get(week, []):
            pair = _pair(visitors, week, busy)
            if pair is None:
                gaps.append((suite.key, week))
                continue
            first, second = pair
            for one, other in ((first, second), (second, first)):
                one.load += 1
                one.last_partner = other.key
                busy.add(one.key)
            visits.append(
                Visit(suite.key, week, first.key, second.key, first.is_new or second.is_new)
            )
    return visits, gaps


def _pair(visitors: list[Visitor], week: date, busy: set[int]):
    free = sorted(
        (
            v
            for v in visitors
            if v.key not in busy and week not in v.weeks_away and v.load < v.most_visits
        ),
        key=lambda v: (v.load, v.is_new, v.name, v.key),
    )
    for first in free:
        partners = [v for v in free if v is not first and not (first.is_new and v.is_new)]
        fresh = [v for v in partners if v.key != first.last_partner and first.key != v.last_partner]
        chosen = (fresh or partners)[:1]
        if chosen:
            return first, chosen[0]
    return None
