"""The wins feed: kudos from either side, and runs of on-time deliveries.

A run of on-time deliveries (every fifth in a row) by a party is a win in the feed, once per
commitment that completes it.
"""

import datetime

from django.utils import timezone

from concord.access.policy import writer_org
from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create
from concord.commitments.models import Commitment
from concord.commitments.status import STREAK, on_time_run
from concord.goals.models import SuccessEvent
from concord.partnerships.models import Partnership

STREAK_KIND = "commitment_streak"


def note_streak(actor: User, commitment: Commitment) -> None:
    """Every fifth on-time delivery in a row by a party is a win, once per completing commitment."""
    pairs: list[tuple[datetime.date, datetime.date]] = list(
        Commitment.unscoped.filter(
            partnership_id=commitment.partnership_id, owner_id=commitment.owner_id, delivered_on__isnull=False
        )
        .order_by("delivered_on", "id")
        .values_list("promised_on", "delivered_on")  # type: ignore[arg-type]  # filtered to delivered
    )
    run = on_time_run(pairs)
    if run == 0 or run % STREAK:
        return
    if SuccessEvent.unscoped.filter(commitment=commitment, kind=STREAK_KIND).exists():
        return
    tracked_create(
        actor=actor,
        instance=SuccessEvent(
            partnership_id=commitment.partnership_id,
            owner_id=commitment.owner_id,
            visibility=Visibility.SHARED,
            created_by=actor,
            kind=STREAK_KIND,
            commitment=commitment,
            occurred_on=commitment.delivered_on or timezone.localdate(),
            text=f"{commitment.owner.name}: {run} commitments in a row kept on time",
        ),
    )


def kudos_give(*, actor: User, partnership: Partnership, text: str) -> SuccessEvent:
    """Thanks from either side, in the wins feed for both (the success event holds its length)."""
    owner_id = writer_org(actor, partnership)
    kudos = SuccessEvent(
        partnership=partnership,
        owner_id=owner_id,
        visibility=Visibility.SHARED,
        created_by=actor,
        kind="kudos",
        occurred_on=timezone.localdate(),
        text=text,
    )
    return tracked_create(actor=actor, instance=kudos)
