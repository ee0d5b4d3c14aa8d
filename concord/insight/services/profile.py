"""The customer profile: kept by the supplier side, internal unless a record is shared.

Updates take the fields to change (`**changes`, checked against the editable fields) rather than
one argument per field: the profile forms have many fields, all plain values the model validates.
"""

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from concord.access.linking import may_link
from concord.access.policy import require
from concord.access.roles import Action, Visibility
from concord.access.sides import require_insight_writer
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.goals.models import Goal
from concord.insight.models import CustomerConstraints, CustomerGoal, InstalledItem
from concord.partnerships.models import Partnership
from concord.vision.models import Objective

ITEM_FIELDS = frozenset(
    {
        "technology",
        "make",
        "model",
        "item_version",
        "quantity",
        "site",
        "installed_on",
        "status",
        "end_of_support_on",
        "notes",
        "visibility",
    }
)
GOAL_FIELDS = frozenset({"kind", "title", "theme", "importance", "goal", "objective", "notes", "visibility"})
CONSTRAINT_FIELDS = ("budget_month", "standards", "sites", "preferred_timing")
GOAL_LINK = "Choose a goal of this partnership that this record may point at (a shared one, or your own)."
OBJECTIVE_LINK = "Choose an objective of this partnership's vision."


def _only(changes: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationFailed({name: ["This field cannot be changed here."] for name in sorted(unknown)})
    return changes


def item_create(*, actor: User, partnership: Partnership, **fields: Any) -> InstalledItem:
    """Add an item of the customer's installed base (internal unless shared)."""
    owner = require_insight_writer(actor, partnership)
    fields = _only({"visibility": Visibility.INTERNAL, **fields}, ITEM_FIELDS)
    item = InstalledItem(partnership=partnership, owner_id=owner, created_by=actor, **fields)
    return tracked_create(actor=actor, instance=item)


def item_update(*, actor: User, item: InstalledItem, version: int | None, **changes: Any) -> InstalledItem:
    require(actor, Action.CHANGE, item)
    require_insight_writer(actor, item.partnership)
    return tracked_update(actor=actor, instance=item, version=version, changes=_only(changes, ITEM_FIELDS))


def item_delete(*, actor: User, item: InstalledItem, version: int | None) -> None:
    require(actor, Action.CHANGE, item)
    require_insight_writer(actor, item.partnership)
    tracked_delete(actor=actor, instance=item, version=version)


def _check_links(partnership: Partnership, visibility: str, owner: int, fields: dict[str, Any]) -> None:
    """A customer goal points only at this partnership's goals it may link to (a shared record
    only at shared goals) and at this partnership's vision objectives."""
    goal = fields.get("goal")
    if goal is not None:
        found = Goal.unscoped.filter(pk=getattr(goal, "pk", goal), partnership=partnership).first()
        if found is None or not may_link(visibility, owner, found):
            raise ValidationFailed.single("goal", GOAL_LINK)
        fields["goal"] = found
    objective = fields.get("objective")
    if objective is not None:
        found_objective = Objective.unscoped.filter(
            pk=getattr(objective, "pk", objective), partnership=partnership
        ).first()
        if found_objective is None:
            raise ValidationFailed.single("objective", OBJECTIVE_LINK)
        fields["objective"] = found_objective


def customer_goal_create(*, actor: User, partnership: Partnership, **fields: Any) -> CustomerGoal:
    """Add a goal or strategy pillar of the customer, as the supplier reads it."""
    owner = require_insight_writer(actor, partnership)
    fields = _only({"visibility": Visibility.INTERNAL, **fields}, GOAL_FIELDS)
    _check_links(partnership, fields["visibility"], owner, fields)
    goal = CustomerGoal(partnership=partnership, owner_id=owner, created_by=actor, **fields)
    return tracked_create(actor=actor, instance=goal)


def customer_goal_update(
    *, actor: User, record: CustomerGoal, version: int | None, **changes: Any
) -> CustomerGoal:
    require(actor, Action.CHANGE, record)
    require_insight_writer(actor, record.partnership)
    changes = _only(changes, GOAL_FIELDS)
    # A changed link, or a record turned shared, is checked against both links as they will be.
    links = {
        "goal": changes.get("goal", record.goal_id),
        "objective": changes.get("objective", record.objective_id),
    }
    _check_links(record.partnership, changes.get("visibility", record.visibility), record.owner_id, links)
    changes.update({k: v for k, v in links.items() if k in changes})
    return tracked_update(actor=actor, instance=record, version=version, changes=changes)


def customer_goal_delete(*, actor: User, record: CustomerGoal, version: int | None) -> None:
    require(actor, Action.CHANGE, record)
    require_insight_writer(actor, record.partnership)
    tracked_delete(actor=actor, instance=record, version=version)


def constraints_save(
    *, actor: User, partnership: Partnership, version: int | None = None, **fields: Any
) -> CustomerConstraints:
    """The customer's constraints, one record per supplier side: created the first time, then
    updated (naming the version read)."""
    owner = require_insight_writer(actor, partnership)
    fields = _only(fields, CONSTRAINT_FIELDS)
    with transaction.atomic():
        current = CustomerConstraints.unscoped.filter(partnership=partnership, owner_id=owner).first()
        if current is None:
            record = CustomerConstraints(
                partnership=partnership,
                owner_id=owner,
                created_by=actor,
                visibility=Visibility.INTERNAL,
                **fields,
            )
            return tracked_create(actor=actor, instance=record)
        return tracked_update(actor=actor, instance=current, version=version, changes=fields)
