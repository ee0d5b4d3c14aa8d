"""The input of each meeting operation: the page's form, which is also the API's body (schemas.py
generates it, core.inputs runs the form over it). Fields are the models' own (limits, choices,
defaults), with the page's labels and the friendly messages; the models hold the invariants and
check them again on every write. Choices known only at run time (people, goals, demands) are given
by the caller, and may be left out where only the shape of the input is needed (the API schema)."""

from collections.abc import Iterable
from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.commitments.models import COMMITMENT_TITLE, DUE_DATE, Commitment
from concord.commitments.services.ledger import OWNER
from concord.core.forms import DateInput, InstantField, VersionForm, from_model
from concord.meetings import models
from concord.meetings.models import Decision, Meeting
from concord.meetings.services import DEMAND, GOAL, OWN_PEOPLE

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _choose(field: forms.Field, choices: Iterable[tuple[int | str, str]]) -> None:
    assert isinstance(field, forms.TypedChoiceField | forms.TypedMultipleChoiceField)
    field.choices = list(choices)


def _people(people: Iterable[Any] | None) -> list[tuple[int, str]]:
    return [(p.pk, p.get_full_name() or p.email) for p in people or []]


def _kind() -> forms.Field:
    return from_model(Meeting, "kind", error_messages={"invalid_choice": models.MEETING_KIND})


def _title() -> forms.Field:
    return from_model(Meeting, "title", error_messages={"required": models.MEETING_TITLE})


def _starts_at() -> forms.Field:
    return from_model(
        Meeting,
        "starts_at",
        form_class=InstantField,
        widget=WHEN,
        label="Starts",
        error_messages={"required": models.STARTS_AT},
    )


def _duration() -> forms.Field:
    return from_model(
        Meeting,
        "duration_minutes",
        min_value=models.MIN_MINUTES,
        max_value=models.MAX_MINUTES,
        label="Minutes",
        error_messages={"min_value": models.DURATION, "max_value": models.DURATION},
    )


class MeetingForm(forms.Form):
    kind = _kind()
    title = _title()
    starts_at = _starts_at()
    duration_minutes = _duration()
    location = from_model(Meeting, "location")
    visibility = forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "External — joint with the other side"),
            (Visibility.INTERNAL, "Internal — my organisation only"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text="The other side never learns that an internal meeting exists.",
        error_messages={"invalid_choice": "Choose external (joint) or internal."},
    )
    attendee_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Invite colleagues",
        help_text="The other side's partnership manager is invited to external meetings; "
        "they invite their own people.",
        error_messages={"invalid_choice": OWN_PEOPLE},
    )

    def __init__(self, *args: Any, colleagues: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`colleagues`: whom the actor may invite (partnerships.selectors.colleagues)."""
        super().__init__(*args, **kwargs)
        _choose(self.fields["attendee_ids"], _people(colleagues))


class MeetingEditForm(VersionForm):
    kind = _kind()
    title = _title()
    starts_at = _starts_at()
    duration_minutes = _duration()
    location = from_model(Meeting, "location")


class RecordForm(VersionForm):
    agenda_text = from_model(Meeting, "agenda", label="Agenda", widget=forms.Textarea(attrs={"rows": 10}))
    minutes = from_model(Meeting, "minutes", label="Minutes", widget=forms.Textarea(attrs={"rows": 8}))


class AttendeesForm(forms.Form):
    user_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Add colleagues",
        error_messages={
            "required": "Choose the colleagues to invite.",
            "invalid_choice": "Add people of your own organisation who may see this meeting.",
        },
    )

    def __init__(self, *args: Any, colleagues: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`colleagues`: the actor's colleagues (partnerships.selectors.colleagues)."""
        super().__init__(*args, **kwargs)
        _choose(self.fields["user_ids"], _people(colleagues))


class DecisionForm(forms.Form):
    text = from_model(Decision, "text", label="Decided", error_messages={"required": models.DECISION_TEXT})
    rationale = from_model(
        Decision,
        "rationale",
        label="Why",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": models.DECISION_RATIONALE},
    )
    goal_id = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="It touches the goal",
        error_messages={"invalid_choice": GOAL},
    )
    demand_id = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="It answers the demand",
        error_messages={"invalid_choice": DEMAND},
    )

    def __init__(
        self,
        *args: Any,
        goals: Iterable[tuple[int, str]] = (),
        demands: Iterable[tuple[int, str]] = (),
        **kwargs: Any,
    ) -> None:
        """`goals`, `demands`: what a decision of the meeting may touch (selectors.decision_links)."""
        super().__init__(*args, **kwargs)
        _choose(self.fields["goal_id"], [("", "—"), *goals])
        _choose(self.fields["demand_id"], [("", "—"), *demands])


class ActionForm(forms.Form):
    title = from_model(Commitment, "title", label="Action", error_messages={"required": COMMITMENT_TITLE})
    owner_person_id = forms.TypedChoiceField(
        coerce=int, label="Who", error_messages={"required": OWNER, "invalid_choice": OWNER}
    )
    promised_on = from_model(
        Commitment,
        "promised_on",
        label="By",
        help_text="",
        widget=DateInput(),
        error_messages={"required": DUE_DATE},
    )

    def __init__(self, *args: Any, people: Iterable[Any] | None = None, **kwargs: Any) -> None:
        """`people`: who may own the action (selectors.action_people)."""
        super().__init__(*args, **kwargs)
        _choose(self.fields["owner_person_id"], _people(people))
