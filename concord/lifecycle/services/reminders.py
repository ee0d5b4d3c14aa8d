"""The daily reminders of the lifecycle app (called by tasks.py): due-diligence documents expiring
or expired, and segmentations due for their yearly review. Both are internal to the buying
organisation, so each reminder goes only to a member of that organisation
(access.sides.readers_of_org): its buying-side partnership managers with that supplier, and the
person who added the item or made the assessment. Idempotent (notifications.store_reminders)."""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Max
from django.urls import reverse

from concord.access.members import organisations_by_person
from concord.access.models import Party
from concord.access.roles import Side
from concord.access.sides import readers_of_org
from concord.lifecycle import expiry
from concord.lifecycle.models import DiligenceItem, DiligenceStatus, Segmentation
from concord.notifications.models import NotificationKind
from concord.notifications.services import Reminder, store_reminders


def _buyer_managers() -> tuple[dict[tuple[int, int], set[int]], dict[int, set[int]]]:
    """(buyer org, supplier org) → the buyer's partnership managers of their partnerships, and
    partnership → its buying side's managers (two queries)."""
    parties = list(Party.unscoped.values("partnership_id", "organisation_id", "side", "manager_id"))
    by_partnership: dict[int, list[Any]] = defaultdict(list)
    for p in parties:
        by_partnership[p["partnership_id"]].append(p)
    pairs: dict[tuple[int, int], set[int]] = defaultdict(set)
    managers: dict[int, set[int]] = defaultdict(set)
    for pid, rows in by_partnership.items():
        buyers = [r for r in rows if r["side"] == Side.BUYER]
        for b in buyers:
            if b["manager_id"]:
                managers[pid].add(b["manager_id"])
            for s in (r for r in rows if r["side"] == Side.SUPPLIER):
                if b["manager_id"]:
                    pairs[(b["organisation_id"], s["organisation_id"])].add(b["manager_id"])
    return pairs, managers


def _diligence(
    day: datetime.date, members: dict[int, set[int]], pairs: dict[tuple[int, int], set[int]]
) -> list[Reminder]:
    items = (
        DiligenceItem.unscoped.filter(expires_on__isnull=False, expires_on__lte=expiry.horizon(day))
        .exclude(status=DiligenceStatus.NOT_APPLICABLE)
        .select_related("supplier")
    )
    found = []
    for item in items:
        assert item.expires_on is not None
        state = expiry.expiry(item.expires_on, day)
        people = set(pairs.get((item.owner_id, item.supplier_id), set()))
        if item.created_by_id:
            people.add(item.created_by_id)
        verb = "expired on" if state == expiry.Expiry.EXPIRED else "expires on"
        for person in sorted(people):
            if not readers_of_org(members.get(person, set()), item.owner_id):
                continue  # left the buying organisation, or never in it: not theirs to read
            found.append(
                Reminder(
                    person,
                    None,
                    NotificationKind.DILIGENCE_EXPIRY,
                    f"diligence:{item.pk}:{state.value}:{item.expires_on.isoformat()}",
                    f"{item.supplier.name}: “{item.title}” {verb} {item.expires_on:%d %b %Y}.",
                    reverse("diligence-supplier", args=[item.owner_id, item.supplier_id]),
                )
            )
    return found


def _reviews(
    day: datetime.date, members: dict[int, set[int]], managers: dict[int, set[int]]
) -> list[Reminder]:
    latest = Segmentation.unscoped.values("partnership_id", "owner_id").annotate(last=Max("assessed_on"))
    found = []
    for row in latest:
        due = expiry.review_due_on(row["last"])
        if due > day:
            continue
        for person in sorted(managers.get(row["partnership_id"], set())):
            if not readers_of_org(members.get(person, set()), row["owner_id"]):
                continue
            found.append(
                Reminder(
                    person,
                    row["partnership_id"],
                    NotificationKind.SEGMENTATION_REVIEW,
                    f"segmentation:{row['partnership_id']}:{row['owner_id']}:review:{due.isoformat()}",
                    f"The Kraljic segmentation of {row['last']:%d %b %Y} is due for its yearly review.",
                    reverse("lifecycle", args=[row["partnership_id"]]),
                )
            )
    return found


def remind(day: datetime.date) -> int:
    """Create the day's lifecycle reminders; returns how many are new (0 on a second run)."""
    members = organisations_by_person()
    pairs, managers = _buyer_managers()
    return store_reminders(_diligence(day, members, pairs) + _reviews(day, members, managers))
