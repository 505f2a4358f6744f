import re

from django import forms
from django.contrib.auth import password_validation

from volunteers.forms import Form, ModelForm, mark_optional
from volunteers.models import District
from volunteers.validators import normalise_phone, normalise_postcode, validate_uk_phone

from .models import Employer, Engagement, Sector, SizeBand
from .services import REASON_NEEDED

COMPANY_NUMBER = re.compile(r"^(?:[0-9]{8}|[A-Z]{2}[0-9]{6})$")
INVALID_COMPANY_NUMBER = "A Companies House number is 8 characters, like 01234567 or SC123456."


# The sign-up asks these a group at a time (`esp/join.py`).
ORGANISATION_FIELDS = [
    "name",
    "company_number",
    "sector",
    "size_band",
    "address_line_1",
    "town",
    "postcode",
    "district",
]
CONTACT_FIELDS = ["contact_name", "contact_role", "contact_email", "contact_phone"]
# What an employer offers its Specials, asked at sign-up and kept up to date in its portal.
SUPPORT_FIELDS = [
    "paid_leave_hours",
    "paid_leave_per",
    "paid_for_training",
    "paid_for_duties",
    "unpaid_for_training",
    "unpaid_for_duties",
    "unpaid_for_emergencies",
    "flexible_working",
    "promotes_specials",
    "pledged_hours",
    "list_publicly",
]
WIDGETS = {
    "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
    "contact_role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
    "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
    "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    "paid_leave_hours": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    "pledged_hours": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
}
NO_PAID_LEAVE_HOURS = "Say how many hours of paid leave you offer."


class EmployerFormBase(ModelForm):
    """The rules an employer's contact phone and support offer follow on every form."""

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"]
        validate_uk_phone(value)
        return normalise_phone(value)

    def clean(self):
        data = super().clean()
        offers_paid = data.get("paid_for_training") or data.get("paid_for_duties")
        if offers_paid and not data.get("paid_leave_hours"):
            self.add_error("paid_leave_hours", NO_PAID_LEAVE_HOURS)
        return data


class EmployerSignUpForm(EmployerFormBase):
    """The public sign-up, asked a topic at a time: `only` keeps one step's fields (see
    `esp/join.py`). `website` is a honeypot: hidden from people, filled by bots."""

    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="For your employer account: at least 12 characters.",
    )
    password2 = forms.CharField(
        label="Type the password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    website = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Employer
        fields = [*ORGANISATION_FIELDS, *CONTACT_FIELDS, *SUPPORT_FIELDS]
        widgets = WIDGETS

    def __init__(self, *args, only=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - set(only or self.fields):
            del self.fields[name]
        if "district" in self.fields:
            self.fields["district"].queryset = District.objects.all()
            self.fields["district"].empty_label = "Outside Hertfordshire"
        if "sector" in self.fields:
            self.fields["sector"].choices = [("", "Choose a sector"), *Sector.choices]
        if "size_band" in self.fields:
            self.fields["size_band"].choices = [("", "Choose a size"), *SizeBand.choices]
        mark_optional(self)

    def clean_contact_email(self):
        # Whether an account has this address is never said here: the sign-up e-mails the
        # address instead (esp.services.sign_up).
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_company_number(self):
        value = re.sub(r"\s+", "", self.cleaned_data["company_number"]).upper()
        if value and not COMPANY_NUMBER.match(value):
            raise forms.ValidationError(INVALID_COMPANY_NUMBER)
        return value

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", "The two passwords are different.")
        elif one:
            try:
                password_validation.validate_password(one)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class StatusForm(Form):
    status = forms.ChoiceField(label="Move to", choices=Employer.Status.choices)
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        help_text="The employer reads this in the e-mail that tells them of the change.",
        error_messages={"required": REASON_NEEDED},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreement_signed_on = forms.DateField(
        label="Agreement signed on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    agreement_signed_by = forms.CharField(
        label="Signed for the employer by", required=False, max_length=120
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, s.label) for s in statuses]
        to_approve = "to approve"
        mark_optional(
            self,
            needed_when={"agreement_signed_on": to_approve, "agreement_signed_by": to_approve},
        )


class EmployerFilterForm(Form):
    q = forms.CharField(label="Name or e-mail", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any"), *Employer.Status.choices]
    )
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "Any"), *Sector.choices]
    )
    district = forms.ModelChoiceField(
        label="District", required=False, queryset=District.objects.all(), empty_label="Any"
    )


class EngagementForm(ModelForm):
    class Meta:
        model = Engagement
        fields = ["organisation", "sector", "kind", "happened_on", "outcome", "notes"]
        widgets = {
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"happened_on": "When"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)


class LinkForm(Form):
    """A Special names their employer, or says they are self-employed."""

    employer = forms.ModelChoiceField(
        label="Your employer",
        queryset=Employer.objects.none(),
        required=False,
        empty_label="Choose your employer",
        help_text="Only employers the ESP team has approved are listed. Not there? Ask them to "
        "join.",
    )
    self_employed = forms.BooleanField(label="I am self-employed", required=False)
    shares_hours = forms.BooleanField(
        label="My employer may see my hours and training",
        required=False,
        help_text="You can withdraw this at any time; it applies at once.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only organisations staff have approved, each named so look-alikes differ.
        self.fields["employer"].queryset = Employer.objects.trusted().order_by("name", "town")
        self.fields["employer"].label_from_instance = lambda employer: employer.distinct_name

    def clean(self):
        data = super().clean()
        if data.get("self_employed") and data.get("employer"):
            raise forms.ValidationError(
                "Choose your employer or say you are self-employed, not both."
            )
        if not data.get("self_employed") and not data.get("employer"):
            self.add_error("employer", "Choose your employer, or tick that you are self-employed.")
        return data


class EmployerDetailsForm(EmployerFormBase):
    """What an employer keeps up to date itself: contact, support offered, listing."""

    class Meta:
        model = Employer
        fields = [
            "contact_name",
            "contact_role",
            "contact_phone",
            *SUPPORT_FIELDS,
        ]
        widgets = WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_optional(self)
