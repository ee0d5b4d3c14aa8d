"""Demands between the parties, their transparent yes / no / maybe answers, and the ledger of
commitments kept.

A demand is raised by one party (its owner) to another (`to_org`) and is always shared. Answers are
kept in order: a Maybe may later become a Yes or a No; a Yes creates a commitment of the answering
party. A commitment's promised date never changes: a new date is a renegotiation, recorded beside
it; its status is computed (status.py), never stored, so it cannot disagree between screens.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, bounded_text
from concord.partnerships.models import PartnershipRecord

# The friendly messages of the invariants, also given by the forms (a blank form field is "required").
DEMAND_TITLE = "Say what you need."
PRIORITY = "Choose low, normal, high or critical."
ANSWER_KIND = "Answer yes, no or maybe."
RATIONALE = "Say why: every answer gives its reason, also a yes."
YES_DATE = "A yes needs the date you commit to."
MAYBE_CONDITIONS = "Say what the answer depends on."
MAYBE_FOLLOW_UP = "A maybe needs the date you will come back with an answer."
COMMITMENT_TITLE = "Say what is to be done."
DUE_DATE = "Give the date it is due."
BEFORE_GIVEN = "A delivery cannot be dated before the commitment was given."
NEW_DATE = "Give the new date."
SAME_DATE = "That is the date already agreed."
DATE_REASON = "Say why the date changes."
PLAN_TITLE = "Name the plan."
CADENCE = "Review it every 1 to 366 days; simple plans are reviewed often."
MIN_CADENCE, MAX_CADENCE = 1, 366


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
    title = models.CharField(max_length=200, error_messages={"blank": DEMAND_TITLE})
    description = bounded_text(10000, blank=True)
    priority = models.CharField(
        max_length=10,
        choices=Priority.choices,
        default=Priority.NORMAL,
        error_messages={"invalid_choice": PRIORITY},
    )
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
    """One answer to a demand. Each kind carries what it needs (a yes its date; a maybe what it
    depends on and when the answer comes) and only that; every answer says why."""

    access_rule = rules.Child("demand", Demand.access_rule)

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="answers")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        max_length=5, choices=AnswerKind.choices, error_messages={"invalid_choice": ANSWER_KIND}
    )
    rationale = bounded_text(10000, error_messages={"blank": RATIONALE})
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

    def clean(self) -> None:
        """What each kind needs; what it does not use is left empty."""
        if self.kind != AnswerKind.YES:
            self.promised_on = None
        if self.kind != AnswerKind.MAYBE:
            self.conditions, self.follow_up_on = "", None
        if self.kind != AnswerKind.NO:
            self.alternative = ""
        errors: dict[str, str] = {}
        if self.kind == AnswerKind.YES and self.promised_on is None:
            errors["promised_on"] = YES_DATE
        if self.kind == AnswerKind.MAYBE and not self.conditions.strip():
            errors["conditions"] = MAYBE_CONDITIONS
        if self.kind == AnswerKind.MAYBE and self.follow_up_on is None:
            errors["follow_up_on"] = MAYBE_FOLLOW_UP
        if errors:
            raise ValidationError(errors)


class CommitmentSource(models.TextChoices):
    DEMAND = "demand", "Yes to a demand"
    MEETING = "meeting", "Meeting action"
    PLAN = "plan", "Action plan item"
    DIRECT = "direct", "Given directly"


class Commitment(PartnershipRecord):
    """A promise of one party (its owner) to the partnership. Shared, except the actions of an
    internal meeting, which stay internal to-dos of that organisation (and out of reliability)."""

    title = models.CharField(max_length=200, error_messages={"blank": COMMITMENT_TITLE})
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
    promised_on = models.DateField(
        help_text="The date first promised; never changes.", error_messages={"null": DUE_DATE}
    )
    due_on = models.DateField(
        help_text="The date now agreed: the promised one, or the latest renegotiated one."
    )
    delivered_on = models.DateField(null=True, blank=True)
    given_up_on = models.DateField(
        null=True, blank=True, help_text="The day the party said it cannot deliver."
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["partnership", "owner", "promised_on"]),
            # What an organisation still owes, by due date: the home page's "what my side owes"
            # and the header's count, across every partnership (EXPLAIN at medium read all of
            # the organisation's 25,000 commitments to find 2,500 open ones).
            models.Index(
                fields=["owner", "due_on"],
                condition=models.Q(delivered_on__isnull=True, given_up_on__isnull=True),
                name="commitment_open_by_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        given = timezone.localtime(self.created_at).date() if self.created_at else None
        if self.delivered_on is not None and given is not None and self.delivered_on < given:
            raise ValidationError({"delivered_on": BEFORE_GIVEN})


class Renegotiation(Scoped, TimeStamped):
    access_rule = rules.Child("commitment", Commitment.access_rule)

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="renegotiations")
    from_date = models.DateField()
    to_date = models.DateField(error_messages={"null": NEW_DATE})
    reason = bounded_text(10000, error_messages={"blank": DATE_REASON})
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.commitment}: {self.from_date} → {self.to_date}"

    def clean(self) -> None:
        if self.to_date is not None and self.to_date == self.from_date:
            raise ValidationError({"to_date": SAME_DATE})


class ActionPlan(PartnershipRecord):
    """A simple plan toward goals, reviewed often. Its items are commitments (source "plan") of the
    organisations of the people who own them; an internal plan's items stay internal to-dos."""

    title = models.CharField(max_length=200, error_messages={"blank": PLAN_TITLE})
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="plans")
    review_every_days = models.PositiveIntegerField(
        default=14,
        validators=[
            MinValueValidator(MIN_CADENCE, message=CADENCE),
            MaxValueValidator(MAX_CADENCE, message=CADENCE),
        ],
    )
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
