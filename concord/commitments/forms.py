"""Forms of the demand and commitment pages; the services validate again."""

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
