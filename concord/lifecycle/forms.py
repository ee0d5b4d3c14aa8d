"""The inputs of the lifecycle app: each page's form, which is also the API's body (core.inputs)."""

from typing import Any

from django import forms

from concord.core.forms import DateInput
from concord.lifecycle import kraljic
from concord.lifecycle.models import DiligenceItem, ExitPlan, Segmentation
from concord.lifecycle.stages import CHOICES
from concord.partnerships.models import Partnership


class DiligenceItemForm(forms.ModelForm):
    class Meta:
        model = DiligenceItem
        fields = ["title", "category", "status", "reference", "issued_on", "expires_on", "note"]
        widgets = {
            "issued_on": DateInput,
            "expires_on": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"title": {"required": "Name the check or document."}}


class DiligenceItemEditForm(DiligenceItemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DocumentForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="A .pdf, .png, .jpg, .docx, .xlsx, .txt or .csv file; its content must match its name.",
        error_messages={"required": "Choose a file."},
    )


SCORE_HELP = {f.key: f.help for f in kraljic.FACTORS}
SCORE_LABELS = {f.key: f"{f.label} (1–5)" for f in kraljic.FACTORS}


class SegmentationForm(forms.ModelForm):
    class Meta:
        model = Segmentation
        fields = [*kraljic.FACTOR_KEYS, "assessed_on", "note"]
        widgets = {
            **{k: forms.NumberInput(attrs={"min": 1, "max": 5}) for k in kraljic.FACTOR_KEYS},
            "assessed_on": DateInput,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        labels = SCORE_LABELS
        help_texts = {**SCORE_HELP, "assessed_on": "Default: today."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].required = False
        for key in kraljic.FACTOR_KEYS:
            field = self.fields[key]
            assert isinstance(field, forms.IntegerField)
            field.min_value, field.max_value = kraljic.LOW, kraljic.HIGH
            field.error_messages["required"] = "Score it from 1 to 5."


class WeightsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for factor in kraljic.FACTORS:
            self.fields[factor.key] = forms.IntegerField(
                label=f"{factor.label} — {factor.axis.value.replace('_', ' ')}",
                min_value=0,
                max_value=100,
                initial=factor.default_weight,
                error_messages={"required": "Give a weight from 0 to 100."},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {k: data.get(k) for k in kraljic.FACTOR_KEYS}
        if all(isinstance(v, int) for v in values.values()):
            for key, message in kraljic.weight_problems(values).items():  # type: ignore[arg-type]
                self.add_error(key, message)
        return data


class RelationshipForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Partnership
        fields = ["relationship_type", "relationship_rationale"]
        widgets = {"relationship_rationale": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "relationship_rationale": "Required when the type differs from the quadrant's suggestion."
        }


class StageMoveForm(forms.Form):
    stage = forms.TypedChoiceField(choices=CHOICES, coerce=int, label="Move to stage")
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when entry items are still open, or when going back.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ExitPlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ExitPlan
        fields = ExitPlan.SECTIONS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ExitPlan.SECTIONS}
        labels = {
            "triggers": "Exit triggers",
            "transition_steps": "Transition steps",
            "handover": "Knowledge and asset handover",
            "data_return": "Data return",
            "responsibilities": "Responsibilities",
        }
