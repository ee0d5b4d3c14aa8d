"""A recommendation shared with the customer: a demand raised by the supplier side (the customer
answers it yes / no / maybe, with its reason, in the demands flow of concord.commitments), and the
proposal beside it that names the offering, so the outcome shows next to later recommendations.
"""

import datetime

from django.db import transaction

from concord.access.roles import Visibility
from concord.access.sides import require_insight_writer
from concord.accounts.models import User
from concord.audit.services import tracked_create
from concord.commitments.models import Priority
from concord.commitments.services.demands import demand_raise
from concord.core.errors import NotFound
from concord.insight.models import Offering, Proposal
from concord.partnerships.models import Partnership


def proposal_make(
    *,
    actor: User,
    partnership: Partnership,
    offering_id: int,
    title: str,
    description: str = "",
    priority: str = Priority.NORMAL,
    needed_by: datetime.date | None = None,
) -> Proposal:
    """Propose an offering of the supplier's own portfolio to the customer. The title and the
    description (prefilled with the recommendation's reasons) are what the customer reads; the
    supplier's profile and portfolio stay its own."""
    owner = require_insight_writer(actor, partnership)
    # Only the supplier's own portfolio: another organisation's offering is not found.
    offering = Offering.unscoped.filter(pk=offering_id, organisation_id=owner).first()
    if offering is None:
        raise NotFound()
    with transaction.atomic():
        demand = demand_raise(
            actor=actor,
            partnership=partnership,
            title=title,
            description=description,
            priority=priority,
            needed_by=needed_by,
        )
        proposal = Proposal(
            partnership=partnership,
            owner_id=owner,
            visibility=Visibility.SHARED,
            created_by=actor,
            demand=demand,
            offering=offering,
            offering_name=offering.name,
        )
        return tracked_create(actor=actor, instance=proposal)
