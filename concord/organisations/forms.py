from typing import Any

from django import forms

from concord.access.roles import Role
from concord.core import locales
from concord.organisations.models import Organisation

ROLE_MESSAGES = {
    "required": "Choose admin, member or viewer.",
    "invalid_choice": "Choose admin, member or viewer.",
}


class OrganisationForm(forms.ModelForm):
    """An organisation's details (the model checks the formats of country, DUNS and LEI), and the
    time zone and number format a person who joins starts with."""

    time_zone = forms.ChoiceField(
        choices=[(z, z.replace("_", " ")) for z in locales.zones()],
        initial="UTC",
        required=False,
        help_text="Default for people who join.",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "country",
            "vat_number",
            "duns",
            "lei",
            "two_factor_required",
            "time_zone",
            "locale",
        ]
        error_messages = {
            "name": {"required": "Give the organisation a name."},
            "kind": {
                "required": "Choose buyer, supplier or both.",
                "invalid_choice": "Choose buyer, supplier or both.",
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["locale"].required = False

    def clean_time_zone(self) -> str:
        """Left out (a form or client from before these existed): as it is, or the default."""
        return str(self.cleaned_data.get("time_zone") or self.instance.time_zone or "UTC")

    def clean_locale(self) -> str:
        return str(self.cleaned_data.get("locale") or self.instance.locale or locales.DEFAULT_LOCALE)

    def clean_country(self) -> str:
        """People write "de" or " DE": the code is stored in capitals."""
        country: str = self.cleaned_data["country"]
        return country.strip().upper()


class OrganisationEditForm(OrganisationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class InviteMemberForm(forms.Form):
    """Invite a person into an organisation (the page and the API's body)."""

    email = forms.EmailField(
        max_length=254, error_messages={"required": "Enter the email address to invite."}
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER, error_messages=ROLE_MESSAGES)


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, error_messages=ROLE_MESSAGES)
