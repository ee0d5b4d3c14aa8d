"""Forms of the goal pages; the services validate again (forms only shape the input)."""

from typing import Any

from django import forms

from concord.access.roles import Visibility
from concord.core.forms import DateInput
from concord.goals.models import Direction, Frequency
from concord.goals.transfer import MAX_UPLOAD

DATE = DateInput()
NUMBER = forms.TextInput(attrs={"inputmode": "decimal"})


class GoalForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    metric = forms.CharField(
        max_length=120, required=False, help_text="What is measured, e.g. on-time delivery."
    )
    unit = forms.CharField(max_length=30, required=False, help_text="%, days, EUR, ppm, …")
    baseline = forms.CharField(required=False, widget=NUMBER, help_text="Where we start from.")
    target = forms.CharField(required=False, widget=NUMBER)
    direction = forms.ChoiceField(choices=Direction.choices)
    start_date = forms.DateField(widget=DATE)
    due_date = forms.DateField(required=False, widget=DATE)
    frequency = forms.ChoiceField(choices=Frequency.choices, initial=Frequency.MONTHLY, label="Measured")
    owner_person = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Owner")
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text="Internal goals are never shown to the other organisation.",
    )
    objectives = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Vision objectives this goal serves"
    )

    def __init__(self, *args: Any, objectives: list[Any], people: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        objective_field = self.fields["objectives"]
        person_field = self.fields["owner_person"]
        assert isinstance(objective_field, forms.MultipleChoiceField)
        assert isinstance(person_field, forms.TypedChoiceField)
        objective_field.choices = [(str(o.pk), f"{o.code} {o.title}") for o in objectives]
        person_field.choices = [("", "—"), *((p.pk, p.get_full_name() or p.email) for p in people)]


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(
        widget=DATE, label="Date", help_text="The day (or period end) the value is for."
    )
    value = forms.CharField(widget=NUMBER, max_length=40)
    note = forms.CharField(max_length=500, required=False)


class CorrectionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    value = forms.CharField(widget=NUMBER, max_length=40, label="Corrected value")
    note = forms.CharField(max_length=500, required=False, help_text="Why it changed.")


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text=f"A .csv or .xlsx with the columns goal_id (or goal), date, value and note; at most "
        f"{MAX_UPLOAD // (1024 * 1024)} MB. An export re-imports as it is.",
    )
    correct_existing = forms.BooleanField(
        required=False,
        label="Correct existing values",
        help_text="A different value for a date already recorded replaces it; "
        "the old value stays in the history.",
    )
