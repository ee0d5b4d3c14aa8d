"""Agreements (MoU, contract, statement of work), their clauses, and clause-to-objective traceability.

The Shared Vision comes first: an agreement cannot leave drafting until the vision is agreed, unless
an admin overrides the gate with a written reason (kept here and in the audit trail). Each clause
links to the vision objectives it supports, so orphan clauses and uncovered objectives show.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, Versioned, bounded_text
from concord.partnerships.models import PartnershipRecord


class AgreementKind(models.TextChoices):
    MOU = "mou", "Memorandum of understanding"
    CONTRACT = "contract", "Contract"
    SOW = "sow", "Statement of work"


class AgreementStatus(models.TextChoices):
    DRAFTING = "drafting", "Drafting"
    NEGOTIATION = "negotiation", "Negotiation"
    SIGNED = "signed", "Signed"
    EXPIRED = "expired", "Expired"


class Agreement(Scoped, TimeStamped, Versioned):
    """A joint agreement of the partnership; every party reads it (agreements are never internal)."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="agreements"
    )
    kind = models.CharField(max_length=10, choices=AgreementKind.choices, default=AgreementKind.CONTRACT)
    title = models.CharField(max_length=200, error_messages={"blank": "Give the agreement a title."})
    reference = models.CharField(max_length=60, blank=True, help_text="Contract number or file reference.")
    status = models.CharField(
        max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFTING
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    renewal_notice_date = models.DateField(
        null=True, blank=True, help_text="Last day to give notice of renewal or termination."
    )
    signed_on = models.DateField(null=True, blank=True)
    gate_override_reason = bounded_text(2000, blank=True)
    gate_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gate_override_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """The term's dates in order: the end after the start, the renewal notice inside the term."""
        super().clean()
        start, end, notice = self.start_date, self.end_date, self.renewal_notice_date
        errors = {}
        if start and end and end < start:
            errors["end_date"] = "The end date is before the start date."
        if notice and end and notice > end:
            errors["renewal_notice_date"] = "The renewal notice date must fall on or before the end date."
        elif notice and start and notice < start:
            errors["renewal_notice_date"] = "The renewal notice date is before the start date."
        if errors:
            raise ValidationError(errors)


class NegotiationStatus(models.TextChoices):
    OPEN = "open", "Open"
    AGREED = "agreed", "Agreed"
    DISPUTED = "disputed", "Disputed"


class Clause(Scoped, TimeStamped, Versioned):
    """A clause of an agreement, in order; its number is unique in the agreement (services check)."""

    access_rule = rules.Joint("agreement__partnership")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="clauses")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=20, blank=True)
    heading = models.CharField(max_length=200, error_messages={"blank": "Give the clause a heading."})
    text = bounded_text(20000, blank=True)
    objectives = models.ManyToManyField("vision.Objective", blank=True, related_name="clauses")
    negotiation_status = models.CharField(
        max_length=10, choices=NegotiationStatus.choices, default=NegotiationStatus.OPEN
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class ClauseNote(PartnershipRecord):
    """A party's position on a clause in negotiation; internal notes stay with their organisation."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="notes")
    body = bounded_text(20000, error_messages={"blank": "Write your position first."})

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["partnership", "visibility", "owner"])]

    def __str__(self) -> str:
        return self.body[:60]
