"""Demands between the parties, their transparent yes / no / maybe answers, and the ledger of
commitments kept.

A demand is raised by one party (its owner) to another (`to_org`) and is always shared. Answers are
kept in order: a Maybe may later become a Yes or a No; a Yes creates a commitment of the answering
party. A commitment's promised date never changes: a new date is a renegotiation, recorded beside
it; its status is computed (status.py), never stored, so it cannot disagree between screens.
"""

from django.conf import settings
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.partnerships.models import PartnershipRecord


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class DemandStatus(models.TextChoices):
    OPEN = "open", "Awaiting an answer"
    YES = "yes", "Yes"
    NO = "no", "No"
    MAYBE = "maybe", "Maybe"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Demand(PartnershipRecord):
    to_org = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = bounded_text(10000, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    needed_by = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=DemandStatus.choices, default=DemandStatus.OPEN)
    first_answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return self.title


class AnswerKind(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    MAYBE = "maybe", "Maybe"


class Answer(Scoped, TimeStamped):
    access_rule = rules.Child("demand", Demand.access_rule)

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=5, choices=AnswerKind.choices)
    rationale = bounded_text(10000)
    promised_on = models.DateField(null=True, blank=True, help_text="Yes: the date we commit to.")
    conditions = bounded_text(10000, blank=True, help_text="Maybe: what it depends on.")
    follow_up_on = models.DateField(
        null=True, blank=True, help_text="Maybe: when we come back with an answer."
    )
    alternative = bounded_text(10000, blank=True, help_text="No: what we can offer instead.")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.demand}"


class CommitmentSource(models.TextChoices):
    DEMAND = "demand", "Yes to a demand"
    MEETING = "meeting", "Meeting action"
    PLAN = "plan", "Action plan item"
    DIRECT = "direct", "Given directly"


class Commitment(PartnershipRecord):
    """A promise of one party (its owner) to the partnership. Shared, except the actions of an
    internal meeting, which stay internal to-dos of that organisation (and out of reliability)."""

    title = models.CharField(max_length=200)
    description = bounded_text(10000, blank=True)
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(
        max_length=10, choices=CommitmentSource.choices, default=CommitmentSource.DIRECT
    )
    answer = models.OneToOneField(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="commitment"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    plan = models.ForeignKey(
        "commitments.ActionPlan", null=True, blank=True, on_delete=models.CASCADE, related_name="items"
    )
    promised_on = models.DateField(help_text="The date first promised; never changes.")
    due_on = models.DateField(
        help_text="The date now agreed: the promised one, or the latest renegotiated one."
    )
    delivered_on = models.DateField(null=True, blank=True)
    given_up_on = models.DateField(
        null=True, blank=True, help_text="The day the party said it cannot deliver."
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["partnership", "owner", "promised_on"])]

    def __str__(self) -> str:
        return self.title


class Renegotiation(Scoped, TimeStamped):
    access_rule = rules.Child("commitment", Commitment.access_rule)

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="renegotiations")
    from_date = models.DateField()
    to_date = models.DateField()
    reason = bounded_text(10000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.from_date} → {self.to_date}"


class BlamelessNote(Scoped, TimeStamped, Versioned):
    """After a miss: what happened and what we change. Deliberately no field for whose fault it was."""

    access_rule = rules.Child("commitment", Commitment.access_rule)

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="learnings")
    what_happened = bounded_text(10000)
    what_we_change = bounded_text(10000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Learning on {self.commitment}"


class ActionPlan(PartnershipRecord):
    """A simple plan toward goals, reviewed often. Its items are commitments (source "plan") of the
    organisations of the people who own them; an internal plan's items stay internal to-dos."""

    title = models.CharField(max_length=200)
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="plans")
    review_every_days = models.PositiveIntegerField(default=14)
    last_reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class PlanReview(Scoped, TimeStamped):
    """Who reviewed the plan, what they noted, and what had changed since the previous review."""

    access_rule = rules.Child("plan", ActionPlan.access_rule)

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = bounded_text(10000, blank=True)
    changes = models.JSONField(
        default=list, blank=True, help_text="What changed since the previous review, in words."
    )
    statuses = models.JSONField(default=dict, blank=True, help_text="Each item's status at this review.")

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.plan}"
