"""What each partnership of a portfolio page owes and is owed: set-based counts for many
partnerships at once (the demands list's and the ledger's rules, grouped by partnership)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from concord.access.policy import own_orgs
from concord.accounts.models import User
from concord.commitments.models import Commitment, Demand, DemandStatus
from concord.commitments.selectors import Index
from concord.commitments.status import WINDOW_DAYS, Status, due_q, state_q


@dataclass
class Standing:
    """What one partnership owes and is owed, as a portfolio row shows it ("us" = the actor's
    organisations): demands awaiting an answer, commitments overdue and reliability, each way."""

    demands_to_us: int = 0
    demands_to_them: int = 0
    overdue_ours: int = 0
    overdue_theirs: int = 0
    due_ours: int = 0
    on_time_ours: int = 0
    due_theirs: int = 0
    on_time_theirs: int = 0

    @property
    def reliability_ours(self) -> float | None:
        return Index(0, WINDOW_DAYS, self.due_ours, self.on_time_ours).index

    @property
    def reliability_theirs(self) -> float | None:
        return Index(0, WINDOW_DAYS, self.due_theirs, self.on_time_theirs).index


def standings(
    *, actor: User, partnership_ids: list[int], today: datetime.date | None = None
) -> dict[int, Standing]:
    """Standing of each partnership in a page of the portfolio, from what the actor can read: two
    counting queries whatever the number of partnerships, demands or commitments (the same rules
    as the demands list and the ledger's reliability)."""
    today = today or timezone.localdate()
    mine = own_orgs(actor)
    found = {pk: Standing() for pk in partnership_ids}
    waiting = (
        Demand.objects.restrict(actor)
        .filter(partnership_id__in=partnership_ids, status=DemandStatus.OPEN)
        .values("partnership_id", "to_org_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in waiting:
        entry = found[row["partnership_id"]]
        if row["to_org_id"] in mine:
            entry.demands_to_us += row["n"]
        else:
            entry.demands_to_them += row["n"]
    overdue = Q(delivered_on__isnull=True, given_up_on__isnull=True, due_on__lt=today)
    due = due_q(today)
    counted = (
        Commitment.objects.restrict(actor)
        .filter(partnership_id__in=partnership_ids)
        .values("partnership_id", "owner_id")
        .annotate(
            overdue=Count("pk", filter=overdue),
            due=Count("pk", filter=due),
            on_time=Count("pk", filter=due & state_q(Status.KEPT_ON_TIME, today)),
        )
        .order_by()
    )
    for counts in counted:
        entry = found[counts["partnership_id"]]
        side = "ours" if counts["owner_id"] in mine else "theirs"
        for name in ("overdue", "due", "on_time"):
            key = f"{name}_{side}"
            setattr(entry, key, getattr(entry, key) + counts[name])
    return found
