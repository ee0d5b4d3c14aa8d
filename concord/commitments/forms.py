"""The input of each operation of the Demands tab: the page's form, which is also the API's body
(schemas.py generates it, core.inputs runs the form over it). Fields are the models' own (their
limits, choices and defaults; `from_model`), with the page's labels and the friendly messages; the
models hold the invariants and check them again on every write. Choices known only at run time
(people, goals, the other parties) are given by the caller, and may be left out where only the
shape of the input is needed (the API schema)."""

from collections.abc import Iterable
from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.commitments import models
from concord.commitments.models import (
    ActionPlan,
    Answer,
    AnswerKind,
    Commitment,
    Demand,
    PlanReview,
    Renegotiation,
)
from concord.commitments.services.demands import RECIPIENT
from concord.commitments.services.ledger import GIVE_UP_REASON, OWNER, REASON_LIMIT
from concord.core.forms import DateInput, VersionForm, from_model
from concord.goals.models import SuccessEvent


def _textarea(rows: int, attrs: dict[str, str] | None = None) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, **(attrs or {})})


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _people(field: forms.Field, people: Iterable[Any] | None) -> None:
    assert isinstance(field, forms.TypedChoiceField)
    field.choices = [(p.pk, p.get_full_name() or p.email) for p in people or []]


class DemandForm(forms.Form):
    title = from_model(
        Demand, "title", label="What do you need?", error_messages=_required(models.DEMAND_TITLE)
    )
    description = from_model(Demand, "description", widget=_textarea(3))
    priority = from_model(Demand, "priority", error_messages={"invalid_choice": models.PRIORITY})
    needed_by = from_model(Demand, "needed_by", widget=DateInput())
    to_org_id = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Asked of",
        help_text="Needed only with several partners.",
        error_messages={"invalid_choice": RECIPIENT},
    )

    def __init__(self, *args: Any, recipients: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        """`recipients`: the organisations on the other side (selectors.recipients)."""
        super().__init__(*args, **kwargs)
        field = self.fields["to_org_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = recipients or []
        if recipients and len(recipients) == 1:
            field.initial = recipients[0][0]


class AnswerForm(VersionForm):
    kind = forms.ChoiceField(
        choices=AnswerKind.choices,
        widget=forms.RadioSelect,
        label="Our answer",
        error_messages={"required": models.ANSWER_KIND, "invalid_choice": models.ANSWER_KIND},
    )
    rationale = from_model(
        Answer,
        "rationale",
        label="Why",
        help_text="Every answer says why — also a yes.",
        widget=_textarea(3),
        error_messages=_required(models.RATIONALE),
    )
    # data-when: the page shows each of these only for its answer (static/concord/forms.js)
    promised_on = from_model(
        Answer,
        "promised_on",
        label="Yes: we commit to deliver by",
        help_text="",
        widget=DateInput(attrs={"data-when": "kind=yes"}),
    )
    conditions = from_model(
        Answer,
        "conditions",
        label="Maybe: it depends on",
        help_text="",
        widget=_textarea(2, {"data-when": "kind=maybe"}),
    )
    follow_up_on = from_model(
        Answer,
        "follow_up_on",
        label="Maybe: we come back with an answer by",
        help_text="",
        widget=DateInput(attrs={"data-when": "kind=maybe"}),
    )
    alternative = from_model(
        Answer,
        "alternative",
        label="No: what we can offer instead",
        help_text="",
        widget=_textarea(2, {"data-when": "kind=no"}),
    )


class CommitmentForm(forms.Form):
    title = from_model(
        Commitment, "title", label="We commit to", error_messages=_required(models.COMMITMENT_TITLE)
    )
    description = from_model(Commitment, "description", widget=_textarea(2))
    promised_on = from_model(
        Commitment,
        "promised_on",
        label="By",
        help_text="",
        widget=DateInput(),
        error_messages=_required(models.DUE_DATE),
    )
    owner_person_id = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Owner",
        help_text="Default: you.",
        error_messages={"invalid_choice": OWNER},
    )

    def __init__(self, *args: Any, people: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`people`: whom the commitment may be given to (the actor's colleagues)."""
        super().__init__(*args, **kwargs)
        _people(self.fields["owner_person_id"], people)


class DeliverForm(VersionForm):
    delivered_on = from_model(
        Commitment, "delivered_on", widget=DateInput(), label="Delivered on", help_text="Default today."
    )


class RenegotiateForm(VersionForm):
    to_date = from_model(
        Renegotiation,
        "to_date",
        label="New date",
        widget=DateInput(),
        error_messages=_required(models.NEW_DATE),
    )
    reason = from_model(
        Renegotiation,
        "reason",
        label="Why the date changes",
        widget=_textarea(2),
        error_messages=_required(models.DATE_REASON),
    )


class GiveUpForm(VersionForm):
    reason = forms.CharField(
        max_length=REASON_LIMIT,
        widget=_textarea(2),
        label="Why it cannot be delivered",
        error_messages=_required(GIVE_UP_REASON),
    )


class KudosForm(forms.Form):
    text = from_model(
        SuccessEvent,
        "text",
        label="Thank the other side for",
        error_messages=_required("Say what you are thanking them for."),
    )


class PlanForm(forms.Form):
    title = from_model(ActionPlan, "title", error_messages=_required(models.PLAN_TITLE))
    review_every_days = from_model(
        ActionPlan,
        "review_every_days",
        min_value=models.MIN_CADENCE,
        max_value=models.MAX_CADENCE,
        label="Review every … days",
        error_messages={"min_value": models.CADENCE, "max_value": models.CADENCE},
    )
    visibility = forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "Shared with the other side"),
            (Visibility.INTERNAL, "Internal to my organisation"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose shared or internal."},
    )
    goal_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Goals it serves",
        error_messages={"invalid_choice": "Choose goals of this partnership that you can see."},
    )

    def __init__(self, *args: Any, goals: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`goals`: the goals of the partnership the actor can see."""
        super().__init__(*args, **kwargs)
        field = self.fields["goal_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(g.pk, g.title) for g in goals or []]


class PlanItemForm(forms.Form):
    title = from_model(Commitment, "title", label="Item", error_messages=_required(models.COMMITMENT_TITLE))
    owner_person_id = forms.TypedChoiceField(
        coerce=int, label="Owner", error_messages={"required": OWNER, "invalid_choice": OWNER}
    )
    promised_on = from_model(
        Commitment,
        "promised_on",
        label="Due",
        help_text="",
        widget=DateInput(),
        error_messages=_required(models.DUE_DATE),
    )
    notes = from_model(Commitment, "description", label="Notes", widget=_textarea(2))

    def __init__(self, *args: Any, people: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`people`: who may own an item (selectors.plan_people)."""
        super().__init__(*args, **kwargs)
        _people(self.fields["owner_person_id"], people)


class ReviewForm(VersionForm):
    note = from_model(PlanReview, "note", label="Review note", widget=_textarea(2))
