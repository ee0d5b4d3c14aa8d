"""The input of each governance operation: the page's form, which is also the API's body
(schemas.py). Fields are the models' own with the page's labels and friendly messages; choices
known only at run time (people, levels, rights, goals, citations) are given by the caller and may
be left out where only the shape of the input is needed (the API schema)."""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.core.forms import DateInput, VersionForm, from_model
from concord.goals.forms import Number
from concord.governance import models
from concord.governance.models import (
    MAX_VALUE,
    Activity,
    Committee,
    DecisionRight,
    EscalationLevel,
    GovernanceDecision,
    Issue,
    KeyPerson,
    Raci,
)

CENT = Decimal("0.01")


class Money(Number):
    """An amount to the cent (a decision's value, a right's limit): written as people write
    numbers, rounded to two decimals; the model checks its range."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # The bounds go into the API's schema (core.inputs reads them); the model checks them too.
        self.min_value, self.max_value = 0, MAX_VALUE

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        found = super().to_python(value)
        if found is None:
            return None
        try:
            return found.quantize(CENT, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def _choose(field: forms.Field, choices: Iterable[tuple[Any, str]]) -> None:
    assert isinstance(field, forms.TypedChoiceField | forms.TypedMultipleChoiceField | forms.ChoiceField)
    field.choices = list(choices)


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _visibility() -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "Shared — both sides"),
            (Visibility.INTERNAL, "Internal — my organisation only"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text="The other side never learns that an internal record exists.",
        error_messages={"invalid_choice": "Choose shared or internal."},
    )


def _ids(label: str, message: str, required: bool = False) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        coerce=int,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        label=label,
        error_messages={"invalid_choice": message, "required": message},
    )


def _id(label: str, message: str, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        coerce=int,
        required=required,
        empty_value=None,
        label=label,
        error_messages={"invalid_choice": message, "required": message},
    )


# ---- the structure ---------------------------------------------------------------------------------


class KeyPersonForm(forms.Form):
    person = _id("Person", "Choose a person of your own organisation.")
    role_title = from_model(
        KeyPerson, "role_title", label="Role in the partnership", error_messages=_required(models.ROLE_TITLE)
    )
    level = _id("Escalation level", "Choose a level of this partnership's escalation path.", required=False)

    def __init__(
        self,
        *args: Any,
        people: Iterable[Any] | None = None,
        levels: Iterable[EscalationLevel] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["person"], [(p.pk, p.get_full_name() or p.email) for p in people or []])
        _choose(self.fields["level"], [("", "None"), *((lv.pk, str(lv)) for lv in levels or [])])


class LevelForm(VersionForm):
    name = from_model(EscalationLevel, "name", error_messages=_required(models.LEVEL_NAME))
    response_days = from_model(
        EscalationLevel,
        "response_days",
        min_value=1,
        max_value=90,
        label="Response time (days)",
        error_messages={
            "required": models.RESPONSE,
            "min_value": models.RESPONSE,
            "max_value": models.RESPONSE,
        },
    )


class ActivityForm(forms.Form):
    title = from_model(Activity, "title", label="Activity", error_messages=_required(models.ACTIVITY))


class AssignmentForm(forms.Form):
    key_person = _id("Person", "Choose a person from this partnership's directory.")
    role = forms.ChoiceField(
        choices=[("", "None"), *Raci.choices],
        required=False,
        label="Role",
        error_messages={"invalid_choice": "Choose R, A, C, I or none."},
    )

    def __init__(self, *args: Any, people: Iterable[KeyPerson] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["key_person"], [(p.pk, str(p)) for p in people or []])


class CommitteeForm(forms.Form):
    name = from_model(Committee, "name", error_messages=_required(models.COMMITTEE_NAME))
    purpose = from_model(Committee, "purpose", widget=_text(2))
    cadence_days = from_model(
        Committee,
        "cadence_days",
        min_value=1,
        max_value=366,
        label="Meets every (days)",
        error_messages={"required": models.CADENCE, "min_value": models.CADENCE, "max_value": models.CADENCE},
    )
    members = _ids("Members", "Choose people from this partnership's directory.")

    def __init__(self, *args: Any, people: Iterable[KeyPerson] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["members"], [(p.pk, str(p)) for p in people or []])


class RightForm(forms.Form):
    scope = from_model(
        DecisionRight, "scope", label="May decide", error_messages=_required(models.RIGHT_SCOPE)
    )
    value_limit = Money(required=False, label="Up to value", help_text="Leave empty for no limit.")


# ---- decisions, issues, lessons ----------------------------------------------------------------------


class DecisionForm(forms.Form):
    text = from_model(
        GovernanceDecision, "text", label="Decision", error_messages=_required(models.DECISION_TEXT)
    )
    rationale = from_model(
        GovernanceDecision, "rationale", widget=_text(3), error_messages=_required(models.DECISION_RATIONALE)
    )
    decided_on = from_model(
        GovernanceDecision,
        "decided_on",
        widget=DateInput(),
        label="Decided on",
        error_messages={"required": models.DECIDED_ON, "invalid": models.DECIDED_ON},
    )
    decided_by = from_model(
        GovernanceDecision,
        "decided_by",
        label="Decided by",
        error_messages={"invalid_choice": "Choose a committee or the partnership managers."},
    )
    committee = _id("Committee", "Choose a committee of this partnership.", required=False)
    right = _id(
        "Within the decision right", "Choose one of this committee's decision rights.", required=False
    )
    value = Money(required=False, label="Value involved", help_text="Needed when the right has a limit.")
    principle = forms.ChoiceField(
        required=False,
        label="Guiding principle it serves",
        error_messages={"invalid_choice": "Choose a principle of the vision."},
    )
    objectives = _ids("Objectives it serves", "Link only current objectives of this partnership's vision.")
    goals = _ids("Goals it touches", "Choose goals of this partnership you can see.")
    visibility = _visibility()

    def __init__(
        self,
        *args: Any,
        committees: Iterable[tuple[int, str]] = (),
        rights: Iterable[tuple[int, str]] = (),
        principles: Iterable[str] = (),
        objectives: Iterable[tuple[int, str]] = (),
        goals: Iterable[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["committee"], [("", "—"), *committees])
        _choose(self.fields["right"], [("", "—"), *rights])
        _choose(self.fields["principle"], [("", "—"), *((p, p) for p in principles)])
        _choose(self.fields["objectives"], objectives)
        _choose(self.fields["goals"], goals)


SEVERITY = "Choose low, medium, high or critical."


class IssueForm(forms.Form):
    title = from_model(Issue, "title", error_messages=_required(models.ISSUE_TITLE))
    description = from_model(
        Issue, "description", widget=_text(4), error_messages=_required(models.ISSUE_DESCRIPTION)
    )
    severity = from_model(
        Issue, "severity", error_messages={"invalid_choice": SEVERITY, "required": SEVERITY}
    )
    goals = _ids("Goals affected", "Choose goals of this partnership you can see.")
    visibility = _visibility()

    def __init__(self, *args: Any, goals: Iterable[tuple[int, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["goals"], goals)


class ResolveForm(VersionForm):
    resolution = from_model(
        Issue,
        "resolution",
        widget=_text(3),
        required=True,
        label="How it was resolved",
        error_messages=_required(models.RESOLUTION),
    )
    citation = forms.ChoiceField(
        label="It serves",
        help_text="The vision objective or guiding principle this resolution serves.",
        error_messages={"required": models.CITE, "invalid_choice": models.CITE},
    )

    def __init__(self, *args: Any, citations: Iterable[tuple[str, str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["citation"], [(value, label) for value, label, _ in citations])


class ReopenForm(VersionForm):
    reason = forms.CharField(
        max_length=2000,
        widget=_text(2),
        label="Why it is open again",
        help_text="Kept in the issue's history with the resolution it undoes.",
        error_messages=_required("Say why the issue is open again."),
    )


# ---- corrections ------------------------------------------------------------------------------------


class KeyPersonEditForm(VersionForm):
    role_title = KeyPersonForm.base_fields["role_title"]
    level = _id("Escalation level", "Choose a level of this partnership's escalation path.", required=False)

    def __init__(self, *args: Any, levels: Iterable[EscalationLevel] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["level"], [("", "None"), *((lv.pk, str(lv)) for lv in levels or [])])


class CommitteeEditForm(VersionForm, CommitteeForm):
    """Change a committee (forms.CommitteeForm's fields) with the version read."""


class RightEditForm(VersionForm, RightForm):
    """Change a decision right with the version read."""


class SupersedeForm(VersionForm):
    superseded_by = _id("Superseded by", "Choose a later decision of this partnership's log.")

    def __init__(self, *args: Any, later: Iterable[GovernanceDecision] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choose(self.fields["superseded_by"], [(d.pk, f"{d.decided_on:%-d %b %Y}: {d.text}") for d in later])
