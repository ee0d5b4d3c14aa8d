"""Lessons learned, blameless by design: what happened, the contributing factors, what we change.
There is deliberately no field for whose fault it was: the record asks about conditions, not
people.

One kind of record for the whole partnership. A lesson stands alone or is *carried* by another
record — an issue, a missed commitment, a risk that fired, a review — named by a carrier kind and
the carrier's id rather than a foreign key per carrier: this app sits below every carrier (the
commitments, risks and governance apps, reviews later) so that each of them can write and show
lessons without an import cycle, and a new carrier plugs in without a migration here beyond a
new choice (see carriers.py and docs/governance.md)."""

from django.core.exceptions import ValidationError
from django.db import models

from concord.core.models import bounded_text
from concord.partnerships.models import PartnershipRecord

WHAT_HAPPENED = "Say what happened."
FACTORS = "Name the contributing factors (conditions, not people)."
WHAT_WE_CHANGE = "Say what we change."
LESSON_TITLE = "Give the lesson a short title."
CARRIER_PAIR = "A carried lesson names its carrier's kind and id together."


class CarrierKind(models.TextChoices):
    NONE = "", "Nothing"
    ISSUE = "issue", "An issue"
    COMMITMENT = "commitment", "A missed commitment"
    RISK = "risk", "A risk that fired"
    REVIEW = "review", "A review"


class Lesson(PartnershipRecord):
    """A lesson learned. Its visibility is chosen by its writer; a shared lesson is only carried
    by a shared record (access.linking), so a lesson never tells the other side about an internal
    record. "Contributing factors" may be empty only on the lessons moved from the blameless notes
    of missed commitments (which did not ask for them); the form asks for them on every write."""

    title = models.CharField(max_length=200, error_messages={"blank": LESSON_TITLE})
    what_happened = bounded_text(10000, error_messages={"blank": WHAT_HAPPENED})
    contributing_factors = bounded_text(10000, blank=True)
    what_we_change = bounded_text(10000, error_messages={"blank": WHAT_WE_CHANGE})
    carrier_kind = models.CharField(max_length=12, choices=CarrierKind.choices, default="", blank=True)
    carrier_id = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partnership", "created_at"]),
            models.Index(fields=["carrier_kind", "carrier_id"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(carrier_kind="") & models.Q(carrier_id__isnull=True))
                | (~models.Q(carrier_kind="") & models.Q(carrier_id__isnull=False)),
                name="lesson_carrier_pair",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if bool(self.carrier_kind) != (self.carrier_id is not None):
            raise ValidationError({"carrier_kind": CARRIER_PAIR})
