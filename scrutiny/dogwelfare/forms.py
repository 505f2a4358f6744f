from datetime import timedelta

from django import forms

from schemes.forms import FollowUpFilterForm
from volunteers.forms import DateRange, Form, ModelForm, mark_optional
from volunteers.models import Force

from .coverage import STATUS_LABELS
from .models import Dog, DogUnit, Meeting


class CoverageFilterForm(Form):
    force = forms.ModelChoiceField(
        label="Force", queryset=Force.objects.all(), required=False, empty_label="All forces"
    )
    status = forms.ChoiceField(
        label="Show", choices=[("", "Every working dog"), *STATUS_LABELS.items()], required=False
    )
    q = forms.CharField(label="Dog's name", required=False, max_length=60)

    def __init__(self, *args, forces=None, **kwargs):
        super().__init__(*args, **kwargs)
        if forces is not None:
            self.fields["force"].queryset = forces


class VisitFilterForm(Form):
    force = forms.ModelChoiceField(
        label="Force", queryset=Force.objects.all(), required=False, empty_label="All forces"
    )
    serious = forms.BooleanField(label="Only serious concerns", required=False)


class ConcernFilterForm(FollowUpFilterForm):
    force = forms.ModelChoiceField(
        label="Force", queryset=Force.objects.all(), required=False, empty_label="All forces"
    )


class RegisterFilterForm(Form):
    force = forms.ModelChoiceField(
        label="Force", queryset=Force.objects.all(), required=False, empty_label="All forces"
    )
    unit = forms.ModelChoiceField(
        label="Unit", queryset=DogUnit.objects.all(), required=False, empty_label="All units"
    )
    role = forms.ChoiceField(
        label="Role", choices=[("", "Any role"), *Dog.Role.choices], required=False
    )
    retired = forms.ChoiceField(
        label="Working or retired",
        choices=[("", "Working"), ("retired", "Retired"), ("all", "Both")],
        required=False,
    )
    q = forms.CharField(label="Name or collar number", required=False, max_length=60)
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[("name", "Name"), ("unit", "Unit"), ("-born_on", "Youngest first")],
        required=False,
    )


class DogImportForm(Form):
    force = forms.ModelChoiceField(
        label="The force the dogs belong to", queryset=Force.objects.all()
    )
    spreadsheet = forms.FileField(
        label="The dog unit's list (CSV or XLSX)",
        help_text="Columns: Name, Handler's collar number, Unit, Breed, Date of birth, Role, "
        "Kennelled (home or base), Retired on.",
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Upload a CSV or XLSX file.")
        if upload.size > 2_000_000:
            raise forms.ValidationError("The file is over 2 MB: is it the list of dogs?")
        return upload


class DogVisitForm(Form):
    date_ranges = {
        "visited_on": DateRange(
            earliest=lambda today: today - timedelta(days=183),
            latest=lambda today: today,
            too_early="Reports are filed within six months of the visit.",
            too_late="The visit cannot be on a day still to come.",
        )
    }

    visited_on = forms.DateField(
        label="Day of the visit", widget=forms.DateInput(attrs={"type": "date"})
    )
    kennel_seen = forms.ChoiceField(label="Where you saw the dog", choices=Dog.Kennel.choices)
    notes = forms.CharField(
        label="Anything else",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_serious = forms.BooleanField(
        label="This is a serious concern: the dog is at risk now", required=False
    )
    phoned_manager = forms.BooleanField(
        label="I have phoned the Dog Unit Manager about it", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self, needed_when={"phoned_manager": "for a serious concern"})


class MeetingForm(ModelForm):
    date_ranges = {
        "held_on": DateRange(
            latest=lambda today: today, too_late="Record a meeting once it has been held."
        )
    }

    class Meta:
        model = Meeting
        fields = ["held_on", "attendees", "minutes", "actions"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "actions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class YearForm(Form):
    year = forms.TypedChoiceField(label="Year", coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class AssignDogForm(Form):
    visitor = forms.ModelChoiceField(label="Visitor", queryset=None)
    partner = forms.ModelChoiceField(
        label="Partner", queryset=None, required=False, empty_label="No partner"
    )

    def __init__(self, *args, visitors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitor"].queryset = visitors
        self.fields["partner"].queryset = visitors
        mark_optional(self)
