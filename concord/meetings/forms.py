"""Forms of the meeting pages; the services validate again."""

from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.core.forms import DateInput
from concord.meetings.models import MeetingKind

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(choices=MeetingKind.choices)
    title = forms.CharField(max_length=200)
    starts_at = forms.DateTimeField(widget=WHEN, label="Starts")
    duration_minutes = forms.IntegerField(min_value=5, max_value=720, initial=60, label="Minutes")
    location = forms.CharField(max_length=300, required=False, help_text="A room or a video link.")
    visibility = forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "External — joint with the other side"),
            (Visibility.INTERNAL, "Internal — my organisation only"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text="The other side never learns that an internal meeting exists.",
    )
    attendee_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Invite colleagues",
        help_text="The other side's partnership manager is invited to external meetings; "
        "they invite their own people.",
    )

    def __init__(self, *args: Any, colleagues: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attendee_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(p.pk, p.get_full_name() or p.email) for p in colleagues]


class MeetingEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(max_length=200)
    starts_at = forms.DateTimeField(widget=WHEN, label="Starts")
    duration_minutes = forms.IntegerField(min_value=5, max_value=720, label="Minutes")
    location = forms.CharField(max_length=300, required=False)


class RecordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agenda_text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Agenda")
    minutes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}), label="Minutes")


class AttendeesForm(forms.Form):
    user_ids = forms.TypedMultipleChoiceField(
        coerce=int, widget=forms.CheckboxSelectMultiple, label="Add colleagues"
    )

    def __init__(self, *args: Any, colleagues: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(p.pk, p.get_full_name() or p.email) for p in colleagues]


class DecisionForm(forms.Form):
    text = forms.CharField(max_length=500, label="Decided")
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why")


class ActionForm(forms.Form):
    title = forms.CharField(max_length=200, label="Action")
    owner_person_id = forms.TypedChoiceField(coerce=int, label="Who")
    promised_on = forms.DateField(widget=DateInput(), label="By")

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_person_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(p.pk, p.get_full_name() or p.email) for p in people]
