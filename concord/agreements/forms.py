"""Forms of the agreement pages, and the bodies of the agreement API (core.inputs builds them from
these). The model holds the invariants (lengths, the term's dates in order) and every service
write checks them again; the services keep the rules of state and of the database (the lifecycle,
the vision gate, signed wording, clause numbers unique in an agreement)."""

from collections.abc import Iterable
from typing import Any

from django import forms

from concord.agreements.models import Agreement, AgreementStatus, Clause, ClauseNote
from concord.core.forms import DateInput
from concord.vision.models import Objective

DATE = DateInput()


class AgreementForm(forms.ModelForm):
    """Start drafting an agreement (page and API)."""

    class Meta:
        model = Agreement
        fields = ["kind", "title", "reference", "start_date", "end_date", "renewal_notice_date"]
        widgets = {"start_date": DATE, "end_date": DATE, "renewal_notice_date": DATE}
        error_messages = {
            "title": {"required": "Give the agreement a title."},
            "kind": {"invalid_choice": "Choose MoU, contract or statement of work."},
        }


class AgreementEditForm(AgreementForm):
    """Change an agreement's title, kind, reference or dates."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class MoveForm(forms.Form):
    """Move an agreement along its lifecycle (page and API)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.ChoiceField(
        choices=AgreementStatus.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose drafting, negotiation, signed or expired."},
    )
    override_reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for overriding the vision gate",
        help_text="Admins only: why the agreement may leave drafting before the vision is agreed. "
        "Shown on the agreement and kept in its history.",
        error_messages={"max_length": "Keep the reason under 2,000 characters."},
    )
    signed_on = forms.DateField(
        required=False, widget=DATE, label="Signed on", help_text="When moving to signed (default today)."
    )


class ClauseForm(forms.ModelForm):
    """Add a clause at the end (page and API)."""

    class Meta:
        model = Clause
        fields = ["number", "heading", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"number": "Leave empty to number it in order."}
        error_messages = {
            "number": {"max_length": "Keep the clause number under 20 characters."},
            "heading": {
                "required": "Give the clause a heading.",
                "max_length": "Keep the heading under 200 characters.",
            },
            "text": {"max_length": "Keep the clause under 20,000 characters."},
        }


class ClauseEditForm(ClauseForm):
    """Edit a clause, its negotiation status or the objectives it supports."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    objective_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Vision objectives this clause supports",
        help_text="The whole set of objectives the clause supports.",
        error_messages={"invalid_choice": "Link only current objectives of this partnership's vision."},
    )

    class Meta(ClauseForm.Meta):
        fields = ["number", "heading", "text", "negotiation_status"]
        error_messages = {
            **ClauseForm.Meta.error_messages,
            "negotiation_status": {"invalid_choice": "Choose open, agreed or disputed."},
        }

    def __init__(self, *args: Any, objectives: Iterable[Objective] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["objective_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(o.pk, f"{o.code} {o.title}") for o in objectives]


class ImportForm(forms.Form):
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Paste clauses",
        help_text="Headings start clauses: '## 4 Payment', '4.2 Payment terms', 'Clause 4 — Payment'.",
    )
    file = forms.FileField(required=False, label="…or upload a .txt, .md or .docx file")


class PositionForm(forms.ModelForm):
    """State your organisation's position on a clause (page and API)."""

    class Meta:
        model = ClauseNote
        fields = ["body", "visibility"]
        labels = {"body": "Your organisation's position"}
        widgets = {"body": forms.Textarea(attrs={"rows": 3}), "visibility": forms.RadioSelect}
        error_messages = {
            "body": {
                "required": "Write your position first.",
                "max_length": "Keep a position under 20,000 characters.",
            },
            "visibility": {"invalid_choice": "Choose shared or internal."},
        }
