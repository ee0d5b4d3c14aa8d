"""Forms of the agreement pages; the services validate again (forms only shape the input)."""

from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.agreements.models import AgreementKind, NegotiationStatus
from concord.agreements.parsing import MAX_HEADING, MAX_TEXT
from concord.core.forms import DateInput

DATE = DateInput()


class AgreementForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=AgreementKind.choices, initial=AgreementKind.CONTRACT)
    title = forms.CharField(max_length=200)
    reference = forms.CharField(max_length=60, required=False, help_text="Contract number or file reference.")
    start_date = forms.DateField(required=False, widget=DATE)
    end_date = forms.DateField(required=False, widget=DATE)
    renewal_notice_date = forms.DateField(
        required=False, widget=DATE, help_text="Last day to give notice of renewal or termination."
    )


class MoveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.CharField(widget=forms.HiddenInput)
    override_reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Reason for overriding the vision gate",
        help_text="Admins only. Shown on the agreement and kept in its history.",
    )
    signed_on = forms.DateField(required=False, widget=DATE, label="Signed on")


class ClauseForm(forms.Form):
    number = forms.CharField(max_length=20, required=False, help_text="Leave empty to number it in order.")
    heading = forms.CharField(max_length=MAX_HEADING)
    text = forms.CharField(max_length=MAX_TEXT, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class ClauseEditForm(ClauseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    negotiation_status = forms.ChoiceField(choices=NegotiationStatus.choices)
    objectives = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Vision objectives this clause supports",
    )

    def __init__(self, *args: Any, objectives: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["objectives"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(str(o.pk), f"{o.code} {o.title}") for o in objectives]


class ImportForm(forms.Form):
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        label="Paste clauses",
        help_text="Headings start clauses: '## 4 Payment', '4.2 Payment terms', 'Clause 4 — Payment'.",
    )
    file = forms.FileField(required=False, label="…or upload a .txt, .md or .docx file")


class PositionForm(forms.Form):
    body = forms.CharField(
        max_length=20000, widget=forms.Textarea(attrs={"rows": 3}), label="Your organisation's position"
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices, initial=Visibility.SHARED, widget=forms.RadioSelect
    )
