"""Partnerships between organisations, their parties, and the base of every partnership record."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.access.roles import Visibility
from concord.core.models import TimeStamped, Versioned, bounded_text

DAYS = "Give a number of days from 1 to 366."
RHYTHM = [MinValueValidator(1, message=DAYS), MaxValueValidator(366, message=DAYS)]


class RelationshipType(models.TextChoices):
    TRANSACTIONAL = "transactional", "Transactional"
    TACTICAL = "tactical", "Tactical"
    STRATEGIC = "strategic", "Strategic"
    HYBRID = "hybrid", "Hybrid"


class PartnershipStatus(models.TextChoices):
    INVITED = "invited", "Supplier invited"
    ONBOARDING = "onboarding", "Onboarding"
    ACTIVE = "active", "Active"
    UNDER_REVIEW = "under_review", "Under review"
    EXITING = "exiting", "Exiting"
    ENDED = "ended", "Ended"


class Partnership(Scoped, TimeStamped, Versioned):
    """A relationship between organisations. Parties (not two fixed columns) allow more than two."""

    access_rule = rules.PartnershipRule()

    name = models.CharField(max_length=200)
    category = models.CharField(max_length=120, blank=True)
    relationship_type = models.CharField(
        max_length=15, choices=RelationshipType.choices, default=RelationshipType.STRATEGIC
    )
    relationship_rationale = bounded_text(5000, blank=True)
    status = models.CharField(
        max_length=15, choices=PartnershipStatus.choices, default=PartnershipStatus.ONBOARDING
    )
    start_date = models.DateField(null=True, blank=True)
    description = bounded_text(5000, blank=True)
    check_in_every_days = models.PositiveIntegerField(
        default=14,
        validators=RHYTHM,
        help_text="The expected rhythm of joint check-ins (days); missing it is flagged on the overview.",
    )
    review_every_days = models.PositiveIntegerField(
        default=91,
        validators=RHYTHM,
        help_text="The expected rhythm of business reviews, QBR or steering committee (days).",
    )
    organisations = models.ManyToManyField(
        "organisations.Organisation", through="access.Party", related_name="partnerships"
    )

    class Meta:
        ordering = ["name"]
        # The portfolio's sort orders (filters.PartnershipFilter `sort`), each ending with the id
        # that breaks ties: the first page of 10,000 partnerships is read in index order.
        indexes = [
            models.Index(fields=["name", "id"], name="partnership_by_name"),
            models.Index(fields=["status", "id"], name="partnership_by_status"),
            models.Index(fields=["start_date", "id"], name="partnership_by_start"),
            models.Index(fields=["category", "id"], name="partnership_by_category"),
        ]

    def __str__(self) -> str:
        return self.name


class PartnershipRecord(Scoped, TimeStamped, Versioned):
    """Base of every partnership-scoped record: its partnership, owning organisation and visibility.

    `shared` records are seen by all parties; `internal` ones only by the owning organisation.
    Reads go through `objects.restrict(user)` (access.rules.Record applies this rule).
    """

    access_rule = rules.Record()

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.SHARED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Note(PartnershipRecord):
    """A note or comment in the partnership workspace, shared with the partner or kept internal."""

    title = models.CharField(max_length=200, blank=True)
    body = bounded_text(20000)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["partnership", "visibility", "owner"])]

    def __str__(self) -> str:
        return self.title or self.body[:60]
