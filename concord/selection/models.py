"""A buying organisation's needs for a partner, the candidates for each, and their evaluation.

Everything here is internal to the buying organisation (access rule `OrgInternal`): the supplier
side — a candidate included — and outsiders never learn that a need, its candidates, criteria,
weights or scores exist. Criteria, judgments, candidates and scores live inside their need
(`Child`), so they are read and written exactly where the need is; services add finer checks
(an evaluator enters only their own scores).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text

NEED_TITLE = "Name the need."
PURPOSE = "Say what you want from partnering."
CANDIDATE_NAME = "Name the candidate organisation."
CRITERION_NAME = "Name the criterion."
POINTS = "Give 0 to 100 points."
SCORE = "Score from 1 (poor) to 5 (excellent)."
INTENSITY = "Choose 1 (equal) to 9 (extreme) on Saaty's scale."
SPEND = "Give a yearly amount of 0 or more."
CURRENCY = RegexValidator(r"^[A-Z]{3}\Z", message="Use a three-letter currency code, e.g. EUR.")

# The defaults of a new need's criteria (issue 14; the practices of seeds 003 and 004).
DEFAULT_CRITERIA = [
    ("Track record", "Delivery history, references, results with comparable customers."),
    ("Reputation", "Standing in the market, with customers and regulators."),
    ("Resources & capacity", "People, plants, money and time to deliver at our volume."),
    ("Strategic fit", "Direction and goals that match ours for the years of the partnership."),
    ("Values & culture alignment", "How they work: openness, ethics, decision making."),
    ("Complementary strengths", "Capabilities that fill our gaps rather than duplicate ours."),
    ("Risk", "Financial, supply, compliance and concentration risk (5 = lowest risk)."),
    ("Total cost", "Cost of ownership over the partnership, not only the price (5 = lowest)."),
]


class NeedStatus(models.TextChoices):
    OPEN = "open", "Evaluating"
    DECIDED = "decided", "Partner chosen"
    CLOSED = "closed", "Closed without a partner"


class Weighting(models.TextChoices):
    POINTS = "points", "Direct points"
    AHP = "ahp", "AHP pairwise comparisons"


class Need(Scoped, TimeStamped, Versioned):
    """What a buying organisation wants from partnering: the gaps a partner must fill, the
    category, the yearly spend and by when. Internal to the owner."""

    access_rule = rules.OrgInternal("owner_id")

    owner = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200, error_messages={"blank": NEED_TITLE})
    purpose = bounded_text(5000, error_messages={"blank": PURPOSE})
    gaps = bounded_text(5000, blank=True, help_text="The capabilities we lack that a partner must bring.")
    category = models.CharField(max_length=120, blank=True)
    annual_spend = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=SPEND)],
        help_text="Expected yearly spend with the partner.",
    )
    currency = models.CharField(
        max_length=3, default="EUR", validators=[CURRENCY], help_text="ISO 4217 code, e.g. EUR."
    )
    needed_by = models.DateField(null=True, blank=True, help_text="When the partnership should start.")
    weighting = models.CharField(max_length=6, choices=Weighting.choices, default=Weighting.POINTS)
    status = models.CharField(max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The decision: the chosen candidate, why, and the partnership it became.
    chosen = models.ForeignKey(
        "selection.Candidate", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rationale = bounded_text(5000, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at", "-id"], name="need_by_owner"),
            models.Index(fields=["owner", "status", "-id"], name="need_by_status"),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(Scoped):
    """One criterion of a need's evaluation, with its direct points (used when weighting by points)."""

    access_rule = rules.Child("need", Need.access_rule)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120, error_messages={"blank": CRITERION_NAME})
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    points = models.PositiveIntegerField(
        default=10, validators=[MaxValueValidator(100, message=POINTS)], error_messages={"invalid": POINTS}
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "name"],
                name="criterion_unique_name",
                violation_error_message="This need already has a criterion of that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Favours(models.TextChoices):
    FIRST = "first", "The first"
    SECOND = "second", "The second"


class Comparison(Scoped):
    """One AHP judgment: which of two criteria matters more, and how much (Saaty's 1–9 scale).
    `first` is always the criterion that comes first in the need's order."""

    access_rule = rules.Child("need", Need.access_rule)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="comparisons")
    first = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    favours = models.CharField(max_length=6, choices=Favours.choices, default=Favours.FIRST)
    intensity = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1, message=INTENSITY), MaxValueValidator(9, message=INTENSITY)],
    )

    class Meta:
        ordering = ["first__position", "first_id", "second__position", "second_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "first", "second"],
                name="comparison_unique_pair",
                violation_error_message="These two criteria are already compared.",
            )
        ]

    @property
    def value(self) -> float:
        """a_first,second: how many times more important the first is than the second."""
        return float(self.intensity) if self.favours == Favours.FIRST else 1.0 / self.intensity


class Candidate(Scoped, TimeStamped):
    """An organisation considered for a need: one Concord already knows (a supplier the buyer
    works with) or a new one by name, without an account yet (it is invited if chosen)."""

    access_rule = rules.Child("need", Need.access_rule)

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="candidates")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200, error_messages={"blank": CANDIDATE_NAME})
    contact_email = models.EmailField(
        max_length=254, blank=True, help_text="Whom to invite if a new organisation is chosen."
    )
    note = bounded_text(2000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "name"],
                name="candidate_unique_name",
                violation_error_message="This need already has a candidate of that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Score(Scoped, TimeStamped, Versioned):
    """One evaluator's score of a candidate on a criterion, 1–5, with the evidence for it."""

    access_rule = rules.Child("candidate", Candidate.access_rule)

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1, message=SCORE), MaxValueValidator(5, message=SCORE)],
        error_messages={"null": SCORE},
    )
    evidence = bounded_text(2000, blank=True)

    class Meta:
        ordering = ["candidate_id", "criterion_id", "evaluator_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "criterion", "evaluator"],
                name="score_unique_evaluator",
                violation_error_message="You have already scored this; change your score instead.",
            )
        ]
