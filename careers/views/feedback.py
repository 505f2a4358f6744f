"""Feedback to senior officers: Specials make suggestions on the Special Constabulary
Strategy (their name hidden from line managers if they wish), senior officers answer, and
every Special sees what was adopted on "you said, we did"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from volunteers.forms import add_errors
from volunteers.pages import paginate
from volunteers.permissions import is_opcc_staff

from .. import feedback, permissions
from ..forms import AnswerForm, SuggestionFilterForm, SuggestionForm
from ..models import Suggestion

PER_PAGE = 25


def my_feedback(request):
    volunteer = permissions.get_own_special(request.user)
    form = SuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback.submit(volunteer=volunteer, **form.cleaned_data)
        messages.success(
            request,
            "Thank you: your suggestion is with the Special Constabulary's senior officers. "
            "We will e-mail you their answer.",
        )
        return redirect("careers:feedback")
    return render(
        request,
        "careers/my_feedback.html",
        {"form": form, "suggestions": Suggestion.objects.filter(volunteer=volunteer)},
    )


def you_said_we_did(request):
    permissions.get_own_special(request.user)
    adopted = Suggestion.objects.filter(status=Suggestion.Status.ADOPTED).order_by(
        "-answered_at", "-pk"
    )
    page = paginate(request, adopted, PER_PAGE)
    return render(request, "careers/you_said_we_did.html", {"page": page})


def _with_names(user, suggestions):
    opcc = is_opcc_staff(user)
    for suggestion in suggestions:
        suggestion.name_shown = feedback.shows_name(suggestion, opcc_staff=opcc)
    return suggestions


@permissions.specials_managers
def suggestions(request):
    form = SuggestionFilterForm(request.GET or None)
    queryset = Suggestion.objects.select_related("volunteer", "answered_by")
    if form.is_valid() and form.cleaned_data["status"]:
        queryset = queryset.filter(status=form.cleaned_data["status"])
    page = paginate(request, queryset, PER_PAGE)
    _with_names(request.user, page.object_list)
    return render(
        request,
        "careers/suggestions.html",
        {"form": form, "page": page},
    )


def _suggestion(request, pk):
    suggestion = Suggestion.objects.select_related("volunteer", "answered_by").filter(pk=pk).first()
    if suggestion is None:
        raise Http404("No such suggestion.")
    return _with_names(request.user, [suggestion])[0]


@permissions.specials_managers
def suggestion_detail(request, pk):
    suggestion = _suggestion(request, pk)
    return render(
        request, "careers/suggestion_detail.html", {"suggestion": suggestion, "form": AnswerForm()}
    )


@permissions.specials_managers
@require_POST
def answer(request, pk):
    suggestion = _suggestion(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            feedback.answer(actor=request.user, suggestion=suggestion, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, "Your answer is saved, and we have e-mailed the Special.")
            return redirect("careers:suggestions")
    return render(
        request, "careers/suggestion_detail.html", {"suggestion": suggestion, "form": form}
    )
