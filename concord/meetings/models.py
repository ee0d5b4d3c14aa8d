"""Meetings of a partnership: check-ins, account meetings, QBRs and steering committees.

An *internal* meeting belongs to one organisation and the other side must not learn it exists; an
*external* (shared) meeting is joint. Attendees come only from the organisations allowed to see
the meeting. The agenda is drafted from live data when the meeting is created and edited after;
minutes, decisions (the partnership's decision log) and actions (commitments with source
"meeting") are recorded against it. `uid` and `sequence` let calendar apps update the same event.
"""

import uuid

from django.conf import settings
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.models import TimeStamped, bounded_text
from concord.partnerships.models import PartnershipRecord


class MeetingKind(models.TextChoices):
    CHECK_IN = "check_in", "Check-in"
    ACCOUNT = "account", "Account meeting"
    QBR = "qbr", "Quarterly business review"
    STEERING = "steering", "Steering committee"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(PartnershipRecord):
    kind = models.CharField(max_length=10, choices=MeetingKind.choices, default=MeetingKind.CHECK_IN)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveIntegerField(default=60)
    location = models.CharField(max_length=300, blank=True, help_text="A room or a video link.")
    agenda = bounded_text(50000, blank=True)
    minutes = bounded_text(100000, blank=True)
    status = models.CharField(max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, help_text="Bumped when the time or place changes.")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Attendee", related_name="+")

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["partnership", "starts_at"])]

    def __str__(self) -> str:
        return self.title


class Attendee(Scoped):
    access_rule = rules.Child("meeting", Meeting.access_rule)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"


class Decision(Scoped, TimeStamped):
    """One line of the partnership's decision log: what was decided, why, and what it touches."""

    access_rule = rules.Child("meeting", Meeting.access_rule)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.CharField(max_length=500)
    rationale = bounded_text(10000)
    goal = models.ForeignKey("goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    demand = models.ForeignKey(
        "commitments.Demand", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text


class CalendarFeed(Scoped):
    """A personal, secret calendar URL. Only a hash of the token is stored; revoking ends it."""

    access_rule = rules.Personal("user_id")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8, help_text="The first characters, to recognise it.")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Calendar feed {self.hint}… of {self.user}"
