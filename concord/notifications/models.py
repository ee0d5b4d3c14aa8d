"""In-app notifications and the record of daily digests sent.

`key` names what a notification is about and when (e.g. `commitment:12:overdue:2026-11-30`); it is
unique per person, so running the daily job twice creates nothing twice. A digest is recorded per
person and day for the same reason.
"""

from django.conf import settings
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped


class NotificationKind(models.TextChoices):
    """What a notification is about (`Notification.kind`; the reminders in services.py)."""

    COMMITMENT_DUE = "commitment_due", "Commitment due soon"
    COMMITMENT_OVERDUE = "commitment_overdue", "Commitment overdue"
    MAYBE_FOLLOW_UP = "maybe_follow_up", "Maybe to follow up"
    MEETING_SOON = "meeting_soon", "Meeting soon"
    DEMAND_WAITING = "demand_waiting", "Demand waiting for an answer"
    PLAN_STALE = "plan_stale", "Plan not reviewed"


class Notification(Scoped):
    """Something a person should look at, with a link to it; read once opened."""

    access_rule = rules.Personal("user_id")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=30)
    key = models.CharField(max_length=120)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notify_once")]
        # The unread count filters on read_at; the list reads a person's newest first.
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["user", "-created_at", "-id"], name="notification_newest"),
        ]

    def __str__(self) -> str:
        return self.text


class DigestSent(Scoped):
    access_rule = rules.Personal("user_id")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_a_day")]

    def __str__(self) -> str:
        return f"Digest of {self.day} to {self.user}"
