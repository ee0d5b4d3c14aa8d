"""Due diligence on suppliers, Kraljic segmentation, the ISO 44001 life cycle and the exit plan.

Who reads what (docs/lifecycle.md):
- due diligence (items and their documents) belongs to the buying organisation that keeps it
  about one supplier organisation: its members only (rule `Member` on the owner); the supplier
  never learns it exists;
- segmentations are records internal to the buying organisation (`PartnershipRecord`, always
  `internal`), and the weights are the buying organisation's own (`Member`);
- the life cycle (current stage and its history) and the exit plan are joint: both sides read
  them, and both shape them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.access.roles import Visibility
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.lifecycle import kraljic, stages
from concord.partnerships.models import PartnershipRecord

SCORE = "Score it from 1 to 5."
SCORED = [MinValueValidator(1, message=SCORE), MaxValueValidator(5, message=SCORE)]
WEIGHT = "Give a weight from 0 to 100."
WEIGHED = [MinValueValidator(0, message=WEIGHT), MaxValueValidator(100, message=WEIGHT)]


class DiligenceCategory(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    INSURANCE = "insurance", "Insurance"
    CERTIFICATE = "certificate", "Certificate"
    COMPLIANCE = "compliance", "Compliance"
    LEGAL = "legal", "Legal"
    OTHER = "other", "Other"


class DiligenceStatus(models.TextChoices):
    OPEN = "open", "Open"
    RECEIVED = "received", "Received, to check"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


# The checklist a buying organisation starts with for each supplier (editable afterwards).
DEFAULT_CHECKLIST = [
    ("Financial statements (last two years)", DiligenceCategory.FINANCIAL),
    ("Insurance certificate (product and general liability)", DiligenceCategory.INSURANCE),
    ("ISO 9001 certificate (quality)", DiligenceCategory.CERTIFICATE),
    ("ISO 14001 certificate (environment)", DiligenceCategory.CERTIFICATE),
    ("ISO 27001 certificate (information security)", DiligenceCategory.CERTIFICATE),
    ("Sanctions screening", DiligenceCategory.COMPLIANCE),
    ("Data processing agreement", DiligenceCategory.LEGAL),
]


class DiligenceItem(Scoped, TimeStamped, Versioned):
    """One check a buying organisation keeps on a supplier organisation: a document or certificate
    with its dates, or a step such as a sanctions screening. Internal to the buying organisation."""

    access_rule = rules.Member("owner_id")

    owner = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    supplier = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200, error_messages={"blank": "Name the check or document."})
    category = models.CharField(
        max_length=15, choices=DiligenceCategory.choices, default=DiligenceCategory.OTHER
    )
    status = models.CharField(max_length=15, choices=DiligenceStatus.choices, default=DiligenceStatus.OPEN)
    reference = models.CharField(
        max_length=120, blank=True, help_text="Certificate number, issuer or insurer."
    )
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(
        null=True, blank=True, help_text="Reminders start 30 days before; expired from the day after."
    )
    note = bounded_text(5000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["title", "id"]
        indexes = [
            models.Index(fields=["owner", "supplier", "title", "id"], name="diligence_by_supplier"),
            models.Index(fields=["owner", "expires_on", "id"], name="diligence_by_expiry"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.issued_on and self.expires_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": "The expiry date is before the issue date."})


class DiligenceDocument(Scoped, TimeStamped):
    """A file kept for a due-diligence item (a certificate, a policy). Its bytes are in
    DocumentContent, so the audit trail records the name, size and digest, not the file."""

    access_rule = rules.Child("item", DiligenceItem.access_rule)

    item = models.ForeignKey(DiligenceItem, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class DocumentContent(Scoped):
    """The bytes of a document, in the database: inside its transaction and its backups, served
    only by a view that checks access (no URL serves files directly)."""

    access_rule = rules.Child("document", DiligenceDocument.access_rule)

    document = models.OneToOneField(DiligenceDocument, on_delete=models.CASCADE, related_name="content")
    data = models.BinaryField()

    def __str__(self) -> str:
        return f"Content of {self.document_id}"


class KraljicWeights(Scoped, TimeStamped, Versioned):
    """A buying organisation's weights of the Kraljic factors (kraljic.FACTORS); none: defaults."""

    access_rule = rules.Member("organisation_id")

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    spend_share = models.PositiveSmallIntegerField(default=50, validators=WEIGHED)
    business_impact = models.PositiveSmallIntegerField(default=50, validators=WEIGHED)
    qualified_suppliers = models.PositiveSmallIntegerField(default=40, validators=WEIGHED)
    switching_cost = models.PositiveSmallIntegerField(default=30, validators=WEIGHED)
    market_scarcity = models.PositiveSmallIntegerField(default=30, validators=WEIGHED)

    def __str__(self) -> str:
        return f"Kraljic weights of {self.organisation_id}"

    def as_dict(self) -> dict[str, int]:
        return {key: int(getattr(self, key)) for key in kraljic.FACTOR_KEYS}

    def clean(self) -> None:
        super().clean()
        values = self.as_dict()
        if all(isinstance(v, int) for v in values.values()):
            problems = kraljic.weight_problems(values)
            if problems:
                raise ValidationError(problems)


class Quadrant(models.TextChoices):
    STRATEGIC = kraljic.Quadrant.STRATEGIC, "Strategic"
    LEVERAGE = kraljic.Quadrant.LEVERAGE, "Leverage"
    BOTTLENECK = kraljic.Quadrant.BOTTLENECK, "Bottleneck"
    NON_CRITICAL = kraljic.Quadrant.NON_CRITICAL, "Non-critical"


class Segmentation(PartnershipRecord):
    """One Kraljic assessment of a partnership by its buying organisation (always internal). The
    latest is the current one; earlier ones are its history. The weights used are kept with it."""

    # Always internal: the default says so, and clean() refuses anything else.
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL)
    spend_share = models.PositiveSmallIntegerField(validators=SCORED)
    business_impact = models.PositiveSmallIntegerField(validators=SCORED)
    qualified_suppliers = models.PositiveSmallIntegerField(validators=SCORED)
    switching_cost = models.PositiveSmallIntegerField(validators=SCORED)
    market_scarcity = models.PositiveSmallIntegerField(validators=SCORED)
    weights = models.JSONField(default=dict)
    profit_impact = models.DecimalField(max_digits=4, decimal_places=2)
    supply_risk = models.DecimalField(max_digits=4, decimal_places=2)
    quadrant = models.CharField(max_length=15, choices=Quadrant.choices)
    assessed_on = models.DateField()
    note = bounded_text(2000, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["partnership", "owner", "-assessed_on", "-id"], name="segmentation_latest"),
            models.Index(fields=["owner", "-assessed_on", "-id"], name="segmentation_by_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.get_quadrant_display()} ({self.assessed_on})"

    def clean(self) -> None:
        super().clean()
        if self.visibility != Visibility.INTERNAL:
            raise ValidationError({"visibility": "A segmentation is internal to the buying organisation."})

    def scores(self) -> dict[str, int]:
        return {key: int(getattr(self, key)) for key in kraljic.FACTOR_KEYS}

    @property
    def suggested_type(self) -> str:
        return kraljic.SUGGESTED_TYPE[kraljic.Quadrant(self.quadrant)]

    @property
    def tasks(self) -> list[str]:
        return kraljic.TASKS[kraljic.Quadrant(self.quadrant)]


class Lifecycle(Scoped, TimeStamped, Versioned):
    """The partnership's current ISO 44001 stage (joint); no row yet: operational awareness."""

    access_rule = rules.Joint("partnership")

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="lifecycle"
    )
    stage = models.PositiveSmallIntegerField(
        choices=stages.CHOICES,
        default=stages.Stage.OPERATIONAL_AWARENESS,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    entered_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["stage", "id"], name="lifecycle_by_stage")]

    def __str__(self) -> str:
        return f"{self.partnership_id}: {stages.Stage(self.stage).label}"


class StageChange(Scoped):
    """One move of the life cycle: from, to, the items still open then, and the reason."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey("partnerships.Partnership", on_delete=models.CASCADE, related_name="+")
    from_stage = models.PositiveSmallIntegerField(choices=stages.CHOICES)
    to_stage = models.PositiveSmallIntegerField(choices=stages.CHOICES)
    open_items = models.JSONField(default=list, blank=True)
    reason = bounded_text(2000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["partnership", "-created_at", "-id"], name="stage_change_newest")]

    def __str__(self) -> str:
        return f"{stages.Stage(self.from_stage).label} → {stages.Stage(self.to_stage).label}"


class ExitPlan(Scoped, TimeStamped, Versioned):
    """How the partnership would end well, planned early and jointly (ISO 44001 exit strategy)."""

    access_rule = rules.Joint("partnership")

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="exit_plan"
    )
    triggers = bounded_text(
        5000, blank=True, help_text="What would start an exit (breach, change of control, …)."
    )
    transition_steps = bounded_text(5000, blank=True, help_text="The steps and their notice periods.")
    handover = bounded_text(
        5000, blank=True, help_text="Knowledge and assets to hand over (tooling, drawings, know-how)."
    )
    data_return = bounded_text(5000, blank=True, help_text="Which data is returned or destroyed, and how.")
    responsibilities = bounded_text(5000, blank=True, help_text="Who does what on each side.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    SECTIONS = ["triggers", "transition_steps", "handover", "data_return", "responsibilities"]

    def __str__(self) -> str:
        return f"Exit plan of {self.partnership_id}"

    @property
    def missing(self) -> list[str]:
        return [name for name in self.SECTIONS if not str(getattr(self, name)).strip()]

    @property
    def complete(self) -> bool:
        return not self.missing
