from datetime import date

from django import forms

from schemes.forms import FollowUpFilterForm, LocalDateTimeInput
from volunteers.forms import Form, ModelForm, mark_optional

from .models import DetaineeVisit, Suite
from .rota import quarter_label, weeks_of
from .validators import check_custody_number, check_no_custody_number, normalise_custody_number


class QuarterField(forms.TypedChoiceField):
    """A quarter picked from a list: "2027-01-01" in the address, its first day in
    `cleaned_data`."""

    default_error_messages = {"invalid_choice": "Choose a quarter from the list."}

    def __init__(self, *, quarters=(), **kwargs):
        super().__init__(coerce=date.fromisoformat, empty_value=None, **kwargs)
        self.choices = [(q.isoformat(), quarter_label(q)) for q in quarters]


class QuarterForm(Form):
    quarter = QuarterField(label="Quarter")

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"] = QuarterField(label="Quarter", quarters=quarters)


class AvailabilityForm(Form):
    weeks_away = forms.TypedMultipleChoiceField(
        label="Weeks you cannot visit",
        coerce=date.fromisoformat,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    most_visits = forms.IntegerField(
        label="Most visits you can make this quarter",
        min_value=0,
        max_value=13,
        error_messages={
            "min_value": "Enter 0 or more.",
            "max_value": "At most 13: one a week.",
        },
    )
    note = forms.CharField(label="Anything the manager should know", max_length=300, required=False)

    def __init__(self, *args, quarter: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weeks_away"].choices = [
            (w.isoformat(), f"Week of {w:%-d %B}") for w in weeks_of(quarter)
        ]
        mark_optional(self)


class VisitReportForm(Form):
    arrived_at = forms.DateTimeField(label="Arrived", widget=LocalDateTimeInput())
    left_at = forms.DateTimeField(label="Left", widget=LocalDateTimeInput())
    staff_seen = forms.CharField(
        label="Custody staff who received you",
        max_length=200,
        help_text="Their names and ranks, e.g. PS Lee, custody sergeant.",
    )
    detainees_held = forms.IntegerField(
        label="People held when you arrived", min_value=0, max_value=200
    )
    detainees_offered = forms.IntegerField(
        label="People offered a visit", min_value=0, max_value=200
    )
    raised_at_the_time = forms.CharField(
        label="Concerns you raised with the custody sergeant, and what they said",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[check_no_custody_number],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class DetaineeForm(ModelForm):
    custody_number = forms.CharField(
        label="Custody number",
        max_length=30,
        help_text="The number only, never a name.",
        validators=[check_custody_number],
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    class Meta:
        model = DetaineeVisit
        fields = [
            "custody_number",
            "consented",
            "is_child",
            "is_vulnerable_adult",
            "held_under_terrorism_act",
        ]

    def clean_custody_number(self):
        return normalise_custody_number(self.cleaned_data["custody_number"]).upper()


DetaineeFormSet = forms.formset_factory(DetaineeForm, extra=0, max_num=60, absolute_max=60)


class SwapForm(Form):
    colleague = forms.ModelChoiceField(label="Colleague who will go instead", queryset=None)
    reason = forms.CharField(label="Why you cannot go", max_length=300)

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues


class ReportFilterForm(Form):
    suite = forms.ModelChoiceField(
        label="Suite", queryset=Suite.objects.all(), required=False, empty_label="All suites"
    )
    quarter = QuarterField(label="Quarter", required=False)
    with_concerns = forms.BooleanField(label="Only visits with concerns", required=False)
    for_reviewer = forms.BooleanField(
        label="Only visits for the Independent Reviewer of Terrorism Legislation", required=False
    )

    def __init__(self, *args, quarters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"] = QuarterField(label="Quarter", quarters=quarters, required=False)
        self.fields["quarter"].choices = [("", "Any time"), *self.fields["quarter"].choices]


class IssueFilterForm(FollowUpFilterForm):
    suite = forms.ModelChoiceField(
        label="Suite", queryset=Suite.objects.all(), required=False, empty_label="All suites"
    )


class SummaryForm(Form):
    year = forms.TypedChoiceField(label="Year", coerce=int)
    quarter = forms.TypedChoiceField(
        label="Quarter",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", "The whole year"),
            (1, "January to March"),
            (2, "April to June"),
            (3, "July to September"),
            (4, "October to December"),
        ],
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
