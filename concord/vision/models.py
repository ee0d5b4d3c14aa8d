"""The Shared Vision, agreed before the contract. First: blind outcome submission rounds.

Each party states, separately, its desired outcomes, how it spreads 100 points over priority
dimensions, what it expects of the ways of working, and its prediction of the other party's points.
Until the round is revealed, a party's submission is internal to it (see access.policy).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.partnerships.models import PartnershipRecord
from concord.vision import answers

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


class SubmissionRound(Scoped, TimeStamped, Versioned):
    """One round of blind submissions in a partnership; earlier rounds stay readable."""

    access_rule = rules.Joint("partnership")

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

    def clean(self) -> None:
        """2 to 12 different dimensions, each named in under 60 characters."""
        problems = answers.dimension_problems(self.dimensions)
        if problems:
            raise ValidationError({"dimensions": problems})


class Submission(Scoped, TimeStamped, Versioned):
    """One party's answers in a round. Blind: only its own organisation reads it before reveal."""

    access_rule = rules.Blind("round__partnership", status="round__status", revealed=RoundStatus.REVEALED)

    round = models.ForeignKey(SubmissionRound, on_delete=models.CASCADE, related_name="submissions")
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    outcomes = models.JSONField(default=list, blank=True, help_text="[{outcome, measure}]")
    priorities = models.JSONField(default=dict, blank=True, help_text="{dimension: points}, totals 100")
    prediction = models.JSONField(default=dict, blank=True, help_text="the other party's points, as guessed")
    ways = models.JSONField(default=dict, blank=True, help_text="ways-of-working expectations")
    ways_note = bounded_text(
        4000, blank=True, error_messages={"max_length": "Keep the note under 4000 characters."}
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "owner"], name="one_submission_per_party")]

    def __str__(self) -> str:
        return f"{self.owner} in {self.round}"

    def clean(self) -> None:
        """The answers fit the round: outcomes with their measures, points on the round's
        dimensions (at most 100 on each spread), known ways-of-working answers."""
        errors = answers.answer_problems(
            dimensions=self.round.dimensions,
            outcomes=self.outcomes,
            priorities=self.priorities,
            prediction=self.prediction,
            ways=self.ways,
        )
        if errors:
            raise ValidationError(errors)


SECTIONS = [
    ("purpose", "Purpose"),
    ("outcomes", "Desired outcomes per party"),
    ("principles", "Guiding principles"),
    ("behaviours", "Intended behaviours"),
]
# What a comment on the vision may be about: a section, or the objectives.
COMMENT_SECTIONS = [*SECTIONS, ("objectives", "Objectives")]
SECTION_CHOICE = "Choose a section of the vision."
DEFAULT_PRINCIPLES = (
    "- **Reciprocity** — each side's contribution is matched by the other's.\n"
    "- **Autonomy** — each side decides how it delivers what it has committed to.\n"
    "- **Honesty** — we tell each other the truth, early, including bad news.\n"
    "- **Loyalty** — we act in the partnership's interest, not only our own.\n"
    "- **Equity** — risks and rewards are shared fairly.\n"
    "- **Integrity** — we do what we say, and say what we do.\n"
)


class RevisionStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    AWAITING = "awaiting", "Awaiting sign-off"
    AGREED = "agreed", "Agreed"
    SUPERSEDED = "superseded", "Superseded"


class VisionDocument(Scoped, TimeStamped):
    """The partnership's co-authored Shared Vision: a chain of immutable revisions."""

    access_rule = rules.Joint("partnership")

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="vision_document"
    )

    def __str__(self) -> str:
        return f"Shared Vision of {self.partnership}"


class Objective(Scoped, TimeStamped):
    """A vision objective with a stable code (O1, O2, …) that goals and clauses link to."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="objectives"
    )
    code = models.CharField(max_length=10)
    title = models.CharField(
        max_length=200,
        error_messages={"blank": "Name the objective.", "max_length": "Keep the title under 200 characters."},
    )
    description = bounded_text(
        5000, blank=True, error_messages={"max_length": "Keep the description under 5,000 characters."}
    )
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["partnership", "code"], name="one_objective_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class VisionRevision(Scoped):
    """One exact, immutable text of the vision: sections and the objectives as they stood."""

    access_rule = rules.Joint("document__partnership")

    document = models.ForeignKey(VisionDocument, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    sections = models.JSONField(default=dict, blank=True)
    objectives = models.JSONField(default=list, blank=True, help_text="[{id, code, title, description}]")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    superseded = models.BooleanField(default=False, help_text="An agreed revision a later one replaced.")

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_revision_number")]

    def __str__(self) -> str:
        return f"Revision {self.number}"

    def clean(self) -> None:
        """Only the vision's sections, each a text under 20,000 characters."""
        errors = answers.section_problems(self.sections, [key for key, _ in SECTIONS])
        if errors:
            raise ValidationError(errors)

    @property
    def is_empty(self) -> bool:
        return (
            not any((self.sections or {}).get(key, "").strip() for key, _ in SECTIONS) and not self.objectives
        )


class Signature(Scoped):
    """An authorised signatory's sign-off of one exact revision for their organisation."""

    access_rule = rules.Joint("revision__document__partnership")

    revision = models.ForeignKey(VisionRevision, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "organisation"], name="one_signature_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} signed {self.revision}"


class VisionComment(PartnershipRecord):
    """A comment on one section of the vision, shared with the partner or kept to one's own team.

    It names the revision it was written against, so a reader can tell whether the text has moved
    on since. Resolving keeps the comment (and its history) but folds it away.
    """

    section = models.CharField(
        max_length=20,
        choices=COMMENT_SECTIONS,
        error_messages={
            "invalid_choice": "Choose a section of the vision.",
            "blank": "Choose a section of the vision.",
        },
    )
    revision_number = models.PositiveIntegerField(null=True, blank=True)
    body = bounded_text(20000, error_messages={"blank": "Write the comment."})
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["partnership", "visibility", "owner"])]

    def __str__(self) -> str:
        return f"Comment on {self.section}: {self.body[:40]}"
