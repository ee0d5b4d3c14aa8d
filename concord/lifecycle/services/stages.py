"""The partnership's life cycle (ISO 44001 stages) and its exit plan: joint, shaped by both sides.
The checklist's facts are read here from joint records only (lifecycle.stages says why)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.models import Party
from concord.access.policy import require
from concord.access.roles import Action, Side, Visibility
from concord.accounts.models import User
from concord.agreements.models import Agreement, AgreementStatus
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import ValidationFailed
from concord.goals.models import Goal, Measurement
from concord.lifecycle.models import ExitPlan, Lifecycle, StageChange
from concord.lifecycle.stages import Facts, Stage, open_items, reason_needed
from concord.meetings.models import Meeting, MeetingStatus
from concord.partnerships.models import Partnership
from concord.vision.models import Signature, VisionRevision

FIRST_SAVED = 2  # the version a record stores at its first save when 1 meant "nothing stored yet"


def _vision_agreed(partnership: Partnership, parties: set[int]) -> bool:
    """Agreed now, or once (a later revision superseded an agreed one): signed by every party."""
    revisions = VisionRevision.unscoped.filter(document__partnership=partnership)
    if revisions.filter(superseded=True).exists():
        return True
    current = revisions.order_by("-number").first()
    if current is None or not parties:
        return False
    signed = set(Signature.unscoped.filter(revision=current).values_list("organisation_id", flat=True))
    return parties <= signed


def facts(partnership: Partnership) -> Facts:
    """What the checklist reads, from joint records and shared ones only (never a side's internal
    goals or meetings)."""
    parties = list(Party.unscoped.filter(partnership=partnership))
    buyers = [p for p in parties if p.side == Side.BUYER]
    suppliers = [p for p in parties if p.side == Side.SUPPLIER]
    shared_goals = Goal.unscoped.filter(partnership=partnership, visibility=Visibility.SHARED)
    plan = ExitPlan.unscoped.filter(partnership=partnership).first()
    return Facts(
        has_description=bool(partnership.description.strip()),
        buyer_manager=any(p.manager_id for p in buyers),
        supplier_joined=bool(suppliers),
        supplier_manager=any(p.manager_id for p in suppliers),
        vision_agreed=_vision_agreed(partnership, {p.organisation_id for p in parties}),
        agreement_signed=Agreement.unscoped.filter(
            partnership=partnership, status__in=[AgreementStatus.SIGNED, AgreementStatus.EXPIRED]
        ).exists(),
        exit_plan_complete=plan is not None and plan.complete,
        shared_goals=shared_goals.count(),
        measured_goals=Measurement.unscoped.filter(goal__in=shared_goals).values("goal").distinct().count(),
        meetings_held=Meeting.unscoped.filter(
            partnership=partnership, visibility=Visibility.SHARED, status=MeetingStatus.HELD
        ).count(),
    )


def current_stage(partnership: Partnership) -> tuple[Lifecycle | None, Stage]:
    found = Lifecycle.unscoped.filter(partnership=partnership).first()
    return found, Stage(found.stage) if found else Stage.OPERATIONAL_AWARENESS


def stage_move(
    *, actor: User, partnership: Partnership, stage: int, reason: str = "", version: int | None
) -> Lifecycle:
    """Move the partnership to `stage` (the admins and partnership managers of either side). A
    move with open entry items, or back, needs a reason; the items still open are kept with it."""
    require(actor, Action.CHANGE, partnership)
    found, current = current_stage(partnership)
    target = Stage(stage)
    if target == current:
        raise ValidationFailed.single("stage", f"The partnership is already at {current.label.lower()}.")
    known = facts(partnership)
    needed = reason_needed(current, target, known)
    if needed and not reason.strip():
        raise ValidationFailed.single("reason", needed)
    today = timezone.localdate()
    with transaction.atomic():
        if found is None:
            # Version 1 is the life cycle before its first move (nothing stored yet): the first
            # move stores version 2, so a page still showing version 1 afterwards is stale (409).
            if version not in (None, 1):
                raise ValidationFailed.single("version", "The life cycle has not moved yet: send version 1.")
            made = Lifecycle(partnership=partnership, stage=target, entered_on=today, version=FIRST_SAVED)
            found = tracked_create(actor=actor, instance=made)
        else:
            found = tracked_update(
                actor=actor, instance=found, version=version, changes={"stage": target, "entered_on": today}
            )
        change = StageChange(
            partnership=partnership,
            from_stage=current,
            to_stage=target,
            open_items=[i.label for i in open_items(current, target, known)],
            reason=reason.strip(),
            changed_by=actor,
            changed_on=today,
        )
        tracked_create(actor=actor, instance=change, reason=reason.strip())
    return found


def exit_plan_save(
    *, actor: User, partnership: Partnership, version: int | None, **sections: Any
) -> ExitPlan:
    """Write the joint exit plan (contributors of either side). Version 1 is the plan before its
    first save (nothing stored): the first save stores version 2, so a page still showing version
    1 afterwards is stale (409) and never overwrites what the other side wrote first."""
    require(actor, Action.CONTRIBUTE, partnership)
    unknown = set(sections) - set(ExitPlan.SECTIONS)
    if unknown:
        raise ValidationFailed.single(sorted(unknown)[0], "Not a section of the exit plan.")
    with transaction.atomic():
        current = ExitPlan.unscoped.select_for_update().filter(partnership=partnership).first()
        if current is None:
            if version not in (None, 1):
                raise ValidationFailed.single("version", "There is no exit plan yet: send version 1.")
            plan = ExitPlan(partnership=partnership, updated_by=actor, version=FIRST_SAVED, **sections)
            return tracked_create(actor=actor, instance=plan)
        return tracked_update(
            actor=actor, instance=current, version=version, changes={**sections, "updated_by": actor}
        )
