"""Customer insight and solution fit (docs/insight.md): what a supplier knows of its customer — the
installed base, the customer's goals and strategy pillars, its constraints — the supplier's
offering portfolio, the weights of its fit engine, and the proposals it shared.

The profile records are partnership records owned by the supplier and internal unless the supplier
shares one; the portfolio and the weights belong to the supplier organisation (rule Member), so
neither the customer nor another supplier ever reads them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.access.roles import Visibility
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.partnerships.models import PartnershipRecord

QUANTITY = "Give a quantity from 1 to 1,000,000."
MONTH = "Give a month from 1 (January) to 12 (December)."
IMPORTANCE = "Rate it from 1 (nice to have) to 5 (critical)."
WEIGHT = "Give a weight from 0 to 10."
LEAD = "Give a lead time from 0 to 1,000 days."
WINDOW = "The window must end after it starts."
EOS_BEFORE_INSTALL = "End of support cannot come before the installation."
NAME_OFFERING = "Name the offering."
NAME_ITEM = "Say what is installed (product or technology)."
NAME_GOAL = "Name the goal or pillar."


class Theme(models.TextChoices):
    """The goal themes benefits are mapped to (a customer goal has one, an offering several)."""

    COST = "cost", "Cost"
    UPTIME = "uptime", "Uptime"
    QUALITY = "quality", "Quality"
    SUSTAINABILITY = "sustainability", "Sustainability"
    SAFETY = "safety", "Safety"
    COMPLIANCE = "compliance", "Compliance"
    SPEED = "speed", "Speed"
    INNOVATION = "innovation", "Innovation"


THEME_BITS = {value: 1 << i for i, value in enumerate(Theme.values)}


def theme_mask(themes: list[str]) -> int:
    """The themes as bits (the fit engine reads them set-based in SQL)."""
    mask = 0
    for theme in themes:
        mask |= THEME_BITS[theme]
    return mask


class ItemStatus(models.TextChoices):
    CURRENT = "current", "Current"
    AGEING = "ageing", "Ageing"
    END_OF_SUPPORT = "end_of_support", "End of support"
    RETIRED = "retired", "Retired"


class InstalledItem(PartnershipRecord):
    """A piece of technology or equipment at the customer, as the supplier knows it."""

    technology = models.CharField(max_length=120, error_messages={"blank": NAME_ITEM})
    make = models.CharField(max_length=120, blank=True)
    model = models.CharField(max_length=120, blank=True)
    item_version = models.CharField("version", max_length=60, blank=True)
    quantity = models.PositiveIntegerField(
        default=1,
        validators=[MinValueValidator(1, message=QUANTITY), MaxValueValidator(1_000_000, message=QUANTITY)],
    )
    site = models.CharField(max_length=120, blank=True)
    installed_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ItemStatus.choices, default=ItemStatus.CURRENT)
    end_of_support_on = models.DateField(null=True, blank=True)
    notes = bounded_text(5000, blank=True, help_text="The supplier's own notes; never shown to the customer.")

    class Meta:
        ordering = ["technology", "make", "model", "id"]
        indexes = [models.Index(fields=["partnership", "owner", "end_of_support_on"])]

    def __str__(self) -> str:
        return " ".join(p for p in (self.make, self.model, self.item_version) if p) or self.technology

    def clean(self) -> None:
        if self.installed_on and self.end_of_support_on and self.end_of_support_on < self.installed_on:
            raise ValidationError({"end_of_support_on": EOS_BEFORE_INSTALL})


class GoalKind(models.TextChoices):
    GOAL = "goal", "Goal"
    PILLAR = "pillar", "Strategy pillar"


class CustomerGoal(PartnershipRecord):
    """One of the customer's goals or strategy pillars as the supplier reads them, with its theme
    and importance, linked to the partnership's shared goal or vision objective where there is one."""

    kind = models.CharField(max_length=10, choices=GoalKind.choices, default=GoalKind.GOAL)
    title = models.CharField(max_length=200, error_messages={"blank": NAME_GOAL})
    theme = models.CharField(max_length=20, choices=Theme.choices)
    importance = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1, message=IMPORTANCE), MaxValueValidator(5, message=IMPORTANCE)],
    )
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    objective = models.ForeignKey(
        "vision.Objective", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = bounded_text(5000, blank=True)

    class Meta:
        ordering = ["-importance", "title", "id"]

    def __str__(self) -> str:
        return self.title


class CustomerConstraints(PartnershipRecord):
    """The customer's constraints: when its budget is set, standards, sites, preferred timing."""

    budget_month = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1, message=MONTH), MaxValueValidator(12, message=MONTH)],
        help_text="The month the customer's budget is decided (1–12).",
    )
    standards = models.CharField(max_length=500, blank=True, help_text="Standards to comply with.")
    sites = models.CharField(max_length=500, blank=True)
    preferred_timing = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "owner"], name="one_constraints_per_side")
        ]

    def __str__(self) -> str:
        return f"Constraints in {self.partnership_id}"


class CostBand(models.IntegerChoices):
    LOW = 1, "Low"
    MODERATE = 2, "Moderate"
    MEDIUM = 3, "Medium"
    HIGH = 4, "High"
    VERY_HIGH = 5, "Very high"


class Lifecycle(models.TextChoices):
    NEW = "new", "New"
    MAINSTREAM = "mainstream", "Mainstream"
    END_OF_SALE = "end_of_sale", "End of sale"


class Offering(Scoped, TimeStamped, Versioned):
    """One offering of a supplier's portfolio. The lists (tags, what it replaces, compatibility,
    prerequisites) are comma-separated as people write them; their normalised keys are kept in
    OfferingKey for the fit engine."""

    access_rule = rules.Member("organisation_id")

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=200, error_messages={"blank": NAME_OFFERING})
    category = models.CharField(max_length=120, blank=True)
    tags = models.CharField(max_length=500, blank=True, help_text="Capability tags, comma-separated.")
    replaces = models.CharField(
        max_length=1000, blank=True, help_text="Technologies, models or versions it replaces or upgrades."
    )
    compatible_with = models.CharField(max_length=1000, blank=True)
    incompatible_with = models.CharField(max_length=1000, blank=True)
    prerequisites = models.CharField(
        max_length=1000, blank=True, help_text="What must already be installed, comma-separated."
    )
    themes = models.JSONField(default=list, blank=True, help_text="The goal themes it benefits.")
    theme_mask = models.PositiveIntegerField(default=0, editable=False)
    prerequisite_count = models.PositiveSmallIntegerField(default=0, editable=False)
    cost_band = models.PositiveSmallIntegerField(choices=CostBand.choices, default=CostBand.MEDIUM)
    lead_time_days = models.PositiveIntegerField(
        default=30, validators=[MaxValueValidator(1000, message=LEAD)]
    )
    available_from = models.DateField(null=True, blank=True)
    available_until = models.DateField(null=True, blank=True)
    lifecycle = models.CharField(max_length=12, choices=Lifecycle.choices, default=Lifecycle.MAINSTREAM)
    description = bounded_text(5000, blank=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "lifecycle", "id"], name="offering_by_org")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = [t for t in self.themes or [] if t not in THEME_BITS]
        if not isinstance(self.themes, list) or unknown:
            raise ValidationError({"themes": "Choose themes from the list."})
        if self.available_from and self.available_until and self.available_until < self.available_from:
            raise ValidationError({"available_until": WINDOW})


class KeyRelation(models.TextChoices):
    REPLACES = "replaces", "Replaces"
    COMPATIBLE = "compatible", "Compatible with"
    INCOMPATIBLE = "incompatible", "Incompatible with"
    PREREQUISITE = "prerequisite", "Needs"


class OfferingKey(Scoped):
    """A normalised key of an offering's lists, so the fit engine matches the installed base in SQL."""

    access_rule = rules.Child("offering", Offering.access_rule)

    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="keys")
    relation = models.CharField(max_length=12, choices=KeyRelation.choices)
    key = models.CharField(max_length=200)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["offering", "relation", "key"], name="offering_key_by_offering"),
        ]

    def __str__(self) -> str:
        return f"{self.relation} {self.key}"


def _weight() -> list[MinValueValidator | MaxValueValidator]:
    return [MinValueValidator(0, message=WEIGHT), MaxValueValidator(10, message=WEIGHT)]


class FitWeights(Scoped, TimeStamped, Versioned):
    """How much each fit factor counts for one supplier organisation (0–10 each)."""

    access_rule = rules.Member("organisation_id")

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    goals = models.PositiveSmallIntegerField(default=4, validators=_weight())
    installed_base = models.PositiveSmallIntegerField(default=3, validators=_weight())
    timing = models.PositiveSmallIntegerField(default=2, validators=_weight())
    cost_benefit = models.PositiveSmallIntegerField(default=1, validators=_weight())

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Fit weights of {self.organisation_id}"

    def clean(self) -> None:
        if not (self.goals or self.installed_base or self.timing or self.cost_benefit):
            raise ValidationError({"goals": "At least one factor must count."})


class Proposal(PartnershipRecord):
    """A recommendation the supplier shared: the demand it raised to the customer (answered yes /
    no / maybe in the demands flow) and the offering it proposes. Shared, like the demand; the
    offering itself stays in the supplier's portfolio (the customer reads only its name here)."""

    demand = models.OneToOneField("commitments.Demand", on_delete=models.CASCADE, related_name="+")
    offering = models.ForeignKey(Offering, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    offering_name = models.CharField(max_length=200)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["partnership", "owner", "offering"])]

    def __str__(self) -> str:
        return self.offering_name


INTERNAL = Visibility.INTERNAL
