"""The Shared Vision, agreed before the contract. First: blind outcome submission rounds.

Each party states, separately, its desired outcomes, how it spreads 100 points over priority
dimensions, what it expects of the ways of working, and its prediction of the other party's points.
Until the round is revealed, a party's submission is internal to it (see access.policy).
"""

from django.conf import settings
from django.db import models

from concord.core.models import TimeStamped, Versioned

DEFAULT_DIMENSIONS = [
    "Cost",
    "Speed / time-to-market",
    "Quality",
    "Innovation",
    "Risk & resilience",
    "Sustainability",
    "Service level",
    "Growth / market access",
]


class RoundStatus(models.TextChoices):
    OPEN = "open", "Open — answers are blind"
    REVEALED = "revealed", "Revealed"


class SubmissionRound(TimeStamped, Versioned):
    """One round of blind submissions in a partnership; earlier rounds stay readable."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="vision_rounds"
    )
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    dimensions = models.JSONField(help_text="Priority dimensions, fixed when the round opens.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="one_round_number"),
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(status="open"),
                name="one_open_round_per_partnership",
            ),
        ]

    def __str__(self) -> str:
        return f"Round {self.number}"


class Submission(TimeStamped, Versioned):
    """One party's answers in a round. Blind: only its own organisation reads it before reveal."""

    round = models.ForeignKey(SubmissionRound, on_delete=models.CASCADE, related_name="submissions")
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    outcomes = models.JSONField(default=list, blank=True, help_text="[{outcome, measure}]")
    priorities = models.JSONField(default=dict, blank=True, help_text="{dimension: points}, totals 100")
    prediction = models.JSONField(default=dict, blank=True, help_text="the other party's points, as guessed")
    ways = models.JSONField(default=dict, blank=True, help_text="ways-of-working expectations")
    ways_note = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "owner"], name="one_submission_per_party")]

    def __str__(self) -> str:
        return f"{self.owner} in {self.round}"
