"""The input of each selection operation: the page's form, which is also the API's body
(schemas.py generates it, core.inputs runs the form over it). Choices known only at run time
(organisations, criteria, candidates, known suppliers) are given by the caller and may be left out
where only the input's shape is needed (the API schema)."""

from collections.abc import Iterable
from typing import Any

from django import forms

from concord.core.forms import DateInput, VersionForm, from_model
from concord.goals.forms import Number
from concord.selection import models
from concord.selection.models import Candidate, Criterion, Favours, Need, Score

SAATY_SCALE = [
    (1, "1 — equal"),
    (2, "2"),
    (3, "3 — moderately more"),
    (4, "4"),
    (5, "5 — strongly more"),
    (6, "6"),
    (7, "7 — very strongly more"),
    (8, "8"),
    (9, "9 — extremely more"),
]
CHOOSE = {
    "invalid_choice": "Choose one of the options offered.",
    "required": "Choose one of the options offered.",
}


def _choose(field: forms.Field, choices: Iterable[tuple[int, str]]) -> None:
    assert isinstance(field, forms.TypedChoiceField)
    field.choices = [("", "—"), *choices] if not field.required else list(choices)


def _id_choice(label: str, required: bool = True, **options: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        coerce=int,
        choices=[],
        required=required,
        empty_value=None,
        label=label,
        error_messages=CHOOSE,
        **options,
    )


class Upper(forms.CharField):
    """A code people may type in lower case (eur); stored in capitals, as the model requires."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).upper()


class _NeedFields(forms.Form):
    title = from_model(Need, "title", error_messages={"required": models.NEED_TITLE})
    purpose = from_model(
        Need,
        "purpose",
        label="What we want from partnering",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": models.PURPOSE},
    )
    gaps = from_model(Need, "gaps", label="Capability gaps", widget=forms.Textarea(attrs={"rows": 3}))
    category = from_model(Need, "category")
    annual_spend = Number(
        required=False, label="Annual spend", help_text="Expected yearly spend with the partner."
    )
    currency = from_model(Need, "currency", form_class=Upper, label="Currency", required=False)
    needed_by = from_model(Need, "needed_by", widget=DateInput(), label="Needed by")
    weighting = from_model(
        Need, "weighting", error_messages={"invalid_choice": "Choose direct points or AHP comparisons."}
    )

    def clean_currency(self) -> str:
        return str(self.cleaned_data.get("currency") or "EUR")


class NeedForm(_NeedFields):
    """Record a need (page and API): in the name of one of the person's buying organisations."""

    organisation = _id_choice("Organisation", help_text="The buying organisation the need is for.")
    field_order = ["organisation"]

    def __init__(self, *args: Any, organisations: Iterable[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["organisation"], [(o.pk, o.name) for o in organisations or []])


class NeedEditForm(VersionForm, _NeedFields):
    """Change a need (page and API's PATCH)."""


class CloseForm(VersionForm):
    rationale = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why no partner is chosen",
        error_messages={"required": "Say why the need is closed."},
    )


class CriterionForm(forms.Form):
    name = from_model(Criterion, "name", error_messages={"required": models.CRITERION_NAME})
    description = from_model(Criterion, "description")
    points = from_model(
        Criterion,
        "points",
        min_value=0,
        max_value=100,
        help_text="Direct weight; the points are scaled to sum to 100 %.",
        error_messages={"min_value": models.POINTS, "max_value": models.POINTS, "invalid": models.POINTS},
    )


class ComparisonForm(forms.Form):
    """One AHP judgment: which of two criteria matters more, and how much (Saaty's 1–9 scale)."""

    first = _id_choice("Criterion")
    second = _id_choice("compared with")
    favours = forms.ChoiceField(
        choices=Favours.choices,
        initial=Favours.FIRST,
        label="More important",
        error_messages={"invalid_choice": "Say which of the two matters more."},
    )
    intensity = forms.IntegerField(
        min_value=1,
        max_value=9,
        initial=1,
        label="How much (Saaty 1–9)",
        widget=forms.Select(choices=SAATY_SCALE),
        error_messages={k: models.INTENSITY for k in ("invalid", "required", "min_value", "max_value")},
    )

    def __init__(self, *args: Any, criteria: Iterable[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(c.pk, c.name) for c in criteria or []]
        _choose(self.fields["first"], choices)
        _choose(self.fields["second"], choices)


class CandidateForm(forms.Form):
    """Name a candidate: a supplier the organisation already works with, or a new one by name."""

    organisation = _id_choice(
        "Known supplier", required=False, help_text="A supplier your organisation already works with."
    )
    name = forms.CharField(
        max_length=200, required=False, label="Or a new organisation", help_text="Not in Concord yet."
    )
    contact_email = from_model(Candidate, "contact_email", label="Contact email")
    note = from_model(Candidate, "note", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, suppliers: Iterable[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["organisation"], list(suppliers or []))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A rule across two fields: on the form as a whole (the API's `__all__`).
        if not data.get("organisation") and not (data.get("name") or "").strip() and not self.errors:
            self.add_error(None, "Choose a known supplier or name a new organisation.")
        if data.get("organisation") and (data.get("name") or "").strip():
            self.add_error(None, "Choose a known supplier or name a new one, not both.")
        return data


class ScoreForm(forms.Form):
    """An evaluator's score of a candidate on a criterion."""

    candidate = _id_choice("Candidate")
    criterion = _id_choice("Criterion")
    value = from_model(
        Score,
        "value",
        min_value=1,
        max_value=5,
        label="Score (1–5)",
        error_messages={
            "min_value": models.SCORE,
            "max_value": models.SCORE,
            "required": models.SCORE,
            "invalid": models.SCORE,
        },
    )
    evidence = from_model(Score, "evidence", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self,
        *args: Any,
        candidates: Iterable[Any] | None = None,
        criteria: Iterable[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["candidate"], [(c.pk, c.name) for c in candidates or []])
        _choose(self.fields["criterion"], [(c.pk, c.name) for c in criteria or []])


class DecideForm(VersionForm):
    """Choose the partner: the candidate becomes a partnership (a new organisation is invited)."""

    candidate = _id_choice("Chosen candidate")
    rationale = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why this partner",
        error_messages={"required": "Say why: the decision is read by people who were not there."},
    )
    email = forms.EmailField(
        max_length=254,
        required=False,
        label="Invite at (a new organisation)",
        help_text="Default: the candidate's contact email.",
    )

    def __init__(self, *args: Any, candidates: Iterable[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["candidate"], [(c.pk, c.name) for c in candidates or []])
