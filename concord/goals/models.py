"""Shared SMART goals of a partnership and their KPI measurements.

A goal belongs to one party (its owner organisation and person) and is shared with the partner or
internal to the owner. Measurements are dated values; corrections are updates with history (the
audit trail keeps every earlier value), and the date a value belongs to never changes.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.goals.progress import GoalStatus
from concord.partnerships.models import PartnershipRecord

# Values, baselines and targets: 18 digits with 4 decimals leave 14 before the point; a bound well
# inside that keeps sums and trends of many values exact.
NUMBER_LIMIT = Decimal("9999999999999.9999")
TOO_LARGE = "Enter a number below 10 trillion."
WITHIN_LIMIT = [
    MinValueValidator(-NUMBER_LIMIT, message=TOO_LARGE),
    MaxValueValidator(NUMBER_LIMIT, message=TOO_LARGE),
]


def not_in_future(day: datetime.date) -> None:
    """A value is measured, not forecast: its date has come."""
    if day > timezone.localdate():
        raise ValidationError("A measurement cannot be dated in the future.")


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    YEARLY = "yearly", "Yearly"


STATUS_CHOICES = [(s.value, s.value.replace("_", " ")) for s in GoalStatus]


class Goal(PartnershipRecord):
    """A goal of one party, with its metric, target and dates; its due date follows its start."""

    title = models.CharField(max_length=200, error_messages={"blank": "Name the goal."})
    description = bounded_text(20000, blank=True)
    objectives = models.ManyToManyField("vision.Objective", blank=True, related_name="goals")
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    metric = models.CharField(max_length=120, blank=True)
    unit = models.CharField(max_length=30, blank=True)
    baseline = models.DecimalField(
        max_digits=18, decimal_places=4, null=True, blank=True, validators=WITHIN_LIMIT
    )
    target = models.DecimalField(
        max_digits=18, decimal_places=4, null=True, blank=True, validators=WITHIN_LIMIT
    )
    direction = models.CharField(max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    start_date = models.DateField(error_messages={"null": "Give the date the goal starts from."})
    due_date = models.DateField(null=True, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY)
    # The status as progress.assess gives it on `status_on`, stored so that the home page, the
    # portfolio and the health index read it instead of assessing every goal from its values. A
    # cache, never an input: the goal services refresh it on every write of the goal or its
    # values, and the daily job (goals.tasks) for the statuses that move with the date
    # (services/stored.py). Not versioned, not audited: it is derived, its sources are.
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="no_data", editable=False)
    progress = models.FloatField(null=True, blank=True, editable=False)
    latest_on = models.DateField(null=True, blank=True, editable=False)
    status_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["partnership", "visibility", "owner"]),
            models.Index(fields=["partnership", "status"], name="goal_status_by_partnership"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.due_date and self.due_date <= self.start_date:
            raise ValidationError({"due_date": "The due date must be after the start date."})

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER


class Measurement(Scoped, TimeStamped, Versioned):
    """A dated value of a goal; one per goal and date, never dated in the future."""

    access_rule = rules.Child("goal", Goal.access_rule)
    # Imported values are in the trail as one event per goal and import (docs/audit.md): the
    # goal's event under this key, at the value's creation time, is part of the value's history.
    bulk_audit = ("goal", "measurements_imported")

    # No index of its own: the unique (goal, measured_on) index starts with the goal and serves
    # every lookup by goal; a second one only slowed each insert (a million-row import most).
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measurements", db_index=False)
    measured_on = models.DateField(
        help_text="The date (or period end) the value belongs to.", validators=[not_in_future]
    )
    value = models.DecimalField(
        max_digits=18,
        decimal_places=4,
        validators=WITHIN_LIMIT,
        error_messages={"null": "Enter the measured value."},
    )
    note = models.CharField(max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["measured_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "measured_on"], name="one_value_per_goal_date")
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.value} on {self.measured_on}"


class SuccessEvent(PartnershipRecord):
    """A success worth celebrating (the wins feed reads these); visibility follows its source."""

    kind = models.CharField(max_length=30)
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="successes")
    commitment = models.ForeignKey(
        "commitments.Commitment", null=True, blank=True, on_delete=models.CASCADE, related_name="successes"
    )
    occurred_on = models.DateField()
    text = models.CharField(max_length=300)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "kind"],
                condition=models.Q(goal__isnull=False),
                name="one_success_per_goal_kind",
            ),
            models.UniqueConstraint(
                fields=["commitment", "kind"],
                condition=models.Q(commitment__isnull=False),
                name="one_success_per_commitment_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.text
