"""The person's own forms: a new API token, and the codes of two-factor sign-in."""

from django import forms

from concord.accounts.models import TOKEN_NAME_MESSAGES, ApiToken
from concord.core import locales
from concord.core.forms import DateInput


class TokenForm(forms.ModelForm):
    """Name a new personal API token, choose what it may do and, if you like, when it stops
    working (the page and the API's body)."""

    class Meta:
        model = ApiToken
        fields = ["name", "scope", "expires_on"]
        labels = {"name": "Token name", "scope": "What it may do"}
        widgets = {"scope": forms.RadioSelect, "expires_on": DateInput}
        error_messages = {
            "name": TOKEN_NAME_MESSAGES,
            "scope": {
                "required": "Choose read or read_write.",
                "invalid_choice": "Choose read or read_write.",
            },
            "expires_on": {"invalid": "Enter a date such as 2027-12-31."},
        }


class CodeForm(forms.Form):
    """A code from an authenticator app, or a backup code."""

    code = forms.CharField(
        max_length=32,
        label="Code",
        help_text="The six digits your authenticator app shows now, or one of your backup codes.",
        error_messages={"required": "Enter the code."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class FormatsForm(forms.Form):
    """A person's time zone and number format (the account's Preferences page)."""

    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=[("", "The site's (UTC)"), *((z, z.replace("_", " ")) for z in locales.zones())],
        required=False,
        help_text="Times are shown in this zone, and the times you type are read in it.",
    )
    locale = forms.ChoiceField(
        label="Number format",
        choices=[("", "The site's (English, UK)"), *locales.Locale.choices],
        required=False,
        help_text="How you write numbers: 12,5 or 12.5 for twelve and a half.",
    )
