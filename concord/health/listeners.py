"""A committed write to one of the index's sources recomputes the index of its partnership
(services.recompute: a fixed number of queries), then retires the cached pages that showed the
old figure — whatever the entry point was: a page, the API, an import, a job. Writes to anything
else (notes, votes, settings) cost nothing here."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

from concord.access import pages
from concord.audit.models import AuditEvent
from concord.audit.signals import committed
from concord.health.services import recompute

# The models whose changes move a component (health.sources reads them).
SOURCES = frozenset(
    {
        "goals.goal",
        "goals.measurement",
        "scorecards.scorecard",
        "commitments.commitment",
        "risks.risk",
        "meetings.meeting",
        "partnerships.partnership",
        "access.party",
        "reviews.surveyround",  # a round closed: the survey's figure moves
    }
)


def partnerships_changed(events: list[AuditEvent]) -> set[int]:
    """The partnerships whose sources these events changed (from their chains' keys)."""
    found = set()
    for event in events:
        label = ContentType.objects.get_for_id(event.content_type_id).model_class()
        if label is None or label._meta.label_lower not in SOURCES:
            continue
        kind, _, rest = event.chain.partition(":")
        ident = rest.partition(":")[0]
        if kind == "partnership" and ident.isdigit():
            found.add(int(ident))
    return found


@receiver(committed, sender=AuditEvent, dispatch_uid="health-recompute")
def _recompute(sender: Any, events: list[AuditEvent], **kwargs: Any) -> None:
    ids = partnerships_changed(events)
    if ids:
        recompute(ids)
        pages.announce([f"partnership:{pid}" for pid in ids])
