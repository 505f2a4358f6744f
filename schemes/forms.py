from decimal import Decimal

from django import forms
from django.utils import timezone

from volunteers import dates
from volunteers.forms import DateRange, Form, ModelForm, MonthField, mark_optional
from volunteers.models import District, Scheme

from . import eligibility
from .models import Duty, HoursEntry, Interview
from .services.duties import MAX_WEEKS
from .services.hours import FUTURE_DATE
from .services.recruitment import REASON_NEEDED

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class HoursField(forms.DecimalField):
    """Hours given on one day, in quarter hours, with messages in people's words."""

    default_error_messages = {
        "max_value": "At most 24 hours in a day.",
        "min_value": "At least a quarter of an hour (0.25).",
        "max_decimal_places": "In quarter hours, please: 2.25 is 2 hours 15 minutes.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "In quarter hours: 2.25 is 2 hours 15 minutes.")
        super().__init__(
            min_value=Decimal("0.25"),
            max_value=Decimal("24"),
            decimal_places=2,
            widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
            **kwargs,
        )


def _two_years_on(today):
    return dates.anniversary(today, 2)


class DutyForm(ModelForm):
    # Duties are planned up to two years ahead (a new one must start in the future).
    date_ranges = {
        name: DateRange(latest=_two_years_on)
        for name in ["starts_at", "ends_at", "signup_deadline"]
    }

    class Meta:
        model = Duty
        fields = [
            "scheme",
            "title",
            "kind",
            "starts_at",
            "ends_at",
            "place",
            "district",
            "min_people",
            "places",
            "signup_deadline",
            "cancel_cutoff_hours",
            "required_vetting",
            "required_course",
            "requirement",
            "notes",
        ]
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "signup_deadline": LocalDateTimeInput(),
            "min_people": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "places": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "cancel_cutoff_hours": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"starts_at": "Starts", "ends_at": "Ends"}
        help_texts = {"places": "Bookings beyond this join the waiting list."}

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        self.fields["scheme"].empty_label = None
        for name in ["starts_at", "ends_at", "signup_deadline"]:
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
        self.fields["district"].empty_label = "Countywide or outside Hertfordshire"
        self.fields["requirement"] = forms.ChoiceField(
            label="Also needs",
            required=False,
            choices=[("", "Nothing more"), *eligibility.requirement_choices()],
            help_text=Duty._meta.get_field("requirement").help_text,
        )
        mark_optional(self)

    def clean(self):
        data = super().clean()
        starts, ends, deadline = (
            data.get("starts_at"),
            data.get("ends_at"),
            data.get("signup_deadline"),
        )
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end must be after the start.")
        if starts and deadline and deadline > starts:
            self.add_error("signup_deadline", "Bookings must close before the duty starts.")
        minimum, places = data.get("min_people"), data.get("places")
        if minimum and places and places < minimum:
            self.add_error("places", "The maximum must be at least the minimum.")
        return data


class DutyCreateForm(DutyForm):
    weeks = forms.IntegerField(
        min_value=1,
        max_value=MAX_WEEKS,
        initial=1,
        label="Repeat weekly for (weeks)",
        help_text="1 for a single duty; up to 26 creates the same duty each week.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CancelDutyForm(Form):
    reason = forms.CharField(
        max_length=200,
        label="Why is it cancelled?",
        help_text="Everyone booked or waiting gets this in their e-mail.",
    )


class AttendanceForm(Form):
    """A came / did not come choice for each person booked."""

    def __init__(self, *args, signups, **kwargs):
        super().__init__(*args, **kwargs)
        for signup in signups:
            current = (
                ""
                if signup.status == signup.Status.BOOKED
                else ("yes" if signup.status == signup.Status.ATTENDED else "no")
            )
            self.fields[f"s{signup.pk}"] = forms.ChoiceField(
                label=str(signup.volunteer),
                choices=[("yes", "Attended"), ("no", "Did not attend")],
                widget=forms.RadioSelect,
                required=False,
                initial=current,
            )

    def marks(self) -> dict[int, bool]:
        return {
            int(name[1:]): value == "yes"
            for name, value in self.cleaned_data.items()
            if value in {"yes", "no"}
        }


class HoursForm(ModelForm):
    # Hours are logged for days already worked, within the last two years.
    date_ranges = {
        "worked_on": DateRange(
            earliest=lambda today: dates.years_before(today, 2),
            latest=lambda today: today,
            too_early="Hours can be logged for the last two years: from {earliest}.",
            too_late=FUTURE_DATE,
        )
    }
    hours = HoursField()

    class Meta:
        model = HoursEntry
        fields = ["scheme", "worked_on", "hours", "kind", "description"]
        widgets = {"worked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"description": "What you did"}

    def __init__(self, *args, volunteer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = Scheme.objects.joined_by(volunteer)
        self.fields["scheme"].empty_label = None
        self.fields["worked_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        mark_optional(self)


class RejectHoursForm(Form):
    reason = forms.CharField(
        max_length=200,
        label="Why are these hours not approved?",
        help_text="The volunteer sees this and can correct the entry.",
    )


class RosterFilterForm(Form):
    view = forms.ChoiceField(choices=[("week", "Week"), ("month", "Month")], required=False)
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All your schemes",
    )

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes


class PortalDutyFilterForm(Form):
    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All your schemes",
    )
    starting = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Anywhere",
    )

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes


class MinimumsFilterForm(Form):
    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.none(), to_field_name="slug", required=False, empty_label=None
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="All districts",
    )
    month = MonthField(required=False, label="Six months up to")
    order = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("need", "Most in need first"), ("name", "By name")],
    )

    # How far back the grid can look, in months.
    MONTHS_OFFERED = 36

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        self.fields["month"].months = dates.months_up_to(timezone.localdate(), self.MONTHS_OFFERED)


class RoleFilterForm(Form):
    """The public list of roles: which scheme, where, what kind of activity."""

    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.filter(is_active=True),
        to_field_name="slug",
        required=False,
        empty_label="Every scheme",
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Anywhere in the county",
        label="Where",
    )
    activity = forms.ChoiceField(
        label="Kind of activity", required=False, choices=[("", "Any kind")]
    )

    def __init__(self, *args, **kwargs):
        from .models import Opportunity

        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [("", "Any kind"), *Opportunity.Activity.choices]
        # Only the schemes people can apply to (ESP's employers join through its sign-up).
        taking = Opportunity.objects.open_on(timezone.localdate()).values("scheme_id")
        self.fields["scheme"].queryset = Scheme.objects.filter(is_active=True, pk__in=taking)


class ApplyForm(Form):
    """An application: the role's own questions, and what the person's record cannot show."""

    LIVES_OR_WORKS = "I live or work in Hertfordshire"
    SERVES = "I am a serving police officer or a member of police staff"

    def __init__(self, *args, opportunity, volunteer, **kwargs):
        from .models import Opportunity, Question

        super().__init__(*args, **kwargs)
        self.questions = list(opportunity.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(
                    choices=[(c, c) for c in question.choice_list], widget=forms.RadioSelect
                )
            elif question.kind == Question.Kind.YES_NO:
                field = forms.ChoiceField(
                    choices=[("Yes", "Yes"), ("No", "No")], widget=forms.RadioSelect
                )
            else:
                field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
            field.label, field.required = question.text, question.required
            self.fields[name] = field
        asks_where = (
            opportunity.residence == Opportunity.Residence.LIVE_OR_WORK
            and volunteer.district_id is None
        )
        if asks_where:
            self.fields["lives_or_works_here"] = forms.BooleanField(
                label=self.LIVES_OR_WORKS, required=False
            )
        if opportunity.must_be_independent:
            self.fields["serves_in_police"] = forms.ChoiceField(
                label="Are you a serving police officer or a member of police staff?",
                choices=[("no", "No"), ("yes", "Yes")],
                widget=forms.RadioSelect,
                help_text="Custody visitors are independent of the police.",
            )
        mark_optional(self)

    def answers(self) -> list[dict]:
        return [
            {"question": q.text, "answer": str(self.cleaned_data.get(f"q{q.pk}") or "")}
            for q in self.questions
        ]

    def declared(self):
        from .services.recruitment import Declared

        return Declared(
            lives_or_works_here=bool(self.cleaned_data.get("lives_or_works_here")),
            serves_in_police=self.cleaned_data.get("serves_in_police") == "yes",
        )


class MoveOnForm(Form):
    note = forms.CharField(
        label="Note for the record", required=False, max_length=300,
        help_text="Kept with the application's history; the applicant does not see it.",
    )  # fmt: skip


class DeclineForm(Form):
    reason = forms.CharField(
        label="Why it is not going forward",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The applicant reads this in a kind e-mail from us.",
        error_messages={"required": REASON_NEEDED},
    )


class InterviewForm(ModelForm):
    date_ranges = {"starts_at": DateRange(earliest=lambda today: today, latest=_two_years_on)}

    class Meta:
        model = Interview
        fields = ["starts_at", "minutes", "place", "panel"]
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 10, "max": 240}),
        }


class WithdrawForm(Form):
    reason = forms.CharField(
        label="Anything you would like to tell us", required=False, max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class FunnelFilterForm(Form):
    """Which applications the funnel counts: a scheme's (or all the person runs), made in a
    stretch of time; and, for those who may see diversity data, broken down by an answer."""

    scheme = forms.ModelChoiceField(
        queryset=None, to_field_name="slug", required=False, empty_label="Every scheme"
    )
    date_ranges = {
        name: DateRange(latest=lambda today: today) for name in ["applied_from", "applied_to"]
    }
    applied_from = forms.DateField(
        label="Applied from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    applied_to = forms.DateField(
        label="Applied up to", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    by = forms.ChoiceField(label="Break down by", required=False)

    def __init__(self, *args, schemes, characteristics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes
        if characteristics:
            self.fields["by"].choices = [("", "No breakdown"), *characteristics]
        else:
            del self.fields["by"]

    def clean(self):
        data = super().clean()
        first, last = data.get("applied_from"), data.get("applied_to")
        if first and last and last < first:
            self.add_error("applied_to", "This must be on or after “Applied from”.")
            data.pop("applied_from", None)  # neither end of a reversed range is used
        return data


class ApplicantFilterForm(Form):
    q = forms.CharField(label="Name or e-mail", required=False, max_length=100)
    role = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Every role", to_field_name="slug"
    )
    stage = forms.ChoiceField(label="Stage", required=False)
    status = forms.ChoiceField(label="Status", required=False)

    def __init__(self, *args, roles, **kwargs):
        from .models import Application, Stage

        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles
        self.fields["stage"].choices = [("", "Every stage"), *Stage.choices]
        self.fields["status"].choices = [
            ("open", "In progress"),
            *[c for c in Application.Status.choices if c[0] != "open"],
            ("all", "All"),
        ]


# --- The scrutiny schemes' follow-ups (schemes/services/followups.py) -----------------


class FollowUpFilterForm(Form):
    """Which of a scheme's follow-ups to list (schemes.services.followups.in_state)."""

    status = forms.ChoiceField(
        label="Show",
        choices=[
            ("open", "Still open"),
            ("overdue", "Overdue answers"),
            ("with-force", "With the force"),
            ("escalated", "With the OPCC lead"),
            ("closed", "Closed"),
            ("all", "All"),
        ],
        required=False,
    )


class FollowUpResponseForm(Form):
    response = forms.CharField(
        label="The force's answer",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was done, or will be done, and by when.",
    )


class FollowUpEscalateForm(Form):
    note = forms.CharField(
        label="Why it goes to the OPCC lead",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpOutcomeForm(Form):
    outcome = forms.CharField(
        label="What the OPCC lead concluded",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
