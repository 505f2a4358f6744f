"""The public ESP sign-up, one topic a page, then "Check your answers".

What a business has answered so far is a draft kept in its (anonymous) session until it
signs up: each step's answers as typed, and the password only as a hash. Nothing is
created before the last page.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.urls import reverse

from .forms import CONTACT_FIELDS, ORGANISATION_FIELDS, SUPPORT_FIELDS, EmployerSignUpForm

SESSION_KEY = "esp_join"
HONEYPOT = "website"  # a field people never see and bots fill


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    fields: tuple[str, ...]
    url_name: str

    @property
    def url(self) -> str:
        return reverse(f"esp:{self.url_name}")


STEPS = (
    Step("organisation", "Your organisation", (*ORGANISATION_FIELDS, HONEYPOT), "join"),
    Step("you", "About you", tuple(CONTACT_FIELDS), "join-you"),
    Step("support", "The support you offer", tuple(SUPPORT_FIELDS), "join-support"),
    Step("account", "Your employer account", ("password1", "password2"), "join-account"),
)
BY_SLUG = {step.slug: step for step in STEPS}
PASSWORD_STEP = BY_SLUG["account"]


def step_form(step: Step, data=None, initial=None) -> EmployerSignUpForm:
    return EmployerSignUpForm(data, initial=initial, only=step.fields)


def whole_form(answers: dict) -> EmployerSignUpForm:
    """Every answer but the password, bound together, for the last check and the save."""
    fields = [name for step in STEPS if step is not PASSWORD_STEP for name in step.fields]
    return EmployerSignUpForm(answers, only=[name for name in fields if name != HONEYPOT])


def first_step_with_errors(form: EmployerSignUpForm) -> Step:
    return next((step for step in STEPS if set(step.fields) & set(form.errors)), STEPS[0])


class Draft:
    """The answers given so far, in the session."""

    def __init__(self, session):
        self.session = session
        self.data = session.get(SESSION_KEY) or {"answers": {}, "done": []}

    @property
    def answers(self) -> dict:
        return self.data["answers"]

    @property
    def password_hash(self) -> str | None:
        return self.data.get("password_hash")

    def save_step(self, step: Step, form: EmployerSignUpForm) -> None:
        """Keep a valid step's answers as typed (re-checked together at the end)."""
        if step is PASSWORD_STEP:
            self.data["password_hash"] = make_password(form.cleaned_data["password1"])
        else:
            for name in step.fields:
                if name == HONEYPOT:
                    continue
                value = form.data.get(name)
                if value in (None, ""):
                    self.answers.pop(name, None)
                else:
                    self.answers[name] = value
        if step.slug not in self.data["done"]:
            self.data["done"].append(step.slug)
        self.session[SESSION_KEY] = self.data

    def initial_for(self, step: Step) -> dict:
        return {name: self.answers[name] for name in step.fields if name in self.answers}

    def first_missing(self) -> Step | None:
        return next((step for step in STEPS if step.slug not in self.data["done"]), None)

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)


def next_url(step: Step, *, changing: bool) -> str:
    """After a step: the next one, or back to the check page when changing an answer."""
    later = STEPS[STEPS.index(step) + 1 :]
    return later[0].url if later and not changing else reverse("esp:join-check")


def previous_url(step: Step) -> str | None:
    index = STEPS.index(step)
    return STEPS[index - 1].url if index else None
