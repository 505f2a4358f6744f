from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from . import dates
from .formats import long_date
from .models import District, DiversityProfile, Membership, Scheme, Volunteer
from .models.diversity import CHARACTERISTICS
from .models.people import DETAIL_FIELDS, FUTURE_BIRTH_DATE
from .validators import normalise_phone, normalise_postcode

# The autocomplete names browsers and password managers know, so people type less.
AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "preferred_name": "nickname",
    "date_of_birth": "bday",
    "email": "email",
    "phone": "tel",
    "address_line_1": "address-line1",
    "address_line_2": "address-line2",
    "town": "address-level2",
    "postcode": "postal-code",
    "emergency_contact_name": "off",
    "emergency_contact_phone": "off",
}


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: next to its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def mark_optional(form: forms.Form, *, needed_when: dict[str, str] | None = None) -> None:
    """Say "(optional)" on the fields people may leave out, rather than star the others; a
    field needed only sometimes says when instead: {"guardian_name": "for anyone under 18"}
    gives "Parent or guardian's name (needed for anyone under 18)"."""
    needed_when = needed_when or {}
    for name, field in form.fields.items():
        label = str(field.label or "")
        if field.required or not label or label.endswith("(optional)") or "(needed " in label:
            continue
        when = needed_when.get(name)
        field.label = f"{field.label} (needed {when})" if when else f"{field.label} (optional)"


# --- Dates people type ------------------------------------------------------------------

OUT_OF_RANGE = "Enter a date between {earliest} and {latest}."


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _resolved(bound, today: date) -> date | None:
    return bound(today) if callable(bound) else bound


@dataclass(frozen=True)
class DateRange:
    """A field's own sensible range: each end a date, a (today) -> date function, or None
    for the widest; and, where the field has better words for a date past an end, those."""

    earliest: object = None
    latest: object = None
    too_early: str = ""
    too_late: str = ""

    def bounds(self, today: date) -> tuple[date, date]:
        return (
            _resolved(self.earliest, today) or dates.EARLIEST,
            _resolved(self.latest, today) or dates.latest_sensible(today),
        )

    def check(self, value, *, today: date) -> None:
        if value is None:
            return
        earliest, latest = self.bounds(today)
        day = _as_date(value)
        if earliest <= day <= latest:
            return
        message = (self.too_early if day < earliest else self.too_late) or OUT_OF_RANGE
        raise ValidationError(
            message.format(earliest=long_date(earliest), latest=long_date(latest)),
            code="out_of_range",
        )


ISO_DATE = "%Y-%m-%d"


class SensibleDates:
    """Every date and time typed into one of our forms lies in a sensible range, or the
    form says so in plain words beside the field: from 1 January 1900 to the end of the
    year ten years on (volunteers.dates), unless `date_ranges` narrows a field's
    ({"field": DateRange(...)}). Date pickers get the same range. Every form here derives
    from `Form` or `ModelForm` below, which carry this (tests/test_forms.py checks every
    form in every app)."""

    date_ranges: dict[str, DateRange] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                allowed = self.date_ranges.get(name, DateRange())
                field.validators.append(partial(allowed.check, today=today))
                if getattr(field.widget, "input_type", "") == "date":
                    # A browser's date picker reads and shows only ISO dates (2026-12-03).
                    field.widget.format = ISO_DATE
                    earliest, latest = allowed.bounds(today)
                    field.widget.attrs.setdefault("min", earliest.isoformat())
                    field.widget.attrs.setdefault("max", latest.isoformat())


class MonthField(forms.TypedChoiceField):
    """A month picked from a list, newest first: "2026-10" in the address and the form,
    the first day of that month in `cleaned_data`. Set the months offered with `.months`."""

    default_error_messages = {"invalid_choice": "Choose a month from the list."}

    def __init__(self, *, months=(), **kwargs):
        super().__init__(coerce=self._first_day, empty_value=None, **kwargs)
        self.months = months

    @staticmethod
    def _first_day(value: str) -> date:
        return datetime.strptime(value, "%Y-%m").date()

    @property
    def months(self) -> list[date]:
        return self._months

    @months.setter
    def months(self, months) -> None:
        self._months = sorted(months, reverse=True)
        self.choices = [(f"{m:%Y-%m}", f"{m:%B %Y}") for m in self._months]


class Form(SensibleDates, forms.Form):
    """The base of every plain form here."""

    def valid_values(self) -> dict:
        """For a form of filters read from the address: the values that are valid. A bad
        one is left out, so the page uses its default, and the form shows why beside it."""
        self.is_valid()  # an unbound form (no filters given) is not valid, and has no values
        return dict(getattr(self, "cleaned_data", {}))


class ModelForm(SensibleDates, forms.ModelForm):
    """The base of every model form here."""


class PersonDetailsForm(ModelForm):
    """A person's details, as staff edit them; the portal uses a narrower subclass."""

    date_ranges = {
        "date_of_birth": DateRange(latest=lambda today: today, too_late=FUTURE_BIRTH_DATE)
    }

    # Longer than a stored postcode, so a loosely typed one reaches clean_postcode and gets
    # its helpful message rather than a count of characters.
    postcode = forms.CharField(max_length=16, help_text="For example, AL10 9AB.")

    class Meta:
        model = Volunteer
        fields = DETAIL_FIELDS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "email": forms.EmailInput(),
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "emergency_contact_phone": forms.TextInput(attrs={"type": "tel"}),
            "guardian_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, token in AUTOCOMPLETE.items():
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = token
        if "district" in self.fields:
            self.fields["district"].empty_label = "Outside Hertfordshire"
        if "date_of_birth" in self.fields:
            self.fields["date_of_birth"].widget.attrs["max"] = timezone.localdate().isoformat()
        under_18 = "for anyone under 18"
        mark_optional(self, needed_when={"guardian_name": under_18, "guardian_phone": under_18})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def _clean_phone(self, name):
        return normalise_phone(self.cleaned_data.get(name, ""))

    def clean_phone(self):
        return self._clean_phone("phone")

    def clean_emergency_contact_phone(self):
        return self._clean_phone("emergency_contact_phone")

    def clean_guardian_phone(self):
        return self._clean_phone("guardian_phone")


class PortalDetailsForm(PersonDetailsForm):
    """What a volunteer keeps up to date themselves. Their e-mail is their sign-in's, and
    changes through the account pages so it is verified first."""

    class Meta(PersonDetailsForm.Meta):
        fields = [name for name in PersonDetailsForm.Meta.fields if name != "email"]


class MembershipAddForm(Form):
    scheme = forms.ModelChoiceField(queryset=Scheme.objects.none(), empty_label=None)
    role = forms.ChoiceField(choices=Membership.Role.choices, initial=Membership.Role.MEMBER)
    status = forms.ChoiceField(
        choices=[(s.value, s.label) for s in Membership.Status if s != Membership.Status.LEFT],
        initial=Membership.Status.APPLIED,
        label="Start at",
    )

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes


class MembershipStatusForm(Form):
    status = forms.ChoiceField(label="Move to")
    reason = forms.CharField(
        max_length=200,
        required=False,
        label="Reason",
        help_text="The person sees this in the e-mail we send them.",
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in statuses]
        mark_optional(self)


class DiversityForm(ModelForm):
    class Meta:
        model = DiversityProfile
        fields = CHARACTERISTICS
        widgets = dict.fromkeys(CHARACTERISTICS, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Radio lists get no "------" choice; leaving all unticked means "not answered".
            field.choices = [choice for choice in field.choices if choice[0] != ""]
        mark_optional(self)


SORTS = {
    "name": ("last_name", "first_name", "pk"),
    "-name": ("-last_name", "-first_name", "-pk"),
    "district": ("district__name", "last_name", "pk"),
    "-district": ("-district__name", "-last_name", "-pk"),
    "newest": ("-created_at", "-pk"),
    "oldest": ("created_at", "pk"),
}


class PeopleFilterForm(Form):
    """The filters of the people list; they live in the URL so a view can be shared."""

    q = forms.CharField(
        required=False,
        label="Name, e-mail or postcode",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    scheme = forms.ModelChoiceField(
        queryset=Scheme.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label="All schemes",
    )
    status = forms.ChoiceField(
        required=False, choices=[("", "Any status"), *Membership.Status.choices]
    )
    district = forms.ModelChoiceField(
        queryset=District.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="All districts",
    )
    vetting_expiring = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=3650,
        label="Vetting expiring within (days)",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("name", "Name A to Z"),
            ("-name", "Name Z to A"),
            ("district", "District A to Z"),
            ("-district", "District Z to A"),
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
        ],
    )

    def __init__(self, *args, schemes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = schemes

    def filter(self, volunteers, *, memberships=None):
        """Apply the valid filters to `volunteers`; invalid ones are ignored and shown.

        A status without a scheme is judged on `memberships`, the ones the reader can see."""
        data = self.valid_values()
        volunteers = volunteers.search(data.get("q") or "")
        scheme, status = data.get("scheme"), data.get("status")
        if scheme:
            volunteers = volunteers.in_scheme(scheme, status=status or None)
        elif status:
            volunteers = volunteers.with_status(status, memberships=memberships)
        if data.get("district"):
            volunteers = volunteers.filter(district=data["district"])
        if data.get("vetting_expiring") is not None:
            volunteers = volunteers.vetting_expiring_within(data["vetting_expiring"])
        return volunteers.order_by(*SORTS[data.get("sort") or "name"])

    def summary(self) -> list[str]:
        """The filters in force, in words: "Special Constabulary · Stevenage"."""
        data = self.valid_values()
        parts = []
        if data.get("q"):
            parts.append(f"matching “{data['q']}”")
        if data.get("scheme"):
            parts.append(str(data["scheme"]))
        if data.get("status"):
            parts.append(Membership.Status(data["status"]).label)
        if data.get("district"):
            parts.append(str(data["district"]))
        if data.get("vetting_expiring") is not None:
            parts.append(f"vetting expiring within {data['vetting_expiring']} days")
        return parts


class PeopleImportForm(Form):
    MAX_BYTES = 10 * 1024 * 1024

    spreadsheet = forms.FileField(
        label="The spreadsheet (CSV or XLSX)",
        help_text="One row for each person in a scheme, under the template's headings. "
        "Nothing is written until you have seen the check.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_spreadsheet(self):
        upload = self.cleaned_data["spreadsheet"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError("Save the spreadsheet as CSV or XLSX, then choose it again.")
        if upload.size > self.MAX_BYTES:
            raise ValidationError("The file is larger than 10 MB: split it into smaller files.")
        return upload
