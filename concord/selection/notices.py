"""Who hears at once of what happens to a need for a partner (notifications.events, registered
when the app is ready: notifications sits below selection and cannot import it).

- a candidate added: the need's author and its evaluators (whoever has scored in it), whose
  scores of the newcomer are now awaited;
- a partner chosen, or the need closed without one: the need's author and its evaluators.

Everything about a need is internal to the buying organisation: each notification is about an
`events.OrgInternal` record of the need's owner, so the delivery (notifications.services.deliver)
keeps only people who are members of it today — a candidate organisation never hears of a need,
its candidates or its scores, even when someone of it once scored there. Nobody hears of their
own action, and each person's notification settings apply as for every kind.
"""

from django.urls import reverse

from concord.audit.models import AuditAction, AuditEvent
from concord.notifications.events import OrgInternal, Planned
from concord.notifications.events import register as on_event
from concord.notifications.models import NotificationKind as Kind
from concord.selection.models import Candidate, Need, NeedStatus, Score


def _followers(need: Need) -> frozenset[int]:
    """The need's author and everyone who has scored in it (one query)."""
    scorers = set(
        Score.unscoped.filter(candidate__need_id=need.pk).values_list("evaluator_id", flat=True).distinct()
    )
    return frozenset(scorers | {need.created_by_id})


def _candidate(event: AuditEvent, candidate: Candidate) -> list[Planned]:
    if event.action != AuditAction.CREATE:
        return []
    need = candidate.need
    text = f"“{candidate.name}” is a new candidate for “{need.title}”: your scores are awaited."
    url = reverse("selection-need", args=[need.pk])
    return [Planned(_followers(need), OrgInternal(need.owner_id), Kind.CANDIDATE_ADDED, text, url)]


def _need(event: AuditEvent, need: Need) -> list[Planned]:
    pair = event.changes.get("status")
    if event.action != AuditAction.UPDATE or not isinstance(pair, list) or len(pair) != 2:
        return []
    if pair[1] == NeedStatus.DECIDED:
        chosen = Candidate.unscoped.filter(pk=need.chosen_id or 0).values_list("name", flat=True).first()
        text = f"{chosen or 'A candidate'} is chosen as the partner for “{need.title}”."
    elif pair[1] == NeedStatus.CLOSED:
        text = f"“{need.title}” was closed without choosing a partner."
    else:
        return []
    url = reverse("selection-need", args=[need.pk])
    return [Planned(_followers(need), OrgInternal(need.owner_id), Kind.NEED_DECIDED, text, url)]


def register() -> None:
    on_event(Candidate, _candidate, related=("need",))
    on_event(Need, _need)
