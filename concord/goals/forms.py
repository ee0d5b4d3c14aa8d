"""Forms of the goal pages, and the bodies of the goal API (core.inputs builds them from these).

A form reads what people write (numbers like "12,390", dates, choices of people and objectives);
the model holds the invariants (limits, the due date after the start, no measurement dated in the
future) and every service write checks them again, whatever the entry point.
"""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from concord.accounts.models import User
from concord.core import locales
from concord.core.forms import DateInput
from concord.core.inputs import NumberField
from concord.goals.models import Goal, Measurement
from concord.goals.numbers import NOT_A_NUMBER, parse_number
from concord.vision.models import Objective

DATE = DateInput()


class Number(NumberField):
    """A number as people write it (goals.numbers), or a JSON number in the API; a Decimal."""

    default_error_messages = {"invalid": NOT_A_NUMBER}
    longest = 40

    def __init__(self, **kwargs: Any) -> None:
        attrs = {"inputmode": "decimal", "maxlength": str(self.longest)}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        # The API schema's limit on the text; checked here, as the cleaned value is a Decimal.
        self.max_length = self.longest

    def prepare_value(self, value: Any) -> Any:
        """A stored number shown in the person's format, so that sending it back unchanged reads
        as the same number ("1.234,125", not "1234.1250" which a German format reads otherwise)."""
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return locales.format_number(value, 4)
        return value

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip()
            if len(value) > self.longest:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        if value in self.empty_values:
            return None
        page_format = locales.current()  # None in the API: JSON numbers and plain decimal text
        try:
            return parse_number(value, locales.marks(page_format) if page_format else None)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class GoalForm(forms.ModelForm):
    """Add a goal (page and API)."""

    baseline = Number(required=False, help_text="Where we start from.")
    target = Number(required=False)
    start_date = forms.DateField(required=False, widget=DATE, help_text="Default: today.")
    owner_person_id = forms.TypedChoiceField(
        coerce=int,
        required=False,
        empty_value=None,
        label="Owner",
        help_text="A person of the owning organisation. Default: you.",
        error_messages={"invalid_choice": "Choose a person of the organisation that owns the goal."},
    )
    objective_ids = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Vision objectives this goal serves",
        error_messages={"invalid_choice": "Link only current objectives of this partnership's vision."},
    )
    field_order = [
        "title",
        "description",
        "metric",
        "unit",
        "baseline",
        "target",
        "direction",
        "start_date",
        "due_date",
        "frequency",
        "owner_person_id",
        "visibility",
        "objective_ids",
    ]

    class Meta:
        model = Goal
        fields = [
            "title",
            "description",
            "metric",
            "unit",
            "baseline",
            "target",
            "direction",
            "start_date",
            "due_date",
            "frequency",
            "visibility",
        ]
        labels = {"frequency": "Measured"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": DATE,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "metric": "What is measured, e.g. on-time delivery.",
            "unit": "%, days, EUR, ppm, …",
            "visibility": "Internal goals are never shown to the other organisation.",
        }
        error_messages = {
            "title": {"required": "Name the goal."},
            "direction": {"invalid_choice": "Choose higher or lower is better."},
            "frequency": {"invalid_choice": "Choose weekly, monthly, quarterly or yearly."},
            "visibility": {"invalid_choice": "Choose shared or internal."},
        }

    def __init__(
        self,
        *args: Any,
        objectives: Iterable[Objective] = (),
        people: Iterable[User] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        objective_field = self.fields["objective_ids"]
        person_field = self.fields["owner_person_id"]
        assert isinstance(objective_field, forms.TypedMultipleChoiceField)
        assert isinstance(person_field, forms.TypedChoiceField)
        objective_field.choices = [(o.pk, f"{o.code} {o.title}") for o in objectives]
        person_field.choices = [("", "—"), *((p.pk, p.get_full_name() or p.email) for p in people)]


class GoalEditForm(GoalForm):
    """Change a goal: the start date stays required once the goal exists."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    start_date = forms.DateField(
        widget=DATE, error_messages={"required": "Give the date the goal starts from."}
    )


class MeasurementForm(forms.ModelForm):
    """Record a value (page and API)."""

    value = Number(error_messages={"required": "Enter the measured value."})

    class Meta:
        model = Measurement
        fields = ["measured_on", "value", "note"]
        labels = {"measured_on": "Date"}
        widgets = {"measured_on": DATE}
        help_texts = {"measured_on": "The day (or period end) the value is for."}


class CorrectionForm(forms.ModelForm):
    """Correct a value; its date never changes (page and API)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    value = Number(
        label="Corrected value",
        error_messages={"required": "Enter the corrected value."},
    )

    class Meta:
        model = Measurement
        fields = ["value", "note"]
        help_texts = {"note": "Why it changed."}


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        help_text=f"A .csv or .xlsx with the columns goal_id (or goal), date, value and note; at most "
        f"{settings.CONCORD_UPLOAD_MAX_MB} MB. An export re-imports as it is.",
    )
    correct_existing = forms.BooleanField(
        required=False,
        label="Correct existing values",
        help_text="A different value for a date already recorded replaces it; "
        "the old value stays in the history.",
    )
