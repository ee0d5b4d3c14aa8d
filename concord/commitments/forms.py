"""Forms of the demand and commitment pages; the services validate again."""

from typing import Any

from django import forms

from concord.commitments.models import AnswerKind, Priority
from concord.core.forms import DateInput, VersionForm


class DemandForm(forms.Form):
    title = forms.CharField(max_length=200, label="What do you need?")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    priority = forms.ChoiceField(choices=Priority.choices, initial=Priority.NORMAL)
    needed_by = forms.DateField(required=False, widget=DateInput())


class AnswerForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=AnswerKind.choices, widget=forms.RadioSelect, label="Our answer")
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), label="Why", help_text="Every answer says why — also a yes."
    )
    promised_on = forms.DateField(required=False, widget=DateInput(), label="Yes: we commit to deliver by")
    conditions = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Maybe: it depends on"
    )
    follow_up_on = forms.DateField(
        required=False, widget=DateInput(), label="Maybe: we come back with an answer by"
    )
    alternative = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="No: what we can offer instead"
    )


class CommitmentForm(forms.Form):
    title = forms.CharField(max_length=200, label="We commit to")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    promised_on = forms.DateField(widget=DateInput(), label="By")


class DeliverForm(VersionForm):
    delivered_on = forms.DateField(
        required=False, widget=DateInput(), label="Delivered on", help_text="Default today."
    )


class RenegotiateForm(VersionForm):
    to_date = forms.DateField(widget=DateInput(), label="New date")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why the date changes")


class GiveUpForm(VersionForm):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it cannot be delivered")


class LearningForm(forms.Form):
    what_happened = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What happened")
    what_we_change = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What we change")


class KudosForm(forms.Form):
    text = forms.CharField(max_length=300, label="Thank the other side for")


class PlanForm(forms.Form):
    title = forms.CharField(max_length=200)
    review_every_days = forms.IntegerField(
        min_value=1, max_value=366, initial=14, label="Review every … days"
    )
    visibility = forms.ChoiceField(
        choices=[("shared", "Shared with the other side"), ("internal", "Internal to my organisation")],
        initial="shared",
        widget=forms.RadioSelect,
    )
    goal_ids = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Goals it serves"
    )

    def __init__(self, *args: Any, goals: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goal_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(g.pk, g.title) for g in goals]


class PlanItemForm(forms.Form):
    title = forms.CharField(max_length=200, label="Item")
    owner_person_id = forms.TypedChoiceField(coerce=int, label="Owner")
    promised_on = forms.DateField(widget=DateInput(), label="Due")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["owner_person_id"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(p.pk, p.get_full_name() or p.email) for p in people]


class ReviewForm(VersionForm):
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Review note")
