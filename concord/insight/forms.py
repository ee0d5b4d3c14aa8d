"""The input of each operation of customer insight: the page's form, which is also the API's body
(schemas.py generates it; core.inputs runs the form over it). Fields are the models' own (limits,
choices, defaults: `from_model`); the models hold the invariants and check them on every write."""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings

from concord.access.roles import Visibility
from concord.commitments.models import Demand
from concord.core.forms import DateInput, VersionForm, from_model
from concord.insight import models
from concord.insight.models import (
    CustomerConstraints,
    CustomerGoal,
    FitWeights,
    InstalledItem,
    Offering,
    Theme,
)

VISIBILITY = "Choose shared or internal."
PRIVATE = (
    "Internal: only your organisation sees it (the default). "
    "Shared: the customer sees it too, but never your notes."
)


def _visibility() -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        widget=forms.RadioSelect,
        help_text=PRIVATE,
        error_messages={"invalid_choice": VISIBILITY, "required": VISIBILITY},
    )


def _number(message: str) -> dict[str, str]:
    """The model's own message for every way a number is out of bounds or not a number."""
    return {"invalid": message, "min_value": message, "max_value": message}


WEIGHT_LIMITS: dict[str, object] = {"min_value": 0, "max_value": 10, "error_messages": _number(models.WEIGHT)}


def _version_seen() -> forms.IntegerField:
    """The version of a record that may not exist yet (constraints, weights): none the first time,
    then the version read (a stale one is a conflict)."""
    return forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        help_text="The version you are editing, once there is one; a stale one gets 409.",
    )


def _area(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ItemForm(forms.Form):
    """An item of the customer's installed base."""

    technology = from_model(
        InstalledItem,
        "technology",
        label="Product or technology",
        error_messages={"required": models.NAME_ITEM},
    )
    make = from_model(InstalledItem, "make")
    model = from_model(InstalledItem, "model")
    item_version = from_model(InstalledItem, "item_version", label="Version")
    quantity = from_model(
        InstalledItem, "quantity", min_value=1, max_value=1_000_000, error_messages=_number(models.QUANTITY)
    )
    site = from_model(InstalledItem, "site")
    installed_on = from_model(InstalledItem, "installed_on", widget=DateInput())
    status = from_model(
        InstalledItem, "status", error_messages={"invalid_choice": "Choose a status from the list."}
    )
    end_of_support_on = from_model(
        InstalledItem, "end_of_support_on", label="End of support", widget=DateInput()
    )
    notes = from_model(InstalledItem, "notes", widget=_area())
    visibility = _visibility()


class ItemEditForm(VersionForm, ItemForm):
    pass


class CustomerGoalForm(forms.Form):
    """A goal or strategy pillar of the customer."""

    kind = from_model(CustomerGoal, "kind", error_messages={"invalid_choice": "Choose goal or pillar."})
    title = from_model(CustomerGoal, "title", error_messages={"required": models.NAME_GOAL})
    theme = from_model(
        CustomerGoal, "theme", error_messages={"invalid_choice": "Choose a theme from the list."}
    )
    importance = from_model(
        CustomerGoal, "importance", min_value=1, max_value=5, error_messages=_number(models.IMPORTANCE)
    )
    goal = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Shared goal it stands for",
        error_messages={"invalid_choice": "Choose a goal of this partnership."},
    )
    objective = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        label="Vision objective it stands for",
        error_messages={"invalid_choice": "Choose an objective of this partnership's vision."},
    )
    notes = from_model(CustomerGoal, "notes", widget=_area())
    visibility = _visibility()

    def __init__(
        self, *args: Any, goals: Iterable[Any] = (), objectives: Iterable[Any] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, options in (("goal", goals), ("objective", objectives)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = [("", "—"), *((o.pk, str(o)) for o in options)]


class CustomerGoalEditForm(VersionForm, CustomerGoalForm):
    pass


class ConstraintsForm(forms.Form):
    """The customer's constraints (one record; `version` once it exists)."""

    version_seen = _version_seen()
    budget_month = from_model(
        CustomerConstraints, "budget_month", min_value=1, max_value=12, error_messages=_number(models.MONTH)
    )
    standards = from_model(CustomerConstraints, "standards")
    sites = from_model(CustomerConstraints, "sites")
    preferred_timing = from_model(CustomerConstraints, "preferred_timing")


class OfferingForm(forms.Form):
    """An offering of the portfolio. Lists are comma-separated."""

    name = from_model(Offering, "name", error_messages={"required": models.NAME_OFFERING})
    category = from_model(Offering, "category")
    tags = from_model(Offering, "tags")
    replaces = from_model(
        Offering,
        "replaces",
        help_text="Technologies, make and model, or make, model and version it replaces, comma-separated.",
    )
    compatible_with = from_model(
        Offering, "compatible_with", help_text="What it works with, comma-separated."
    )
    incompatible_with = from_model(
        Offering, "incompatible_with", help_text="What it cannot work with, comma-separated."
    )
    prerequisites = from_model(Offering, "prerequisites")
    themes = forms.MultipleChoiceField(
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Benefits (goal themes)",
        error_messages={"invalid_choice": "Choose themes from the list."},
    )
    cost_band = from_model(Offering, "cost_band", error_messages={"invalid_choice": "Choose a cost band."})
    lead_time_days = from_model(
        Offering,
        "lead_time_days",
        label="Lead time (days)",
        min_value=0,
        max_value=1000,
        error_messages=_number(models.LEAD),
    )
    available_from = from_model(Offering, "available_from", widget=DateInput())
    available_until = from_model(Offering, "available_until", widget=DateInput())
    lifecycle = from_model(
        Offering, "lifecycle", error_messages={"invalid_choice": "Choose a lifecycle stage."}
    )
    description = from_model(Offering, "description", widget=_area(3))


class OfferingEditForm(VersionForm, OfferingForm):
    pass


class WeightsForm(forms.Form):
    """How much each fit factor counts, 0–10."""

    version_seen = _version_seen()
    goals = from_model(FitWeights, "goals", label="Customer goals and pillars", **WEIGHT_LIMITS)
    installed_base = from_model(FitWeights, "installed_base", label="Installed base", **WEIGHT_LIMITS)
    timing = from_model(FitWeights, "timing", label="Timing", **WEIGHT_LIMITS)
    cost_benefit = from_model(FitWeights, "cost_benefit", label="Cost and benefit", **WEIGHT_LIMITS)


class ProposalForm(forms.Form):
    """Share a recommendation with the customer: it answers yes, no or maybe."""

    title = from_model(
        Demand, "title", label="Proposal", error_messages={"required": "Say what you propose."}
    )
    description = from_model(Demand, "description", label="Why it fits", widget=_area(4))
    priority = from_model(
        Demand, "priority", error_messages={"invalid_choice": "Choose low, normal, high or critical."}
    )
    needed_by = from_model(Demand, "needed_by", label="Answer wanted by", widget=DateInput())


class ImportForm(forms.Form):
    file = forms.FileField(
        help_text=f"A .csv or .xlsx with the columns technology, make, model, version, quantity, site, "
        f"installed_on, status, end_of_support_on, notes; at most {settings.CONCORD_UPLOAD_MAX_MB} MB. "
        "An export re-imports as it is.",
        error_messages={"required": "Choose a .csv or .xlsx file."},
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label="Only check (dry run)", help_text="Nothing is saved."
    )
