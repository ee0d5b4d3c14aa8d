"""Governance of a partnership: who does what (RACI over the key personnel of both sides), the
escalation path, joint committees with their decision rights, decisions taken outside meetings,
issues that escalate until resolved by citing the vision (the blameless lessons they carry
are the `lessons` app's).

The RACI, the directory, the escalation path and the committees are joint (both parties read
them, contributors of either party shape them; each side names only its own people). Decisions
and issues are records: shared, or internal to the organisation that wrote them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.partnerships.models import PartnershipRecord

ACTIVITY = "Name the activity."
ROLE_TITLE = "Say what this person does in the partnership."
LEVEL_NAME = "Name the level."
RESPONSE = "Give a response time from 1 to 90 days."
COMMITTEE_NAME = "Name the committee."
CADENCE = "Give a cadence from 1 to 366 days."
RIGHT_SCOPE = "Say what the committee may decide."
LIMIT = "Give a value limit of zero or more, or leave it empty for no limit."
DECISION_TEXT = "Say what was decided."
DECISION_RATIONALE = "Say why: the log is read by people who were not there."
DECIDED_ON = "Give the date of the decision."
VALUE = "Give a value of zero or more."
ISSUE_TITLE = "Name the issue."
ISSUE_DESCRIPTION = "Describe the issue: what happens and what it affects."
RESOLUTION = "Say how the issue was resolved."
CITE = "Cite the vision objective or guiding principle the resolution serves."
MAX_VALUE = Decimal("999999999999.99")


class Raci(models.TextChoices):
    RESPONSIBLE = "R", "Responsible"
    ACCOUNTABLE = "A", "Accountable"
    CONSULTED = "C", "Consulted"
    INFORMED = "I", "Informed"


class EscalationLevel(Scoped, TimeStamped, Versioned):
    """One step of the partnership's escalation path (1 is where issues start), with the time the
    people at that level have to respond before an open issue moves up."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="escalation_levels"
    )
    rank = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=120, error_messages={"blank": LEVEL_NAME})
    response_days = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1, message=RESPONSE), MaxValueValidator(90, message=RESPONSE)],
        help_text="Days to respond before an open issue escalates to the next level.",
    )

    class Meta:
        ordering = ["partnership", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "rank"], name="one_level_rank")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.name}"


class KeyPerson(Scoped, TimeStamped, Versioned):
    """A person of one side in the partnership's directory: what they do and at which level of the
    escalation path they answer. Each side names its own people (the directory is the one staff
    list both sides see)."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="key_people"
    )
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role_title = models.CharField(max_length=120, error_messages={"blank": ROLE_TITLE})
    level = models.ForeignKey(
        EscalationLevel, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )

    class Meta:
        ordering = ["partnership", "organisation", "id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "person"], name="one_directory_entry")]

    def __str__(self) -> str:
        return f"{self.person} ({self.role_title})"


class Activity(Scoped, TimeStamped, Versioned):
    """A row of the RACI matrix: an activity of the partnership."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200, error_messages={"blank": ACTIVITY})
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Assignment(Scoped, TimeStamped):
    """One cell of the RACI matrix: a key person's role in an activity."""

    access_rule = rules.Child("activity", Activity.access_rule)

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="assignments")
    key_person = models.ForeignKey(KeyPerson, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(max_length=1, choices=Raci.choices)

    class Meta:
        ordering = ["activity", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "key_person"], name="one_raci_cell")]

    def __str__(self) -> str:
        return f"{self.role}: {self.key_person} on {self.activity}"


class Committee(Scoped, TimeStamped, Versioned):
    """A joint committee: members from both sides, a cadence and decision rights."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120, error_messages={"blank": COMMITTEE_NAME})
    purpose = bounded_text(5000, blank=True)
    cadence_days = models.PositiveSmallIntegerField(
        default=91,
        validators=[MinValueValidator(1, message=CADENCE), MaxValueValidator(366, message=CADENCE)],
        help_text="How often it meets (days).",
    )
    members = models.ManyToManyField(KeyPerson, blank=True, related_name="committees")

    class Meta:
        ordering = ["partnership", "name", "id"]

    def __str__(self) -> str:
        return self.name


class DecisionRight(Scoped, TimeStamped, Versioned):
    """What a committee may decide, and up to which value (no limit when empty)."""

    access_rule = rules.Child("committee", Committee.access_rule)

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="rights")
    scope = models.CharField(max_length=200, error_messages={"blank": RIGHT_SCOPE})
    value_limit = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=LIMIT), MaxValueValidator(MAX_VALUE, message=LIMIT)],
    )

    class Meta:
        ordering = ["committee", "id"]

    def __str__(self) -> str:
        limit = f" up to {self.value_limit:,.2f}" if self.value_limit is not None else ""
        return f"{self.scope}{limit}"


class DecidedBy(models.TextChoices):
    COMMITTEE = "committee", "A committee"
    MANAGERS = "managers", "The partnership managers"


class GovernanceDecision(PartnershipRecord):
    """A decision taken outside a meeting, by a committee within one of its rights or by the
    partnership managers; the decision log shows it beside the meetings' decisions."""

    text = models.CharField(max_length=500, error_messages={"blank": DECISION_TEXT})
    rationale = bounded_text(10000, error_messages={"blank": DECISION_RATIONALE})
    decided_on = models.DateField(error_messages={"null": DECIDED_ON})
    decided_by = models.CharField(max_length=10, choices=DecidedBy.choices, default=DecidedBy.MANAGERS)
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    right = models.ForeignKey(
        DecisionRight, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=VALUE), MaxValueValidator(MAX_VALUE, message=VALUE)],
    )
    principle = models.CharField(max_length=120, blank=True, help_text="A guiding principle it serves.")
    objectives = models.ManyToManyField("vision.Objective", blank=True, related_name="+")
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="+")
    # The log is append-only by intent: a decision is never edited, a later one supersedes it.
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["partnership", "decided_on"])]

    def __str__(self) -> str:
        return self.text

    def clean(self) -> None:
        from concord.governance.rights import right_problems

        right = self.right if self.right_id else None
        errors = right_problems(
            decided_by=self.decided_by,
            committee_id=self.committee_id,
            right_committee_id=right.committee_id if right else None,
            has_right=right is not None,
            limit=right.value_limit if right else None,
            value=self.value,
        )
        if errors:
            raise ValidationError(errors)


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class IssueStatus(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class Issue(PartnershipRecord):
    """An issue or conflict raised by either side. It sits at a level of the escalation path and
    moves up when nobody resolves it within the level's response time; a resolution cites the
    vision objective or guiding principle it serves (the vision as the reference point)."""

    title = models.CharField(max_length=200, error_messages={"blank": ISSUE_TITLE})
    description = bounded_text(20000, error_messages={"blank": ISSUE_DESCRIPTION})
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    goals = models.ManyToManyField("goals.Goal", blank=True, related_name="+")
    level = models.ForeignKey(EscalationLevel, null=True, on_delete=models.SET_NULL, related_name="issues")
    level_since = models.DateField(help_text="The day the issue reached its current level.")
    escalations = models.PositiveSmallIntegerField(default=0, help_text="Times it moved up automatically.")
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    resolution = bounded_text(10000, blank=True)
    cited_objective = models.ForeignKey(
        "vision.Objective", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cited_principle = models.CharField(max_length=120, blank=True)
    cited_text = bounded_text(5000, blank=True, help_text="The cited text as it stood at resolution.")
    resolved_on = models.DateField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "status", "created_at"]),
            models.Index(fields=["status", "level_since"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status != IssueStatus.RESOLVED:
            return
        errors = {}
        if not self.resolution.strip():
            errors["resolution"] = RESOLUTION
        if self.cited_objective_id is None and not self.cited_principle:
            errors["citation"] = CITE
        if errors:
            raise ValidationError(errors)
