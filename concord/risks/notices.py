"""Who hears at once that a risk was recorded or rescored (notifications.events calls `planned`
for each audit event of a risk, once its transaction commits):

- a shared risk: the partnership managers of every party, and the person named owner;
- an internal risk: the recording organisation's partnership manager and the owner person only.

Nobody hears of their own action, and notifications.services.deliver checks again that each
person may read the risk today (an internal risk never reaches the other side by this path).
Edits that do not move the score (a mitigation reworded, a review date set) are not news."""

from typing import Any

from django.urls import reverse

from concord.access.rights import parties_of
from concord.access.roles import Visibility
from concord.audit.models import AuditAction, AuditEvent
from concord.notifications.events import Planned, managers_of
from concord.notifications.models import NotificationKind
from concord.risks.models import Risk

RATINGS = ("likelihood", "impact")


def followers(risk: Risk) -> set[int]:
    if risk.visibility == Visibility.INTERNAL:
        sides = [risk.owner_id]
    else:
        sides = [p.organisation_id for p in parties_of(risk.partnership)]
    people = managers_of(risk.partnership_id, sides)
    if risk.owner_person_id is not None:
        people.add(risk.owner_person_id)
    return people


def planned(event: AuditEvent, risk: Any) -> list[Planned]:
    if event.action == AuditAction.CREATE:
        text = f"A risk was recorded: “{risk.title}” ({risk.score}, {risk.band})."
    elif event.action == AuditAction.UPDATE and any(k in (event.changes or {}) for k in RATINGS):
        text = f"The risk “{risk.title}” was rescored: now {risk.score} ({risk.band})."
    else:
        return []
    url = reverse("risk", args=[risk.pk])
    return [Planned(frozenset(followers(risk)), risk, NotificationKind.RISK_CHANGED, text, url)]
