"""The figures the Commissioner's panel, the Home Office and ICVA ask of custody visiting,
for any stretch of time: per suite and overall, visits made against the target, people
held, offered a visit and seen, the consent rate, children and vulnerable adults seen,
concerns by checklist section, and the concerns' answers (open, closed, days to close)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from schemes.services.followups import ConcernFigures
from volunteers import disclosure

from .checklist import CUSTODY_CHECKLIST
from .models import CustodyIssue, DetaineeVisit, Suite, VisitReport


@dataclass
class Figures(ConcernFigures):
    name: str = ""
    target: int = 0
    visits: int = 0
    held: int = 0
    offered: int = 0
    seen: int = 0
    children: int = 0
    vulnerable: int = 0
    for_reviewer: int = 0
    hidden: set = field(default_factory=set)  # the counts of people too few to show

    @property
    def children_shown(self):
        return disclosure.HIDDEN if "children" in self.hidden else self.children

    @property
    def vulnerable_shown(self):
        return disclosure.HIDDEN if "vulnerable" in self.hidden else self.vulnerable

    @property
    def consent_rate(self) -> int | None:
        return round(self.seen * 100 / self.offered) if self.offered else None

    @property
    def against_target(self) -> int | None:
        return round(self.visits * 100 / self.target) if self.target else None


def target_visits(suite: Suite, start: date, end: date) -> int:
    """Visits the suite should have in [start, end]: one in each whole `visit_every` of
    the weeks beginning then (a fortnightly suite: six in a quarter of thirteen weeks), as
    the rota plans them."""
    first_monday = start + timedelta(days=-start.weekday() % 7)
    weeks = (end - first_monday).days // 7 + 1 if first_monday <= end else 0
    return weeks // suite.visit_every


def period_bounds(year: int, quarter: int | None) -> tuple[date, date]:
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * (quarter - 1) + 1, 1)
    end = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - timedelta(days=1)
    return start, end


def summarise(start: date, end: date, *, today: date) -> tuple[list[Figures], Figures]:
    """Figures per suite, and overall, for the visits made from `start` to `end`. A target
    counts only the weeks that have passed by `today`."""
    counted_to = min(end, today)
    suites = list(Suite.objects.order_by("name"))
    per_suite = {s.pk: Figures(name=s.name) for s in suites}
    if counted_to >= start:
        for suite in suites:
            if suite.is_open:
                per_suite[suite.pk].target = target_visits(suite, start, counted_to)
    reports = VisitReport.objects.filter(arrived_at__date__gte=start, arrived_at__date__lte=end)
    for row in reports.values("suite").annotate(
        visits=Count("pk"),
        held=Sum("detainees_held"),
        offered=Sum("detainees_offered"),
        for_reviewer=Count("pk", filter=Q(for_independent_reviewer=True)),
    ):
        figures = per_suite[row["suite"]]
        figures.visits, figures.held = row["visits"], row["held"] or 0
        figures.offered, figures.for_reviewer = row["offered"] or 0, row["for_reviewer"]
    seen = DetaineeVisit.objects.filter(report__in=reports, consented=True)
    for row in seen.values("report__suite").annotate(
        seen=Count("pk"),
        children=Count("pk", filter=Q(is_child=True)),
        vulnerable=Count("pk", filter=Q(is_vulnerable_adult=True)),
    ):
        figures = per_suite[row["report__suite"]]
        figures.seen, figures.children, figures.vulnerable = (
            row["seen"],
            row["children"],
            row["vulnerable"],
        )
    issues = CustodyIssue.objects.filter(report__in=reports)
    for suite_id, *concern in issues.values_list(
        "report__suite", "section", "status", "raised_at", "closed_at"
    ):
        per_suite[suite_id].count(*concern)
    overall = Figures(name="All suites")
    for figures in per_suite.values():
        for name in ("target", "visits", "held", "offered", "seen", "children", "vulnerable"):
            setattr(overall, name, getattr(overall, name) + getattr(figures, name))
        overall.for_reviewer += figures.for_reviewer
        overall.add_concerns_of(figures)
    _hide_the_few(per_suite, overall)
    return list(per_suite.values()), overall


def _hide_the_few(per_suite: dict, overall: Figures) -> None:
    """Children and vulnerable adults seen are people who could be picked out: a suite's
    count too small to show is hidden, with whatever would let it be worked out again
    (volunteers.disclosure); a small total hides them all."""
    for name in ("children", "vulnerable"):
        counts = {pk: getattr(figures, name) for pk, figures in per_suite.items()}
        total = getattr(overall, name)
        if 0 < total < disclosure.threshold():
            hidden, overall_too = set(counts), True
        else:
            hidden, overall_too = disclosure.hidden_groups(counts), False
        for pk in hidden:
            per_suite[pk].hidden.add(name)
        if overall_too:
            overall.hidden.add(name)


SECTIONS = [(s.code, s.title) for s in CUSTODY_CHECKLIST.sections]
