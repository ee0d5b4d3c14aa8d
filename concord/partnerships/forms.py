from django import forms

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.core.forms import DateInput
from concord.organisations.models import Organisation
from concord.partnerships.models import Note, Partnership
from concord.partnerships.relationship import BUYER_SETS

PARTNERSHIP_FORM_FIELDS = [
    "name",
    "category",
    "relationship_type",
    "relationship_rationale",
    "status",
    "start_date",
    "description",
    "check_in_every_days",
    "review_every_days",
]


class PartnershipForm(forms.ModelForm):
    class Meta:
        model = Partnership
        fields = PARTNERSHIP_FORM_FIELDS
        widgets = {
            "start_date": DateInput,
            "relationship_rationale": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": "Give the partnership a name."}}


class PartnershipCreateForm(PartnershipForm):
    buyer_id: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Buying organisation",
        help_text="Your buying organisation.",
    )

    class Meta(PartnershipForm.Meta):
        fields = [f for f in PARTNERSHIP_FORM_FIELDS if f != "status"]

    def __init__(self, *args: object, buyers: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if buyers is not None:
            self.fields["buyer_id"].queryset = buyers  # type: ignore[attr-defined]
        self.order_fields(["buyer_id"])


class PartnershipEditForm(PartnershipForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: object, buying_side: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not buying_side:
            # The buying side sets the type (partnerships.relationship): shown, not editable, on the
            # supplier's page; the service refuses a change from any other entry point.
            for name in ("relationship_type", "relationship_rationale"):
                self.fields[name].disabled = True
                self.fields[name].help_text = BUYER_SETS


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["title", "body", "visibility"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {"body": "Markdown is supported."}
        error_messages = {"body": {"required": "Write something in the note."}}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["visibility"].initial = Visibility.SHARED


class NoteEditForm(NoteForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ManagerForm(forms.Form):
    manager: forms.ModelChoiceField = forms.ModelChoiceField(queryset=User.objects.none(), required=False)

    def __init__(self, *args: object, members: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["manager"].queryset = members  # type: ignore[attr-defined]
