from django import forms
from django.utils import timezone

from schemes.forms import HoursField
from volunteers import catalogue, dates
from volunteers.forms import DateRange, Form, ModelForm, mark_optional
from volunteers.models import Volunteer

from .models import EsvActivity, Placement, Role, Service, Setting

DATE = {"type": "date"}


def _a_year_on(today):
    return dates.anniversary(today, 1)


class PlacementFilterForm(Form):
    q = forms.CharField(label="Name", required=False, max_length=100)
    setting = forms.ModelChoiceField(
        queryset=Setting.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Every setting",
    )
    role = forms.ModelChoiceField(
        queryset=Role.objects.select_related("setting"), required=False, empty_label="Every role"
    )
    service = forms.ChoiceField(choices=[("", "Every service"), *Service.choices], required=False)
    when = forms.ChoiceField(
        label="Placements",
        choices=[("current", "Current"), ("ended", "Ended"), ("all", "All")],
        required=False,
    )
    sort = forms.ChoiceField(
        label="Sort by",
        choices=[("name", "Name"), ("role", "Role"), ("-starts_on", "Newest first")],
        required=False,
    )  # fmt: skip


class CatalogueFilterForm(Form):
    q = forms.CharField(label="Role or setting", required=False, max_length=100)
    service = forms.ChoiceField(choices=[("", "Every service"), *Service.choices], required=False)


class PlacementForm(ModelForm):
    date_ranges = {
        "starts_on": DateRange(earliest=lambda today: dates.years_before(today, 10),
                               latest=_a_year_on)
    }  # fmt: skip

    class Meta:
        model = Placement
        fields = ["volunteer", "role", "starts_on", "supervisor", "notes"]
        widgets = {"starts_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}
        labels = {"volunteer": "Volunteer", "role": "Role"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = catalogue.people_in(catalogue.PSV).order_by(
            "last_name", "first_name"
        )
        self.fields["volunteer"].help_text = "Police Support Volunteers, by surname."
        self.fields["role"].queryset = Role.objects.filter(is_active=True).select_related("setting")
        mark_optional(self)


class EndPlacementForm(Form):
    ends_on = forms.DateField(label="Last day", widget=forms.DateInput(attrs=DATE))


class CreditHoursForm(Form):
    date_ranges = {
        "worked_on": DateRange(
            earliest=lambda today: dates.years_before(today, 2), latest=lambda today: today
        )
    }
    worked_on = forms.DateField(label="Date", widget=forms.DateInput(attrs=DATE))
    hours = HoursField()
    description = forms.CharField(label="What they did", required=False, max_length=200)


class EsvActivityForm(ModelForm):
    date_ranges = {
        "done_on": DateRange(
            earliest=lambda today: dates.years_before(today, 1), latest=lambda today: today
        )
    }
    hours = HoursField()

    class Meta:
        model = EsvActivity
        fields = ["kind", "done_on", "district", "place", "outcome", "hours", "notes"]
        widgets = {"done_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d")}

    def __init__(self, *args, volunteer: Volunteer | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("done_on", timezone.localdate())
        if volunteer is not None and volunteer.district_id:
            self.initial.setdefault("district", volunteer.district_id)
        mark_optional(self)


class EsvFilterForm(Form):
    kind = forms.ChoiceField(
        choices=[("", "Every kind"), *EsvActivity.Kind.choices], required=False
    )
    outcome = forms.ChoiceField(
        choices=[("", "Every outcome"), *EsvActivity.Outcome.choices], required=False
    )
    done_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs=DATE))
    done_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs=DATE))
