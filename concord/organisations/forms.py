from django import forms

from concord.access.roles import Role
from concord.organisations.models import Organisation

ROLE_MESSAGES = {
    "required": "Choose admin, member or viewer.",
    "invalid_choice": "Choose admin, member or viewer.",
}


class OrganisationForm(forms.ModelForm):
    """An organisation's details (the model checks the formats of country, DUNS and LEI)."""

    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "vat_number", "duns", "lei", "two_factor_required"]
        error_messages = {
            "name": {"required": "Give the organisation a name."},
            "kind": {
                "required": "Choose buyer, supplier or both.",
                "invalid_choice": "Choose buyer, supplier or both.",
            },
        }

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
