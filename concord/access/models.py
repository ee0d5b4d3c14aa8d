"""The two facts every access decision rests on, kept where the decisions are made.

- A Membership says which organisation a person belongs to, with which role.
- A Party says which organisation takes part in a partnership, on which side, and who manages it.

They were born in the organisations and partnerships apps; they moved here (same tables) so that
`access` reads no domain app and every domain app can read `access`.
"""

from django.conf import settings
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.access.roles import Role, Side


class Membership(Scoped):
    """A person's role in an organisation: admin, member or viewer."""

    access_rule = rules.Member("organisation_id")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "organisations_membership"
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        ordering = ["organisation__name", "user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.role})"


class Party(Scoped):
    """An organisation's place in a partnership: its side and its partnership manager."""

    access_rule = rules.Joint("partnership")

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="parties"
    )
    side = models.CharField(max_length=10, choices=Side.choices)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_parties",
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "partnerships_party"
        constraints = [
            models.UniqueConstraint(fields=["partnership", "organisation"], name="one_party_per_org")
        ]
        ordering = ["side", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.side}) in {self.partnership}"
