"""The submission form, built from the round's dimensions and the ways-of-working questions."""

from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.core.forms import VersionForm
from concord.core.inputs import MAX_ID
from concord.vision import ways as ways_module
from concord.vision.models import Objective, VisionComment

OUTCOME_ROWS = 5


class RoundForm(forms.Form):
    dimensions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One per line. Fixed for the round once it opens.",
    )

    def cleaned_dimensions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["dimensions"].splitlines() if line.strip()]


class SubmissionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, dimensions: list[str], other: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        for i in range(OUTCOME_ROWS):
            self.fields[f"outcome_{i}"] = forms.CharField(
                label=f"Desired outcome {i + 1}", required=False, max_length=1000
            )
            self.fields[f"measure_{i}"] = forms.CharField(
                label=f"How we would know ({i + 1})", required=False, max_length=1000
            )
        for i, name in enumerate(dimensions):
            self.fields[f"points_{i}"] = forms.IntegerField(label=name, min_value=0, max_value=100, initial=0)
        for i, name in enumerate(dimensions):
            self.fields[f"predict_{i}"] = forms.IntegerField(
                label=f"{name} — {other}'s points, as you expect them", min_value=0, max_value=100, initial=0
            )
        for question in ways_module.QUESTIONS:
            self.fields[f"ways_{question.key}"] = forms.ChoiceField(
                label=question.label,
                required=False,
                choices=[("", "—"), *[(v, v.replace("_", " ")) for v, _ in question.choices]],
            )
        self.fields["ways_note"] = forms.CharField(
            label="Anything else about how we work together",
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    @staticmethod
    def initial_from(submission: Any, dimensions: list[str]) -> dict[str, Any]:
        initial: dict[str, Any] = {"version": submission.version, "ways_note": submission.ways_note}
        for i, item in enumerate(submission.outcomes[:OUTCOME_ROWS]):
            initial[f"outcome_{i}"], initial[f"measure_{i}"] = item["outcome"], item["measure"]
        for i, name in enumerate(dimensions):
            initial[f"points_{i}"] = submission.priorities.get(name, 0)
            initial[f"predict_{i}"] = submission.prediction.get(name, 0)
        for key, value in submission.ways.items():
            initial[f"ways_{key}"] = value
        return initial

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "outcomes": [
                {"outcome": data[f"outcome_{i}"], "measure": data[f"measure_{i}"]}
                for i in range(OUTCOME_ROWS)
            ],
            "priorities": {
                n: data[f"points_{i}"] for i, n in enumerate(self.dimensions) if data[f"points_{i}"]
            },
            "prediction": {
                n: data[f"predict_{i}"] for i, n in enumerate(self.dimensions) if data[f"predict_{i}"]
            },
            "ways": {q.key: data[f"ways_{q.key}"] for q in ways_module.QUESTIONS},
            "ways_note": data["ways_note"],
        }

    def map_error_field(self, field: str) -> str | None:
        """Service error keys (priorities.Cost, outcomes.0.outcome) to this form's fields."""
        head, _, rest = field.partition(".")
        if head in ("priorities", "prediction") and rest in self.dimensions:
            prefix = "points" if head == "priorities" else "predict"
            return f"{prefix}_{self.dimensions.index(rest)}"
        if head == "outcomes" and rest[:1].isdigit():
            # The service keeps only the rows filled in: the n-th of those is this form's row.
            data = self.cleaned_data
            filled = [i for i in range(OUTCOME_ROWS) if data.get(f"outcome_{i}") or data.get(f"measure_{i}")]
            n = int(rest.split(".")[0])
            return f"outcome_{filled[n] if n < len(filled) else n}"
        if head == "ways" and rest:
            return f"ways_{rest}"
        return field if field in self.fields else None


class VisionForm(forms.Form):
    """The four sections of the vision, edited together on top of a base revision."""

    base = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
        help_text="Why this partnership exists. Markdown.",
    )
    outcomes = forms.CharField(
        label="Desired outcomes per party",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )
    principles = forms.CharField(
        label="Guiding principles", widget=forms.Textarea(attrs={"rows": 7}), required=False, max_length=20000
    )
    behaviours = forms.CharField(
        label="Intended behaviours",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


class ObjectiveForm(forms.ModelForm):
    """Add an objective on top of the current revision (the page and the API's body)."""

    base = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        min_value=0,
        max_value=MAX_ID,
        help_text="The current revision number (none before the first).",
    )

    class Meta:
        model = Objective
        fields = ["title", "description"]
        labels = {"title": "New objective"}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {
                "required": "Name the objective.",
                "max_length": "Keep the title under 200 characters.",
            },
            "description": {"max_length": "Keep the description under 5,000 characters."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["base"])


class CommentForm(forms.ModelForm):
    """Comment on a section of the vision (the page and the API's body)."""

    class Meta:
        model = VisionComment
        fields = ["section", "body", "visibility"]
        labels = {"body": "Comment"}
        widgets = {
            "section": forms.HiddenInput,
            "body": forms.Textarea(attrs={"rows": 2}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {"section": "purpose, outcomes, principles, behaviours or objectives."}
        error_messages = {
            "section": {
                "required": "Choose a section of the vision.",
                "invalid_choice": "Choose a section of the vision.",
            },
            "body": {"required": "Write the comment."},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"].initial = Visibility.SHARED


class ResolveForm(VersionForm):
    """Resolve ("1") or reopen ("0") a comment, at the version its author saw."""

    resolved = forms.TypedChoiceField(
        choices=[("1", "resolve"), ("0", "reopen")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
