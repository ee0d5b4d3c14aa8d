from django import forms

from concord.organisations.models import Organisation


class PartnerInviteForm(forms.Form):
    """Invite a supplier organisation into a partnership (the page and the API's body)."""

    supplier_name = forms.CharField(
        max_length=200,
        label="Supplier organisation",
        error_messages={"required": "Name the supplier organisation."},
    )
    email = forms.EmailField(
        max_length=254,
        label="Key account manager's email",
        error_messages={"required": "Enter the email address to invite."},
    )


class SignupForm(forms.Form):
    """Create an account while accepting an invitation; the email is the invited address."""

    full_name = forms.CharField(max_length=150, label="Your name")
    password = forms.CharField(widget=forms.PasswordInput, label="Choose a password")


class AcceptPartnerForm(forms.Form):
    """Join with a new supplier organisation or one the person already administers."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="A new organisation",
        help_text="Leave as 'A new organisation' to create the one named in the invitation.",
    )

    def __init__(self, *args: object, admin_orgs: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if admin_orgs is not None:
            self.fields["organisation"].queryset = admin_orgs  # type: ignore[attr-defined]
