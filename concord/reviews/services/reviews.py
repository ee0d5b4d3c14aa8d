"""Use cases of the periodic performance review.

- Either side's contributors create a review for a period; its snapshot (reviews.snapshot) is
  taken at that moment from shared records only and never changes afterwards. The previous
  review of the partnership (the latest one ending before this period starts) is linked, for the
  deltas of the report pack.
- Each side writes its own narrative (contributors of that side); nobody edits the other side's.
- Improvement actions become items of one shared action plan of the review (commitments' plans
  service): the promised date rules of every commitment apply.
- A lead of each side signs (an admin of its organisation or the partnership manager). The first
  signature freezes both narratives — a signature is given to a text, which may not change under
  it; the second completes the review. Stale versions answer 409.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from concord.access.policy import acting_side, require, require_side_lead, writer_org
from concord.access.roles import Action, Side
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import Commitment
from concord.commitments.services import plans
from concord.core.errors import InvalidState, NotFound, ValidationFailed
from concord.partnerships.models import Partnership
from concord.reviews import snapshot
from concord.reviews.models import PERIOD, Review, ReviewStatus

FUTURE = "The period cannot end after today: a review looks back."
FROZEN = "The narratives are frozen once a side has signed."
SIGNED_ALREADY = "Your side has signed this review already."


def review_create(
    *, actor: User, partnership: Partnership, title: str, period_from: datetime.date, period_to: datetime.date
) -> Review:
    """Create a review of a period with its frozen snapshot of the shared figures."""
    writer_org(actor, partnership)  # a contributor of a party
    if period_to < period_from:
        raise ValidationFailed.single("period_to", PERIOD)
    if period_to > timezone.localdate():
        raise ValidationFailed.single("period_to", FUTURE)
    previous = (
        Review.unscoped.filter(partnership=partnership, period_to__lt=period_from)
        .order_by("-period_to", "-pk")
        .first()
    )
    review = Review(
        partnership=partnership,
        title=title,
        period_from=period_from,
        period_to=period_to,
        snapshot=snapshot.take(partnership, period_from, period_to),
        previous=previous,
        created_by=actor,
    )
    return tracked_create(actor=actor, instance=review)


def _side(actor: User, review: Review) -> str:
    side = acting_side(actor, review.partnership)
    if side is None:
        raise NotFound()
    return side


def review_narrative(*, actor: User, review: Review, version: int | None, narrative: str) -> Review:
    """Write the actor's side's narrative (never the other side's)."""
    require(actor, Action.CONTRIBUTE, review)
    side = _side(actor, review)
    if review.signed_by_any:
        raise InvalidState(FROZEN)
    field = "narrative_buyer" if side == Side.BUYER else "narrative_supplier"
    return tracked_update(actor=actor, instance=review, version=version, changes={field: narrative})


def review_sign(*, actor: User, review: Review, version: int | None) -> Review:
    """Sign for the actor's side (a lead of it); both signatures make the review signed."""
    require(actor, Action.VIEW, review)
    side = require_side_lead(actor, review.partnership).side
    prefix = "buyer" if side == Side.BUYER else "supplier"
    if getattr(review, f"{prefix}_signed_on"):
        raise InvalidState(SIGNED_ALREADY)
    other = "supplier" if prefix == "buyer" else "buyer"
    changes: dict[str, object] = {f"{prefix}_signed_by": actor, f"{prefix}_signed_on": timezone.localdate()}
    if getattr(review, f"{other}_signed_on"):
        changes["status"] = ReviewStatus.SIGNED
    return tracked_update(actor=actor, instance=review, version=version, changes=changes)


def action_add(
    *,
    actor: User,
    review: Review,
    title: str,
    promised_on: datetime.date,
    owner_person_id: int,
    notes: str = "",
) -> Commitment:
    """An improvement action: an item of the review's shared action plan (made on the first one)."""
    require(actor, Action.CONTRIBUTE, review)
    with transaction.atomic():
        plan = review.plan
        if plan is None:
            plan = plans.plan_create(
                actor=actor, partnership=review.partnership, title=f"Improvements: {review.title}"[:200]
            )
            review = tracked_update(actor=actor, instance=review, version=None, changes={"plan": plan})
        return plans.item_add(
            actor=actor,
            plan=plan,
            title=title,
            promised_on=promised_on,
            owner_person_id=owner_person_id,
            notes=notes,
        )
