from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import District, DiversityProfile, Membership, Scheme, Volunteer
from .models.diversity import CHARACTERISTICS
from .models.people import DETAIL_FIELDS
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


def mark_optional(form: forms.Form) -> None:
    """Say "(optional)" on the fields people may leave out, rather than star the others."""
    for field in form.fields.values():
        if not field.required and field.label and not str(field.label).endswith("(optional)"):
            field.label = f"{field.label} (optional)"


class PersonDetailsForm(forms.ModelForm):
    """A person's details, as staff edit them; the portal uses a narrower subclass."""

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
        help_texts = {
            "guardian_name": "Needed for anyone under 18.",
            "guardian_phone": "Needed for anyone under 18.",
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
        mark_optional(self)

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


class MembershipAddForm(forms.Form):
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


class MembershipStatusForm(forms.Form):
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


class DiversityForm(forms.ModelForm):
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


class PeopleFilterForm(forms.Form):
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
        data = self.cleaned_data if self.is_valid() else {}
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
        if not self.is_valid():
            return []
        data = self.cleaned_data
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
