"""The page of one follow-up (a concern from a scrutiny visit) and the three things done
on it: the force answers, a manager sends it to the OPCC lead, the lead closes it. Each
scrutiny app's views load the follow-up through its own permission helper and say who
may do what; the page and the actions are the same for every scheme."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

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
