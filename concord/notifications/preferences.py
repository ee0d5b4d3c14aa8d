"""How each person wants each kind of notification, and the one-click unsubscribe of an email.

No row means the kind's default (models.default_delivery). An email's unsubscribe link carries a
signed [person, kind] (no expiry: an old email's link keeps working); following it sets that kind
to "in Concord only" — the notifications stay in the app, the emails stop — and the page says
how to change it back. The link only ever turns email off, so a leaked one costs no more than that.
"""

from typing import Any

from django.core import signing
from django.urls import reverse

from concord.access.policy import require_self
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.notifications.models import (
    Delivery,
    NotificationKind,
    Preference,
    default_delivery,
    deliveries_for,
)

SALT = "concord.unsubscribe"


def deliveries(user_ids: Any) -> dict[tuple[int, str], str]:
    """{(person, kind): delivery} for the rows `user_ids` have (one query); see `delivery_of`."""
    rows = Preference.unscoped.filter(user_id__in=user_ids).values_list("user_id", "kind", "delivery")
    return {(user_id, kind): delivery for user_id, kind, delivery in rows}


def delivery_of(chosen: dict[tuple[int, str], str], user_id: int, kind: str) -> str:
    return chosen.get((user_id, kind), default_delivery(kind))


def preferences_of(user: User) -> dict[str, str]:
    """Every kind with the person's delivery for it, in the kinds' order."""
    chosen = deliveries([user.pk])
    return {kind: delivery_of(chosen, user.pk, kind) for kind in NotificationKind.values}


def preferences_set(*, actor: User, user: User, choices: dict[str, str]) -> dict[str, str]:
    """Set the deliveries given in `choices` ({kind: delivery}); the others stay as they are."""
    require_self(actor, user.pk)
    problems = {
        kind: [f"Choose one of: {', '.join(d.label for d in deliveries_for(kind))}."]
        for kind, delivery in choices.items()
        if kind not in NotificationKind.values or delivery not in deliveries_for(kind)
    }
    if problems:
        raise ValidationFailed(problems)
    stored = {p.kind: p for p in Preference.unscoped.filter(user=user, kind__in=list(choices))}
    for kind, delivery in choices.items():
        if kind in stored:
            tracked_update(actor=actor, instance=stored[kind], version=None, changes={"delivery": delivery})
        elif delivery != default_delivery(kind):
            tracked_create(actor=actor, instance=Preference(user=user, kind=kind, delivery=delivery))
    return preferences_of(user)


def unsubscribe_url(user_id: int, kind: str) -> str:
    token = signing.dumps([user_id, kind], salt=SALT, compress=True)
    return reverse("notifications-unsubscribe", args=[token])


def unsubscribe_reader(token: str) -> tuple[User, str] | None:
    """The person and kind a link names, or None when it was not made here (or names no one)."""
    try:
        user_id, kind = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first() if isinstance(user_id, int) else None
    if user is None or kind not in NotificationKind.values:
        return None
    return user, kind


def unsubscribe(user: User, kind: str) -> None:
    """Stop the emails of one kind (the link in an email; the person is not signed in)."""
    if delivery_of(deliveries([user.pk]), user.pk, kind) in (Delivery.IMMEDIATE, Delivery.DIGEST):
        preferences_set(actor=user, user=user, choices={kind: Delivery.APP})
