"""Lessons learned, blameless by design: what happened, the contributing factors, what we change.
There is no field for a culprit, on purpose: the record asks about conditions, not people.

A lesson stands alone or is carried by an issue or a missed commitment of the same partnership
(later also by a risk that fired or a review). It takes the visibility its writer chooses, and a
shared lesson may only be carried by a shared record (access.linking), so a lesson never tells
the other side about an internal issue or commitment.
"""

from concord.access.linking import may_link
from concord.access.policy import require, writer_org
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create
from concord.commitments.models import Commitment
from concord.core.errors import ValidationFailed
from concord.governance.models import Issue, Lesson
from concord.partnerships.models import Partnership

CARRIER = "A shared lesson can only be carried by a shared record: make the lesson internal."


def lesson_add(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    what_happened: str,
    contributing_factors: str,
    what_we_change: str,
    visibility: str = Visibility.SHARED,
    issue: Issue | None = None,
    commitment: Commitment | None = None,
) -> Lesson:
    """Write a lesson, on its own or carried by an issue or a commitment the actor can see."""
    owner = writer_org(actor, partnership)
    for field, carrier in (("issue", issue), ("commitment", commitment)):
        if carrier is None:
            continue
        require(actor, Action.VIEW, carrier)
        if carrier.partnership_id != partnership.pk:
            raise ValidationFailed.single(field, "Choose a record of this partnership.")
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
        issue=issue,
        commitment=commitment,
    )
    return tracked_create(actor=actor, instance=lesson)
