"""The public pages of Employer Supported Policing: the sign-up, and the employers who
agreed to be listed. No account is needed."""

from allauth.core import ratelimit
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse

from volunteers.throttle import public_form

from .. import join as join_steps
from .. import services
from ..models import Employer, Sector

TOO_MANY = (
    "We have had several sign-ups from your connection in the last hour. Please try again "
    "later, or e-mail the Special Constabulary office."
)


@public_form("esp_join_step")
def join(request):
    return _join_step(request, join_steps.STEPS[0])


@public_form("esp_join_step")
def join_you(request):
    return _join_step(request, join_steps.BY_SLUG["you"])


@public_form("esp_join_step")
def join_support(request):
    return _join_step(request, join_steps.BY_SLUG["support"])


@public_form("esp_join_step")
def join_account(request):
    return _join_step(request, join_steps.PASSWORD_STEP)


def _join_step(request, step):
    """One page of the sign-up: its answers are kept, then on to the next (or back to the
    check page when an answer is being changed)."""
    draft = join_steps.Draft(request.session)
    missing = draft.first_missing()
    if missing and join_steps.STEPS.index(missing) < join_steps.STEPS.index(step):
        return redirect(missing.url)  # an earlier page is not answered yet
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = join_steps.step_form(step, request.POST)
        if form.is_bot:
            draft.clear()
            return redirect("esp:join-thanks")  # say nothing useful to a bot
        if form.is_valid():
            draft.save_step(step, form)
            return redirect(join_steps.next_url(step, changing=changing))
    else:
        form = join_steps.step_form(step, initial=draft.initial_for(step))
    return _render_step(request, draft, step, form, changing=changing)


def _render_step(request, draft, step, form, *, changing=False):
    return render(
        request,
        "esp/join.html",
        {
            "form": form,
            "step": step,
            "number": join_steps.STEPS.index(step) + 1,
            "steps": len(join_steps.STEPS),
            "back_url": reverse("esp:join-check") if changing else join_steps.previous_url(step),
            "changing": changing,
            "email": draft.answers.get("contact_email"),
        },
    )


@public_form("esp_join_step")
def join_check(request):
    """Check your answers, then sign up: the employer and its account are made here only."""
    draft = join_steps.Draft(request.session)
    missing = draft.first_missing()
    if missing:
        return redirect(missing.url)
    # Every answer is checked again, together: one may have gone stale since its page (an
    # address taken meanwhile). The page holding the first problem shows it.
    form = join_steps.whole_form(draft.answers)
    if not form.is_valid():
        step = join_steps.first_step_with_errors(form)
        return _render_step(
            request, draft, step, join_steps.step_form(step, draft.answers), changing=True
        )
    employer = form.save(commit=False)
    status = 200
    if request.method == "POST":
        # Only complete sign-ups count towards the limit: fixing a typo never locks anyone out.
        if not ratelimit.consume(request, action="esp_join"):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            # The same thanks whether or not the address already had an account (then it
            # is e-mailed instead): the page never tells.
            services.sign_up(employer=employer, password_hash=draft.password_hash, request=request)
            draft.clear()
            request.session["esp_joined"] = employer.name
            return redirect("esp:join-thanks")
    return render(
        request,
        "esp/join_check.html",
        {"employer": employer, "form": form, "steps": join_steps.STEPS},
        status=status,
    )


@login_not_required
def join_thanks(request):
    return render(request, "esp/join_thanks.html", {"name": request.session.get("esp_joined")})


@login_not_required
def participating(request):
    """The employers that support Specials and agreed to say so, by sector."""
    listed = Employer.objects.filter(
        list_publicly=True, status__in=[Employer.Status.APPROVED, Employer.Status.ACTIVE]
    ).select_related("district")
    by_sector = {}
    for employer in listed.order_by("name"):
        by_sector.setdefault(employer.sector, []).append(employer)
    sectors = [(label, by_sector[code]) for code, label in Sector.choices if code in by_sector]
    return render(request, "esp/participating.html", {"sectors": sectors, "count": listed.count()})
