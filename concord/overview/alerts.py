"""What needs looking at in each partnership of a portfolio page, counted set-based: commitments
overdue (either side's), action plans gone stale, the supplier's due-diligence documents expired or
expiring (the buyer's own records: the supplier side counts none), and open issues that escalated.
One query per kind of alert over the page's partnerships, each through the reader's scope."""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Count

from concord.access.roles import Side
from concord.accounts.models import User
from concord.commitments.models import ActionPlan
from concord.commitments.standing import Standing
from concord.commitments.status import stale
from concord.governance.selectors import open_issue_counts
from concord.lifecycle import expiry
from concord.lifecycle.models import DiligenceItem, DiligenceStatus
from concord.partnerships.models import Partnership


@dataclass(frozen=True)
class Alerts:
    overdue: int = 0  # commitments past their date, ours and theirs
    stale_plans: int = 0
    expiring_documents: int = 0
    escalated_issues: int = 0

    @property
    def total(self) -> int:
        return self.overdue + self.stale_plans + self.expiring_documents + self.escalated_issues


def _stale_plans(actor: User, ids: list[int], now: datetime.datetime) -> dict[int, int]:
    found: dict[int, int] = defaultdict(int)
    plans = ActionPlan.objects.restrict(actor).filter(partnership_id__in=ids).order_by()
    for plan in plans.only("pk", "partnership_id", "created_at", "last_reviewed_at", "review_every_days"):
        if stale(plan, now):
            found[plan.partnership_id] += 1
    return found


def _documents(actor: User, page: list[Partnership], today: datetime.date) -> dict[int, int]:
    """Per partnership, the buyer's due-diligence items on its supplier expired or expiring."""
    pairs: dict[int, tuple[int | None, int | None]] = {}
    for p in page:
        sides = {party.side: party.organisation_id for party in p.parties.all()}
        pairs[p.pk] = (sides.get(Side.BUYER), sides.get(Side.SUPPLIER))
    suppliers = {s for _, s in pairs.values() if s is not None}
    counted = (
        DiligenceItem.objects.restrict(actor)
        .filter(supplier_id__in=suppliers, expires_on__isnull=False, expires_on__lte=expiry.horizon(today))
        .exclude(status=DiligenceStatus.NOT_APPLICABLE)
        .values_list("owner_id", "supplier_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_pair = {(owner, supplier): n for owner, supplier, n in counted}
    return {pid: by_pair.get(pair, 0) for pid, pair in pairs.items()}


def alerts(
    *,
    actor: User,
    page: list[Partnership],
    standing: Mapping[int, Standing],
    today: datetime.date,
    now: datetime.datetime,
) -> dict[int, Alerts]:
    """The alerts of each partnership of the page (its parties prefetched): three queries."""
    ids = [p.pk for p in page]
    plans = _stale_plans(actor, ids, now)
    documents = _documents(actor, page, today)
    issues = open_issue_counts(actor=actor, partnership_ids=ids)
    return {
        pid: Alerts(
            overdue=standing[pid].overdue_ours + standing[pid].overdue_theirs,
            stale_plans=plans.get(pid, 0),
            expiring_documents=documents.get(pid, 0),
            escalated_issues=issues.get(pid, (0, 0))[1],
        )
        for pid in ids
    }
