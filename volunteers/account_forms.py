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


def relabel(form, extra=None):
    labels = {**LABELS, **(extra or {})}
    for name, field in form.fields.items():
        if name in labels:
            field.label = labels[name]
        field.widget.attrs.pop("placeholder", None)


class LoginForm(SensibleDates, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class SignupForm(SensibleDates, allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class AddEmailForm(SensibleDates, allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)


class ChangePasswordForm(SensibleDates, allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, NEW_PASSWORD)


class ResetPasswordForm(SensibleDates, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self)
