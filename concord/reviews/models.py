"""The Reviews tab's records: survey rounds with their anonymous responses, and performance
reviews with their frozen snapshot, narratives and signatures.

- A `SurveyRound` belongs to the partnership (both sides read it, rule Joint); its dimensions are
  a JSON list of {key, label}, editable while it is a draft.
- A `SurveyResponse` is one person's answers, stored under a sealed key (core.sealing) and the
  organisation it counts for — never the person: only its answerer reads or changes it (rule
  Sealed), results leave the database only as per-side aggregates (reviews.perception).
- A `Review` is a joint document: its `snapshot` is a JSON copy of the figures at creation (so
  later edits do not change it), each side writes its own narrative, each side's lead signs.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.reviews import perception

THRESHOLD = (
    f"At least {perception.MIN_THRESHOLD} respondents a side (fewer would reveal answers), at most 50."
)
ROUND_TITLE = "Name the round (the period it covers, e.g. “Q3 2026”)."
PERIOD = "The period ends on or after the day it starts."


class RoundStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SurveyRound(Scoped, TimeStamped, Versioned):
    """One relationship health survey of a partnership over a period."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=120, error_messages={"blank": ROUND_TITLE})
    dimensions = models.JSONField(default=list, help_text="The dimensions rated: [{key, label}].")
    min_respondents = models.PositiveSmallIntegerField(
        default=perception.DEFAULT_THRESHOLD,
        validators=[
            MinValueValidator(perception.MIN_THRESHOLD, message=THRESHOLD),
            MaxValueValidator(50, message=THRESHOLD),
        ],
        help_text="Results of a side show only when at least this many of its people answered.",
    )
    closes_on = models.DateField(error_messages={"null": "Give the day the round closes."})
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_respondents__gte=perception.MIN_THRESHOLD), name="survey_threshold_2"
            )
        ]
        indexes = [
            models.Index(fields=["partnership", "-created_at", "-id"], name="survey_round_newest"),
            models.Index(fields=["partnership", "closes_on", "id"], name="survey_round_by_close"),
            models.Index(fields=["partnership", "title", "id"], name="survey_round_by_title"),
            models.Index(fields=["status", "closes_on"], name="survey_round_due"),
            models.Index(fields=["partnership", "status", "closed_on"], name="survey_round_closed"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def keys(self) -> list[str]:
        return [d["key"] for d in self.dimensions]

    @property
    def labels(self) -> dict[str, str]:
        return {d["key"]: d["label"] for d in self.dimensions}


class SurveyResponse(Scoped, Versioned):
    """One respondent's answers to a round, under a sealed key instead of the person. No time
    stamps on purpose: when someone answered would help tell who answered what."""

    access_rule = rules.Sealed("round__partnership", "survey")

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    respondent = models.CharField(max_length=64, editable=False)
    answers = models.JSONField(default=dict)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "respondent"], name="one_response_per_person")
        ]
        indexes = [models.Index(fields=["round", "organisation"], name="survey_response_side")]

    def __str__(self) -> str:
        return "A survey response"  # never who: the audit trail keeps this text


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    SIGNED = "signed", "Signed by both sides"


class Review(Scoped, TimeStamped, Versioned):
    """A periodic performance review of a partnership: a joint document both sides read."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(
        max_length=120, error_messages={"blank": "Name the review (e.g. “H1 2026 review”)."}
    )
    period_from = models.DateField(error_messages={"null": "Give the first day of the period."})
    period_to = models.DateField(error_messages={"null": "Give the last day of the period."})
    snapshot = models.JSONField(default=dict, editable=False)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    narrative_buyer = bounded_text(20000, blank=True)
    narrative_supplier = bounded_text(20000, blank=True)
    plan = models.ForeignKey(
        "commitments.ActionPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    buyer_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    buyer_signed_on = models.DateField(null=True, blank=True)
    supplier_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    supplier_signed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_to", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(period_to__gte=F("period_from")), name="review_period_order")
        ]
        # The list's orders (read forwards or backwards: the id breaks ties in the same direction).
        indexes = [
            models.Index(fields=["partnership", "-period_to", "-id"], name="review_newest"),
            models.Index(fields=["partnership", "title", "id"], name="review_by_title"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.period_from and self.period_to and self.period_to < self.period_from:
            raise ValidationError({"period_to": PERIOD})

    @property
    def signed_by_any(self) -> bool:
        return bool(self.buyer_signed_on or self.supplier_signed_on)
