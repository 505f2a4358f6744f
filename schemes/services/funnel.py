"""Fair recruitment, measured: how applications flow through the stages.

For each stage: how many applications reached it, moved on from it, were declined or
withdrawn there, are still waiting at it, and the days a stage takes (the median, of
those that left it). Read from each application's recorded steps, so a stage a role
skips is simply not entered.

Broken down by one of the optional diversity answers, each stage's figures become a
table of groups, and volunteers.disclosure decides which cells to hide, so no one is
picked out: a group small at any stage is hidden at every stage after it too, and the
hidden cells of a stage together always hold at least the threshold (otherwise the
stage's total less the shown groups would give them away, "none" included).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from statistics import median
from typing import NamedTuple

from volunteers import disclosure
from volunteers.models import DiversityProfile
from volunteers.models.diversity import PREFER_NOT

from ..models import Application, Stage

Status = Application.Status
ACCEPTED = "accepted"
NOT_ANSWERED = ""
TENTH = Decimal("0.1")


@dataclass
class StageFigures:
    code: str
    label: str
    entered: int = 0
    moved_on: int = 0
    declined: int = 0
    withdrew: int = 0
    waiting: int = 0
    _days: list[float] = field(default_factory=list, repr=False)

    @property
    def median_days(self) -> Decimal | None:
        return Decimal(median(self._days)).quantize(TENTH) if self._days else None


def _stages() -> list[tuple[str, str]]:
    return [*((s.value, s.label) for s in Stage), (ACCEPTED, "Accepted into the scheme")]


def _path(application: Application) -> list[tuple[str, object]]:
    """The stages the application reached, in order, each with when it got there."""
    reached: dict[str, object] = {}
    for step in application.steps.all():
        if step.status == Status.OPEN and step.stage not in reached:
            reached[step.stage] = step.at
    # An application made or moved without a step recorded still reached where it is.
    reached.setdefault(Stage.RECEIVED, application.created_at)
    reached.setdefault(application.stage, application.stage_changed_at)
    path = sorted(reached.items(), key=lambda item: list(Stage.values).index(item[0]))
    if application.status == Status.ACCEPTED:
        path.append((ACCEPTED, application.closed_at))
    return path


def _count(application: Application, rows: dict[str, StageFigures]) -> None:
    path = _path(application)
    for position, (stage, at) in enumerate(path):
        row = rows[stage]
        row.entered += 1
        if stage == ACCEPTED:
            continue
        if position + 1 < len(path):
            row.moved_on += 1
            row._days.append((path[position + 1][1] - at).total_seconds() / 86400)
        elif application.status == Status.DECLINED:
            row.declined += 1
            row._days.append((application.closed_at - at).total_seconds() / 86400)
        elif application.status == Status.WITHDRAWN:
            row.withdrew += 1
            row._days.append((application.closed_at - at).total_seconds() / 86400)
        else:
            row.waiting += 1


def applications_between(first: date, last: date, *, schemes=None):
    """Applications made from `first` to `last` (inclusive), with their steps."""
    found = Application.objects.filter(created_at__date__gte=first, created_at__date__lte=last)
    if schemes is not None:
        found = found.filter(opportunity__scheme__in=schemes)
    return found.prefetch_related("steps")


def funnel(applications) -> list[StageFigures]:
    """Each stage's figures, in the stages' order; stages no application entered left out."""
    rows = {code: StageFigures(code, label) for code, label in _stages()}
    for application in applications:
        _count(application, rows)
    return [row for row in rows.values() if row.entered or row.code == Stage.RECEIVED]


def answer_groups(characteristic: str) -> list[tuple[str, str]]:
    """The answers to one question, in its order, and those who did not say last."""
    field_ = DiversityProfile._meta.get_field(characteristic)
    answers = [(value, str(label)) for value, label in field_.choices if value != PREFER_NOT[0]]
    return [*answers, (NOT_ANSWERED, "Did not say")]


class Cell(NamedTuple):
    stage: str
    reached: int | None  # None where hidden
    share: Decimal | None  # of the group's applications, in percent


class GroupRow(NamedTuple):
    code: str
    label: str
    cells: list[Cell]  # one a stage, in the funnel's order


def funnel_by_answer(applications, characteristic: str) -> tuple[list[str], list[GroupRow]]:
    """The stages reached, broken down by each applicant's answer to `characteristic`;
    returns the stage labels and one row per group, small groups hidden."""
    applications = list(applications.select_related("volunteer__diversity"))
    groups: dict[str, list[Application]] = defaultdict(list)
    for application in applications:
        profile = getattr(application.volunteer, "diversity", None)
        answer = getattr(profile, characteristic, "") if profile else ""
        groups[answer if answer != PREFER_NOT[0] else NOT_ANSWERED].append(application)
    stages = funnel(applications)
    per_group = {code: {r.code: r.entered for r in funnel(found)} for code, found in groups.items()}
    labels = dict(answer_groups(characteristic))
    # A group hidden at one stage stays hidden after it, and stays protected: the hidden
    # cells of each stage together never hold fewer than the threshold (none included).
    hidden_from: dict[str, int] = {}
    for position, stage in enumerate(stages):
        counts = {code: per_group[code].get(stage.code, 0) for code in per_group}
        for code in disclosure.hidden_groups(counts, already=set(hidden_from)):
            hidden_from.setdefault(code, position)
    rows = []
    for code, label in labels.items():
        if code not in per_group:
            continue
        start = hidden_from.get(code, len(stages))
        reached = [
            per_group[code].get(s.code, 0) if i < start else None for i, s in enumerate(stages)
        ]
        first = reached[0]
        cells = [
            Cell(
                stage.label, n, (Decimal(n) * 100 / first).quantize(TENTH) if n and first else None
            )
            for stage, n in zip(stages, reached, strict=True)
        ]
        rows.append(GroupRow(code, label, cells))
    return [s.label for s in stages], rows
