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
    """What a notification is about (`Notification.kind`): the daily reminders (services.py) and
    what the other side or a colleague just did (events.py)."""

    COMMITMENT_DUE = "commitment_due", "Commitment due soon"
    COMMITMENT_OVERDUE = "commitment_overdue", "Commitment overdue"
    MAYBE_FOLLOW_UP = "maybe_follow_up", "Maybe to follow up"
    MEETING_SOON = "meeting_soon", "Meeting soon"
    DEMAND_WAITING = "demand_waiting", "Demand waiting for an answer"
    PLAN_STALE = "plan_stale", "Plan not reviewed"
    RISK_REVIEW_OVERDUE = "risk_review_overdue", "Risk review overdue"
    ISSUE_ESCALATED = "issue_escalated", "An issue escalated to your level"
    DILIGENCE_EXPIRY = "diligence_expiry", "A supplier's certificate or document expiring or expired"
    SEGMENTATION_REVIEW = "segmentation_review", "A Kraljic segmentation due for its yearly review"
    SURVEY_INVITED = "survey_invited", "A relationship health survey to answer"
    SURVEY_REMINDER = "survey_reminder", "A survey closing soon that you have not answered"
    # the moment it happens
    DEMAND_RAISED = "demand_raised", "A demand raised to your side"
    DEMAND_ANSWERED = "demand_answered", "An answer to your side's demand"
    COMMITMENT_CHANGED = "commitment_changed", "A commitment delivered, renegotiated or given up"
    OWNER_NAMED = "owner_named", "You are named owner of a goal, action or commitment"
    MEETING_SCHEDULED = "meeting_scheduled", "A meeting you are invited to"
    MEETING_MOVED = "meeting_moved", "A meeting moved"
    MEETING_CANCELLED = "meeting_cancelled", "A meeting cancelled"
    SIGNATURE_REQUESTED = "signature_requested", "The other side signed: your signature is awaited"
    SIGNATURE_COMPLETE = "signature_complete", "Every party signed the shared vision"
    MENTIONED = "mentioned", "You are @mentioned in a note or comment"
    COMMENT_ON_MINE = "comment_on_mine", "A position taken on a clause of your agreement"
    # choosing partners: internal to the buying organisation (selection.notices)
    CANDIDATE_ADDED = "candidate_added", "A candidate added to a need you evaluate"
    NEED_DECIDED = "need_decided", "A partner chosen, or a need closed, that you evaluate"
    RISK_CHANGED = "risk_changed", "A risk recorded or rescored"


# An issue reaching a level (raised, reopened or escalated by the daily job) is told at once: the
# level's response time is running (governance.services.issues).
REMINDERS = frozenset(
    {
        NotificationKind.COMMITMENT_DUE,
        NotificationKind.COMMITMENT_OVERDUE,
        NotificationKind.MAYBE_FOLLOW_UP,
        NotificationKind.MEETING_SOON,
        NotificationKind.DEMAND_WAITING,
        NotificationKind.PLAN_STALE,
        NotificationKind.RISK_REVIEW_OVERDUE,
        NotificationKind.DILIGENCE_EXPIRY,
        NotificationKind.SEGMENTATION_REVIEW,
        NotificationKind.SURVEY_INVITED,
        NotificationKind.SURVEY_REMINDER,
    }
)


# A meeting's email is its calendar invitation (meetings.services.send_invitations, with the .ics),
# sent to every attendee whatever these say, so calendars stay right: these kinds are in-app only.
CALENDAR = frozenset(
    {NotificationKind.MEETING_SCHEDULED, NotificationKind.MEETING_MOVED, NotificationKind.MEETING_CANCELLED}
)


class Delivery(models.TextChoices):
    """How a person wants one kind of notification (Preference)."""

    IMMEDIATE = "immediate", "Email at once"
    DIGEST = "digest", "In the daily digest email"
    APP = "app", "In Concord only"
    OFF = "off", "Off"


def default_delivery(kind: str) -> str:
    """Events are emailed at once (the other side waits on you); reminders come in the digest;
    meeting changes stay in the app (their email is the calendar invitation)."""
    if kind in CALENDAR:
        return Delivery.APP
    return Delivery.DIGEST if kind in REMINDERS else Delivery.IMMEDIATE


def deliveries_for(kind: str) -> list[Delivery]:
    """Reminders are made once a day by the daily job, so 'at once' would mean the digest; meeting
    changes are already emailed as calendar invitations."""
    if kind in REMINDERS or kind in CALENDAR:
        return [d for d in Delivery if d != Delivery.IMMEDIATE]
    return list(Delivery)


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
    # set in the transaction that hands its email over: a delivery run twice emails once
    emailed_at = models.DateTimeField(null=True, blank=True)

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


class Preference(Scoped):
    """How one person wants one kind of notification; no row means the kind's default."""

    access_rule = rules.Personal("user_id")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"
