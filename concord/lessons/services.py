"""Every write of a lesson. A carrier app checks its own rule first (who may write a lesson on a
missed commitment, on an issue, on a fired risk) and then calls lesson_add with the carrier; the
checks here are those every carrier shares: the writer can see it, it is of the same partnership,
and a shared lesson is carried only by a shared record (access.linking), so a lesson never tells
the other side about an internal record. Edits and deletions belong to the author's side (rule
`Record`: the author, or an admin of the organisation that wrote it), with the version read."""

from typing import Any

from concord.access.linking import may_link
from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.lessons.models import CarrierKind, Lesson
from concord.partnerships.models import Partnership

CARRIER = "A shared lesson can only be carried by a shared record: make the lesson internal."
SAME_PARTNERSHIP = "Choose a record of this partnership."


def lesson_add(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    what_happened: str,
    contributing_factors: str,
    what_we_change: str,
    visibility: str = Visibility.SHARED,
    carrier_kind: str = CarrierKind.NONE,
    carrier: Any = None,
) -> Lesson:
    """Write a lesson, on its own or carried by a record of the partnership the actor can see."""
    owner = writer_org(actor, partnership)
    if carrier is not None:
        require(actor, Action.VIEW, carrier)
        if carrier.partnership_id != partnership.pk:
            raise ValidationFailed.single(carrier_kind or "carrier", SAME_PARTNERSHIP)
        if not may_link(visibility, owner, carrier):
            raise ValidationFailed.single("visibility", CARRIER)
    lesson = Lesson(
        partnership=partnership,
        owner_id=owner,
        visibility=visibility,
        created_by=actor,
        title=title,
        what_happened=what_happened,
        contributing_factors=contributing_factors,
        what_we_change=what_we_change,
        carrier_kind=carrier_kind if carrier is not None else CarrierKind.NONE,
        carrier_id=carrier.pk if carrier is not None else None,
    )
    return tracked_create(actor=actor, instance=lesson)


def lesson_update(
    *,
    actor: User,
    lesson: Lesson,
    version: int | None,
    title: str | Unset = UNSET,
    what_happened: str | Unset = UNSET,
    contributing_factors: str | Unset = UNSET,
    what_we_change: str | Unset = UNSET,
) -> Lesson:
    """Correct a lesson (its visibility and carrier stay: a lesson made shared could tell the
    other side about an internal carrier; write a new one instead). A stale version: Conflict."""
    require(actor, Action.CHANGE, lesson)
    changes = given(
        title=title,
        what_happened=what_happened,
        contributing_factors=contributing_factors,
        what_we_change=what_we_change,
    )
    return tracked_update(actor=actor, instance=lesson, version=version, changes=changes)


def lesson_delete(*, actor: User, lesson: Lesson, version: int | None) -> None:
    require(actor, Action.CHANGE, lesson)
    tracked_delete(actor=actor, instance=lesson, version=version)
