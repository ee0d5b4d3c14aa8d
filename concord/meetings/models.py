"""Meetings of a partnership: check-ins, account meetings, QBRs and steering committees.

An *internal* meeting belongs to one organisation and the other side must not learn it exists; an
*external* (shared) meeting is joint. Attendees come only from the organisations allowed to see
the meeting. The agenda is drafted from live data when the meeting is created and edited after;
minutes, decisions (the partnership's decision log) and actions (commitments with source
"meeting") are recorded against it. `uid` and `sequence` let calendar apps update the same event.
"""

import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from concord.access import rules
from concord.access.querysets import Scoped
from concord.core.locales import validate_zone
from concord.core.models import TimeStamped, bounded_text
from concord.partnerships.models import PartnershipRecord

# The friendly messages of the invariants, also given by the forms (a blank form field is "required").
MEETING_TITLE = "Name the meeting."
MEETING_KIND = "Choose check-in, account meeting, QBR or steering committee."
STARTS_AT = "Give the date and time."
MIN_MINUTES, MAX_MINUTES = 5, 12 * 60
DURATION = "Between 5 minutes and 12 hours."
DECISION_TEXT = "Say what was decided."
DECISION_RATIONALE = "Say why: the log is read by people who were not there."


def on_the_minute(moment: datetime.datetime) -> datetime.datetime:
    """Meetings start on a minute; calendars carry no fractions of seconds."""
    return moment.replace(second=0, microsecond=0)


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
    """A meeting of the partnership, joint (shared) or internal to its owner; it lasts 5 minutes to
    12 hours and starts on a minute."""

    kind = models.CharField(
        max_length=10,
        choices=MeetingKind.choices,
        default=MeetingKind.CHECK_IN,
        error_messages={"invalid_choice": MEETING_KIND},
    )
    title = models.CharField(max_length=200, error_messages={"blank": MEETING_TITLE})
    starts_at = models.DateTimeField(error_messages={"null": STARTS_AT})
    duration_minutes = models.PositiveIntegerField(
        default=60,
        validators=[
            MinValueValidator(MIN_MINUTES, message=DURATION),
            MaxValueValidator(MAX_MINUTES, message=DURATION),
        ],
    )
    location = models.CharField(max_length=300, blank=True, help_text="A room or a video link.")
    # The organiser's zone when it was scheduled: invitations give the time in it (TZID), so a
    # meeting at 09:00 Berlin stays at 09:00 Berlin across a change of daylight saving time.
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_zone])
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

    def local_start(self) -> datetime.datetime:
        """The start in the meeting's own zone (what an email or reminder names)."""
        try:
            return self.starts_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return self.starts_at

    def clean(self) -> None:
        if self.starts_at is not None:
            self.starts_at = on_the_minute(self.starts_at)


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
    text = models.CharField(max_length=500, error_messages={"blank": DECISION_TEXT})
    rationale = bounded_text(10000, error_messages={"blank": DECISION_RATIONALE})
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
