"""The input of each Reviews operation: the page's form, which is also the API's body (schemas.py
generates it, core.inputs runs the form over it). The survey answer is the exception: its fields
are the round's own dimensions, so the page builds them here (AnswerForm) and the API takes the
JSON document the service checks (schemas.AnswersIn)."""

from collections.abc import Iterable
from typing import Any

from django import forms

from concord.core.forms import DateInput, VersionForm, from_model
from concord.reviews import dimensions, perception
from concord.reviews.models import THRESHOLD, Review, SurveyRound
from concord.reviews.services.survey import COMMENT_MAX, RATING

DIMENSIONS_HELP = f"One dimension a line (at most {dimensions.MAX_DIMENSIONS}); empty: the default seven."
THRESHOLD_ERRORS = {"min_value": THRESHOLD, "max_value": THRESHOLD, "invalid": THRESHOLD}


def _dimensions_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=dimensions.MAX_DIMENSIONS * (dimensions.MAX_LABEL + 1),
        widget=forms.Textarea(attrs={"rows": 7}),
        initial=dimensions.as_text(dimensions.default()),
        help_text=DIMENSIONS_HELP,
    )


class _RoundFields(forms.Form):
    title = from_model(SurveyRound, "title", error_messages={"required": "Name the round (e.g. “Q3 2026”)."})
    closes_on = from_model(
        SurveyRound,
        "closes_on",
        widget=DateInput(),
        error_messages={"required": "Give the day the round closes."},
    )
    min_respondents = from_model(
        SurveyRound, "min_respondents", label="Minimum respondents a side", min_value=2, max_value=50,
        error_messages=THRESHOLD_ERRORS,
    )  # fmt: skip
    dimensions = _dimensions_field()


class RoundForm(_RoundFields):
    """Draft a round."""


class RoundEditForm(VersionForm, _RoundFields):
    """Change a round (dimensions and threshold only while it is a draft)."""


class AnswerForm(forms.Form):
    """One answer: for each dimension of the round, how it is, how the other side will rate it,
    and an optional comment."""

    LEVELS = [("", "—")] + [(str(n), str(n)) for n in perception.SCALE]

    def __init__(self, *args: Any, round_: SurveyRound, answers: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for d in round_.dimensions:
            key, label, given = d["key"], d["label"], answers.get(d["key"], {})
            for which, text in (
                (perception.IS, "how it is"),
                (perception.OTHER, "how the other side will rate it"),
            ):
                self.fields[f"{key}__{which}"] = forms.TypedChoiceField(
                    coerce=int,
                    choices=self.LEVELS,
                    label=f"{label}: {text}",
                    initial=given.get(which),
                    error_messages={"required": RATING, "invalid_choice": RATING},
                )
            self.fields[f"{key}__{perception.COMMENT}"] = forms.CharField(
                required=False,
                max_length=COMMENT_MAX,
                label=f"{label}: comment (optional)",
                initial=given.get(perception.COMMENT, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.keys = round_.keys

    def answers(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            key: {w: data.get(f"{key}__{w}") for w in (perception.IS, perception.OTHER, perception.COMMENT)}
            for key in self.keys
        }


class ReviewForm(forms.Form):
    title = from_model(
        Review, "title", error_messages={"required": "Name the review (e.g. “H1 2026 review”)."}
    )
    period_from = from_model(
        Review,
        "period_from",
        label="From",
        widget=DateInput(),
        error_messages={"required": "Give the first day of the period."},
    )
    period_to = from_model(
        Review,
        "period_to",
        label="To",
        widget=DateInput(),
        error_messages={"required": "Give the last day of the period."},
    )


class NarrativeForm(VersionForm):
    narrative = from_model(
        Review,
        "narrative_buyer",
        label="Your side's narrative",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ActionForm(forms.Form):
    title = forms.CharField(
        max_length=200, label="Improvement action", error_messages={"required": "Name the action."}
    )
    promised_on = forms.DateField(
        label="Due", widget=DateInput(), error_messages={"required": "Give the day it is due."}
    )
    owner_person_id = forms.TypedChoiceField(
        coerce=int,
        label="Owner",
        error_messages={"required": "Choose who owns it.", "invalid_choice": "Choose who owns it."},
    )
    notes = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, people: Iterable[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_person_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(p.pk, p.get_full_name() or p.email) for p in people or []]
