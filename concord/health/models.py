"""The partnership health index: an organisation's weights, and the index per (partnership,
reader organisation) and month.

Each organisation sees an index computed from what it may read (the other side's internal records
never feed it), so there is one row per partnership, reader organisation and month: the current
month's row is recomputed as the sources change (services.py), earlier months' rows are the
history the trend is read from.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned
from concord.health import index

WEIGHED = [
    MinValueValidator(0, message="Give a weight from 0 to 100."),
    MaxValueValidator(100, message="Give a weight from 0 to 100."),
]


class HealthWeights(Scoped, TimeStamped, Versioned):
    """An organisation's weights of the index's components (none stored: index.DEFAULT_WEIGHTS)."""

    access_rule = rules.Member("organisation_id")

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    goals = models.PositiveSmallIntegerField(default=index.DEFAULT_WEIGHTS["goals"], validators=WEIGHED)
    scorecards = models.PositiveSmallIntegerField(
        default=index.DEFAULT_WEIGHTS["scorecards"], validators=WEIGHED
    )
    reliability = models.PositiveSmallIntegerField(
        default=index.DEFAULT_WEIGHTS["reliability"], validators=WEIGHED
    )
    survey = models.PositiveSmallIntegerField(default=index.DEFAULT_WEIGHTS["survey"], validators=WEIGHED)
    risk = models.PositiveSmallIntegerField(default=index.DEFAULT_WEIGHTS["risk"], validators=WEIGHED)
    cadence = models.PositiveSmallIntegerField(default=index.DEFAULT_WEIGHTS["cadence"], validators=WEIGHED)

    def __str__(self) -> str:
        return f"Health weights of {self.organisation_id}"

    def as_dict(self) -> dict[str, int]:
        return {c.value: int(getattr(self, c.value)) for c in index.Component}

    def clean(self) -> None:
        super().clean()
        values = self.as_dict()
        if all(isinstance(v, int) for v in values.values()):
            problems = index.weight_problems(values)
            if problems:
                raise ValidationError(problems)


class HealthScore(Scoped):
    """The index of a partnership as one organisation sees it, for one month. Derived (from audited
    records, with the organisation's weights): written by services only, never audited itself."""

    access_rule = rules.Member("organisation_id")

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    period = models.DateField(help_text="The month (its first day).")
    score = models.FloatField(null=True, blank=True)
    # [{key, score, weight}] per component (index.Component order): the page's explanation.
    components = models.JSONField(default=list)
    computed_on = models.DateField()

    class Meta:
        ordering = ["-period", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation", "period"], name="one_health_per_reader_month"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "period", "score"], name="health_by_reader_month"),
        ]

    def __str__(self) -> str:
        return f"Health of {self.partnership_id} for {self.organisation_id} in {self.period:%Y-%m}"
