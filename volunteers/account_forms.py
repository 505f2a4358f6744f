"""allauth's account forms with our labels (settings.ACCOUNT_FORMS): "E-mail address", not
"Email"; no placeholders standing in for labels; words a person would use."""

from allauth.account import forms as allauth_forms

from .forms import SensibleDates

LABELS = {
    "login": "E-mail address",
    "email": "E-mail address",
    "password": "Password",
    "remember": "Keep me signed in on this device",
    "oldpassword": "Your current password",
    "password1": "Password",
    "password2": "The same password again",
}
# On the change-password page the two new ones are the new password.
NEW_PASSWORD = {"password1": "New password", "password2": "The new password again"}


class OurLabels(SensibleDates):
    """Put our labels on an allauth form's fields and drop its placeholders."""

    labels = LABELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = self.labels.get(name, field.label)
            field.widget.attrs.pop("placeholder", None)


class LoginForm(OurLabels, allauth_forms.LoginForm):
    pass


class SignupForm(OurLabels, allauth_forms.SignupForm):
    pass


class AddEmailForm(OurLabels, allauth_forms.AddEmailForm):
    pass


class ChangePasswordForm(OurLabels, allauth_forms.ChangePasswordForm):
    labels = {**LABELS, **NEW_PASSWORD}


class ResetPasswordForm(OurLabels, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(OurLabels, allauth_forms.ResetPasswordKeyForm):
    labels = {**LABELS, **NEW_PASSWORD}
