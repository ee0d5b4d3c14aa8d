"""Two-way scorecards: the buyer scores the supplier and the supplier scores the buyer.

A scorecard belongs to the rating organisation (its owner) and has one definition — period,
recency weighting, KPIs (names for goals), weighted criteria with their rules, and standing bands —
kept as one validated JSON document, so that a change is one versioned, audited edit and a
proposed change can be back-tested without saving (see definition.py).
"""

from django.db import models

from concord.partnerships.models import PartnershipRecord


class ScoreDirection(models.TextChoices):
    BUYER_RATES_SUPPLIER = "buyer_rates_supplier", "The buyer scores the supplier"
    SUPPLIER_RATES_BUYER = "supplier_rates_buyer", "The supplier scores the buyer"


class Scorecard(PartnershipRecord):
    """One side's scorecard of the other; its definition is validated by definition.py."""

    direction = models.CharField(max_length=24, choices=ScoreDirection.choices)
    name = models.CharField(max_length=120, error_messages={"blank": "Name the scorecard."})
    definition = models.JSONField(default=dict)

    class Meta:
        ordering = ["direction"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "direction"], name="one_scorecard_per_direction")
        ]

    def __str__(self) -> str:
        return self.name
