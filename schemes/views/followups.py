"""The page of one follow-up (a concern from a scrutiny visit) and the three things done
on it: the force answers, a manager sends it to the OPCC lead, the lead closes it. Each
scrutiny app's views load the follow-up through its own permission helper and say who
may do what; the page and the actions are the same for every scheme."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from volunteers.exports import stream_csv
from volunteers.forms import add_errors

from ..forms import FollowUpEscalateForm, FollowUpOutcomeForm, FollowUpResponseForm
from ..services import followups

ANSWERED = "Thank you: the answer is recorded, the concern closed and the visitors told."
ESCALATED = "Sent to the OPCC lead."
CLOSED = "Closed with the OPCC lead's outcome; the visitors are told."


def follow_up_page(request, issue, *, template: str, may_answer: bool, may_manage: bool, **forms):
    """The follow-up's page: what was seen, where it stands, and the forms this person may
    use (`forms` holds a bound one to show again with its errors)."""
    return render(
        request,
        template,
        {
            "issue": issue,
            "manager": may_manage,
            "may_answer": may_answer and issue.status == issue.Status.WITH_FORCE,
            "overdue": issue.is_overdue(timezone.localdate()),
            "response_form": forms.get("response_form") or FollowUpResponseForm(),
            "escalate_form": forms.get("escalate_form") or FollowUpEscalateForm(),
            "outcome_form": forms.get("outcome_form") or FollowUpOutcomeForm(),
        },
    )


ACTIONS = {
    "answer": (
        FollowUpResponseForm,
        "response_form",
        lambda issue, actor, data: followups.respond(
            issue=issue, actor=actor, response=data["response"]
        ),
        ANSWERED,
    ),
    "escalate": (
        FollowUpEscalateForm,
        "escalate_form",
        lambda issue, actor, data: followups.escalate(issue=issue, actor=actor, note=data["note"]),
        ESCALATED,
    ),
    "close": (
        FollowUpOutcomeForm,
        "outcome_form",
        lambda issue, actor, data: followups.close_escalated(
            issue=issue, actor=actor, outcome=data["outcome"]
        ),
        CLOSED,
    ),
}


def act_on_follow_up(request, issue, action: str, *, page):
    """Do `action` ("answer", "escalate" or "close") with the posted form; back to the
    follow-up's page, or the page again (`page(**forms)`) with what is wrong."""
    form_class, name, act, done = ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(issue, request.user, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(issue.get_absolute_url())
    return page(**{name: form})


def follow_up_views(*, load, template: str, may_answer, may_manage):
    """One scheme's follow-up views, (page, answer, escalate, close), for its urls to wrap
    in who may use each: `load(user, pk)` finds the follow-up or 404s, `may_answer(user)`
    and `may_manage(user)` say which forms the page offers."""

    def show(request, found, **forms):
        return follow_up_page(
            request,
            found,
            template=template,
            may_answer=may_answer(request.user),
            may_manage=may_manage(request.user),
            **forms,
        )

    def page(request, pk):
        return show(request, load(request.user, pk))

    def action(name):
        def view(request, pk):
            found = load(request.user, pk)
            return act_on_follow_up(
                request, found, name, page=lambda **forms: show(request, found, **forms)
            )

        return view

    return page, action("answer"), action("escalate"), action("close")


FOLLOW_UPS_HEADER = [
    "Where",
    "Raised",
    "Section",
    "Check",
    "Concern",
    "Status",
    "Answer due",
    "Answer or outcome",
    "Closed",
]


def follow_ups_csv(filename: str, issues):
    """The follow-ups as a download, one row each (their `where` first)."""
    rows = (
        [
            issue.where(),
            timezone.localtime(issue.raised_at).date().isoformat(),
            issue.section_title(),
            issue.check_label(),
            issue.concern,
            issue.get_status_display(),
            issue.due_on.isoformat(),
            issue.response or issue.outcome,
            timezone.localtime(issue.closed_at).date().isoformat() if issue.closed_at else "",
        ]
        for issue in issues.iterator(chunk_size=1000)
    )
    return stream_csv(filename, FOLLOW_UPS_HEADER, rows)
