"""The input of each risk operation: the page's form, which is also the API's body (schemas.py
generates it, core.inputs runs the form over it). Fields are the model's own (limits, choices,
defaults) with the page's labels and the friendly messages; the model holds the invariants."""

from collections.abc import Iterable
from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.commitments.models import CADENCE, MAX_CADENCE, MIN_CADENCE
from concord.core.forms import DateInput, VersionForm, from_model
from concord.risks import models
from concord.risks.models import Risk
from concord.risks.services import OWNER

LIKELIHOOD = [
    (1, "1 — rare"),
    (2, "2 — unlikely"),
    (3, "3 — possible"),
    (4, "4 — likely"),
    (5, "5 — almost certain"),
]
IMPACT = [(1, "1 — negligible"), (2, "2 — minor"), (3, "3 — moderate"), (4, "4 — major"), (5, "5 — severe")]
RATING_ERRORS = {"min_value": models.RATING, "max_value": models.RATING, "invalid": models.RATING}


def _text(name: str, rows: int, **options: Any) -> forms.Field:
    return from_model(Risk, name, widget=forms.Textarea(attrs={"rows": rows}), **options)


def _rating(name: str, choices: list[tuple[int, str]]) -> forms.Field:
    """A 1–5 rating: a number in the API (its schema gives the bounds), a select on the page."""
    return from_model(
        Risk,
        name,
        min_value=1,
        max_value=5,
        widget=forms.Select(choices=choices),
        error_messages=RATING_ERRORS,
    )


class _RiskFields(forms.Form):
    title = from_model(Risk, "title", error_messages={"required": models.RISK_TITLE})
    category = from_model(Risk, "category", error_messages={"invalid_choice": models.CATEGORY})
    likelihood = _rating("likelihood", LIKELIHOOD)
    impact = _rating("impact", IMPACT)
    owner_person_id = forms.TypedChoiceField(
        coerce=int,
        label="Owner",
        help_text="A person of your organisation, or the other side's partnership manager.",
        error_messages={"required": OWNER, "invalid_choice": OWNER},
    )
    description = _text("description", 3)
    mitigation = _text("mitigation", 3)
    contingency = _text("contingency", 4, label="Contingency plan")
    trigger = _text("trigger", 2)
    next_review_on = from_model(Risk, "next_review_on", label="Next review", widget=DateInput())

    def __init__(self, *args: Any, people: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`people`: who may own the risk (selectors.owner_people / risk_people)."""
        super().__init__(*args, **kwargs)
        field = self.fields["owner_person_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(p.pk, p.get_full_name() or p.email) for p in people or []]


class RiskForm(_RiskFields):
    status = forms.ChoiceField(
        choices=[(models.RiskStatus.OPEN, "Open"), (models.RiskStatus.MITIGATING, "Mitigating")],
        initial=models.RiskStatus.OPEN,
        error_messages={"invalid_choice": "A new risk is open or being mitigated."},
    )
    visibility = forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "Shared with the other side"),
            (Visibility.INTERNAL, "Internal to my organisation"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text="The other side never learns that an internal risk exists. It cannot change later.",
        error_messages={"invalid_choice": "Choose shared or internal."},
    )


class RiskEditForm(VersionForm, _RiskFields):
    status = from_model(Risk, "status", error_messages={"invalid_choice": models.STATUS})


class FireForm(VersionForm):
    respond_by = forms.DateField(
        label="Items due",
        widget=DateInput(),
        help_text="The date the plan's items are due.",
        error_messages={"required": "Give the date the items are due."},
    )
    plan_title = forms.CharField(
        max_length=200,
        required=False,
        label="Plan title",
        help_text="Empty: “Contingency: ” and the risk's title.",
    )
    review_every_days = forms.IntegerField(
        min_value=MIN_CADENCE,
        max_value=MAX_CADENCE,
        initial=7,
        label="Review the plan every … days",
        error_messages={"min_value": CADENCE, "max_value": CADENCE},
    )
