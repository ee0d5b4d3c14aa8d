"""The risk register of a partnership: each risk rated for likelihood and impact (1–5), its score
(their product, stored so that lists sort and filter on it, and held equal to the product by a
database constraint), who owns it (a person and their organisation, the party), how it is
mitigated, the contingency plan and the trigger that sets it off, and when it is next reviewed.

A risk is a partnership record: shared with every party, or internal to the organisation that
recorded it (the other side never learns it exists). Its score history is kept in `ScoreChange`
(one row per rating, written by the services with the audit event), read on the risk's page.
When the trigger fires, the contingency plan becomes an action plan (`plan`) and the risk is
marked fired (services.risk_fire).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, bounded_text
from concord.partnerships.models import PartnershipRecord
from concord.risks import scoring

# The friendly messages of the invariants, also given by the forms (a blank form field is "required").
RISK_TITLE = "Name the risk."
CATEGORY = "Choose a category."
RATING = "Rate it from 1 (lowest) to 5 (highest)."
STATUS = "Choose open, mitigating, fired or closed."
CONTINGENCY = "Write the contingency plan first: it is what becomes the action plan."
FIRED_PLAN = "A fired risk keeps the action plan its contingency became."
RATINGS = [MinValueValidator(1, message=RATING), MaxValueValidator(5, message=RATING)]


class Category(models.TextChoices):
    SUPPLY = "supply", "Supply"
    QUALITY = "quality", "Quality"
    FINANCIAL = "financial", "Financial"
    COMPLIANCE = "compliance", "Compliance"
    CYBER = "cyber", "Cyber"
    GEOPOLITICAL = "geopolitical", "Geopolitical"
    OPERATIONAL = "operational", "Operational"
    REPUTATIONAL = "reputational", "Reputational"
    OTHER = "other", "Other"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    MITIGATING = "mitigating", "Mitigating"
    FIRED = "fired", "Fired"
    CLOSED = "closed", "Closed"


# Risks that still expose the partnership: counted in the exposure, reminded for review.
LIVE = (RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.FIRED)


class Risk(PartnershipRecord):
    """One risk of the partnership; `owner` (the base's) is the organisation that recorded it and
    decides its visibility, `owner_party` the organisation of the person who owns it."""

    access_rule = rules.OwnedRecord()

    title = models.CharField(max_length=200, error_messages={"blank": RISK_TITLE})
    category = models.CharField(
        max_length=15,
        choices=Category.choices,
        default=Category.OTHER,
        error_messages={"invalid_choice": CATEGORY},
    )
    description = bounded_text(10000, blank=True)
    likelihood = models.PositiveSmallIntegerField(default=3, validators=RATINGS)
    impact = models.PositiveSmallIntegerField(default=3, validators=RATINGS)
    score = models.PositiveSmallIntegerField(
        default=9, editable=False, help_text="Likelihood × impact, 1 to 25."
    )
    owner_party = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mitigation = bounded_text(10000, blank=True, help_text="What is done to make it less likely or less bad.")
    contingency = bounded_text(
        10000, blank=True, help_text="What we do if it happens: one step a line becomes an item of the plan."
    )
    trigger = bounded_text(2000, blank=True, help_text="The sign that it is happening.")
    next_review_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10,
        choices=RiskStatus.choices,
        default=RiskStatus.OPEN,
        error_messages={"invalid_choice": STATUS},
    )
    fired_on = models.DateField(null=True, blank=True)
    plan = models.ForeignKey(
        "commitments.ActionPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-score", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_ratings_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(score=F("likelihood") * F("impact")), name="risk_score_is_product"
            ),
        ]
        # The list's orders (read forwards or backwards: the id breaks ties in the same direction)
        # and the heat map's and reminders' filters.
        indexes = [
            models.Index(fields=["partnership", "score", "id"], name="risk_by_score"),
            models.Index(fields=["partnership", "title", "id"], name="risk_by_title"),
            models.Index(fields=["partnership", "created_at", "id"], name="risk_by_recorded"),
            models.Index(fields=["partnership", "next_review_on", "id"], name="risk_by_review"),
            models.Index(fields=["partnership", "status"], name="risk_by_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def band(self) -> str:
        return scoring.band(self.score)

    @property
    def review_overdue(self) -> bool:
        """Live, and its next review date has passed (the site's today)."""
        due = self.next_review_on
        return self.status in LIVE and due is not None and due < timezone.localdate()

    def clean(self) -> None:
        """The score follows the ratings, whatever wrote them."""
        if self.likelihood in scoring.LEVELS and self.impact in scoring.LEVELS:
            self.score = scoring.score(self.likelihood, self.impact)
        if self.status == RiskStatus.FIRED and self.fired_on is None:
            raise ValidationError({"status": "A risk is marked fired by firing its trigger."})

    def save(self, *args: object, **kwargs: object) -> None:
        self.score = scoring.score(self.likelihood, self.impact)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class ScoreChange(Scoped, TimeStamped):
    """One rating of a risk: the first, and each change of likelihood or impact since. Read where
    its risk is read (an internal risk's history is as private as the risk)."""

    access_rule = rules.Child("risk", Risk.access_rule)

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="score_changes")
    likelihood = models.PositiveSmallIntegerField(validators=RATINGS)
    impact = models.PositiveSmallIntegerField(validators=RATINGS)
    score = models.PositiveSmallIntegerField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["risk", "-created_at", "-id"], name="score_change_newest")]

    def __str__(self) -> str:
        return f"{self.risk}: {self.likelihood} × {self.impact} = {self.score}"
