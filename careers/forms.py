from django import forms
from django.utils import timezone

from volunteers.forms import Form, ModelForm, MonthField, mark_optional
from volunteers.models import District

from .models import (
    STEP_ORDER,
    Award,
    CompetenceSignOff,
    LeaveOfAbsence,
    Pathway,
    PathwayApplication,
    Posting,
    Rank,
    RegularRoute,
    ServiceRecord,
    Suggestion,
    Team,
)


def _date(**attrs):
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


class ServiceRecordForm(ModelForm):
    prefix = "record"  # the record page holds several forms; their ids must differ

    class Meta:
        model = ServiceRecord
        fields = ["attested_on", "warrant_number"]
        widgets = {"attested_on": _date()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class RankChangeForm(Form):
    prefix = "rank"

    rank = forms.ChoiceField(label="New rank", choices=Rank.choices)
    effective_on = forms.DateField(label="From", widget=_date(), initial=timezone.localdate)
    note = forms.CharField(
        label="Note", max_length=200, required=False, help_text="e.g. promotion board, date"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class PostingForm(ModelForm):
    prefix = "posting"

    class Meta:
        model = Posting
        fields = ["team", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": _date(), "ends_on": _date()}
        labels = {"starts_on": "Starts", "ends_on": "Ends"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(is_active=True)
        mark_optional(self)


class EndPostingForm(Form):
    ends_on = forms.DateField(label="Ends on", widget=_date(), initial=timezone.localdate)


class SignOffForm(ModelForm):
    prefix = "signoff"

    class Meta:
        model = CompetenceSignOff
        fields = ["step", "signed_off_on", "evidence"]
        widgets = {"signed_off_on": _date(), "evidence": forms.Textarea(attrs={"rows": 3})}
        labels = {"signed_off_on": "Signed off on"}

    def __init__(self, *args, next_step=None, **kwargs):
        super().__init__(*args, **kwargs)
        if next_step is not None:
            self.fields["step"].initial = next_step
        self.fields["signed_off_on"].initial = timezone.localdate
        self.fields["step"].choices = [(s.value, s.label) for s in STEP_ORDER]


class SpecialsFilterForm(Form):
    q = forms.CharField(label="Name or e-mail", required=False)
    rank = forms.ChoiceField(label="Rank", required=False, choices=[("", "Any"), *Rank.choices])
    team = forms.ModelChoiceField(
        label="Posted to", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )
    patrol = forms.ChoiceField(
        label="Independent Patrol Status",
        required=False,
        choices=[("", "Either"), ("yes", "Has it"), ("no", "Not yet")],
    )
    district = forms.ModelChoiceField(
        label="District", required=False, queryset=District.objects.all(), empty_label="Any"
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[("name", "Name"), ("rank", "Rank"), ("attested", "Attested, newest first")],
    )


class ApplyForm(Form):
    statement = forms.CharField(
        label="Why you want to join, and what you bring",
        widget=forms.Textarea(attrs={"rows": 4}),
        min_length=20,
        max_length=3000,
        help_text="A few sentences for the pathway lead: your experience and your availability.",
    )


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("accept", "Accept: post them to the team"), ("decline", "Not this time")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason, for the Special to read", widget=forms.Textarea(attrs={"rows": 2})
    )
    starts_on = forms.DateField(
        label="Posting starts", required=False, widget=_date(), help_text="When accepting."
    )
    ends_on = forms.DateField(label="Posting ends", required=False, widget=_date())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class RegularRouteForm(ModelForm):
    prefix = "regular"

    class Meta:
        model = RegularRoute
        fields = ["stage", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class ApplicationFilterForm(Form):
    pathway = forms.ModelChoiceField(
        label="Pathway", required=False, queryset=Pathway.objects.all(), empty_label="Any"
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), *PathwayApplication.Status.choices],
        initial=PathwayApplication.Status.APPLIED,
    )


class SuggestionForm(ModelForm):
    class Meta:
        model = Suggestion
        fields = ["title", "body", "hide_name"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class AnswerForm(Form):
    status = forms.ChoiceField(
        label="Outcome",
        choices=[
            (Suggestion.Status.ANSWERED, "Answered"),
            (Suggestion.Status.ADOPTED, "Adopted"),
            (Suggestion.Status.DECLINED, "Not adopted"),
        ],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label="Answer, for the Special to read", widget=forms.Textarea(attrs={"rows": 3})
    )
    we_did = forms.CharField(
        label="What we did",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="When adopted: shown to every Special on “you said, we did”.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class SuggestionFilterForm(Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any"), *Suggestion.Status.choices]
    )


class LeaveForm(ModelForm):
    prefix = "leave"

    class Meta:
        model = LeaveOfAbsence
        fields = ["kind", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": _date(), "ends_on": _date()}
        labels = {"starts_on": "From", "ends_on": "Until"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class MonthForm(Form):
    month = MonthField(label="Month")

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].months = months


class AwardForm(ModelForm):
    prefix = "award"

    class Meta:
        model = Award
        fields = ["category", "awarded_on", "citation"]
        widgets = {"awarded_on": _date(), "citation": forms.Textarea(attrs={"rows": 2})}
        labels = {"category": "Award or commendation", "awarded_on": "Awarded on"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)
