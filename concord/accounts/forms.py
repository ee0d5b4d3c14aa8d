"""The person's own forms: naming a new API token."""

from django import forms

from concord.accounts.models import TOKEN_NAME_MESSAGES, ApiToken


class TokenForm(forms.ModelForm):
    """Name a new personal API token (the page and the API's body)."""

    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": "Token name"}
        error_messages = {"name": TOKEN_NAME_MESSAGES}
