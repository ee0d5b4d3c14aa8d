"""A portfolio that grows, for the overview pages' flat-cost tests: each new partnership has both
sides, a measured goal of the buyer, a demand, a commitment and a meeting — and whatever `more`
adds for the page under test."""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from concord.commitments.services import demands, ledger
from concord.goals import services as goals
from concord.invitations import services as invitations
from concord.meetings import services as meetings
from concord.partnerships import services as partnerships
from tests.world import World, soon

START, MEASURED = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
More = Callable[[Any, Any, Any], None]  # (partnership, buyer lead, supplier lead)


def growing(
    world: World, *, measured: Decimal = Decimal(90), more: More | None = None
) -> Callable[[int], None]:
    lead, supplier = world.user("buyer_lead"), world.user("supplier_lead")
    made = [0]

    def grow(n: int) -> None:
        for _ in range(n):
            made[0] += 1
            p = partnerships.partnership_create(actor=lead, buyer=world.buyer, name=f"Grown {made[0]:03d}")
            inv = invitations.invite_partner(
                actor=lead, partnership=p, email=supplier.email, supplier_name="Supplier Co"
            )
            invitations.invitation_accept(actor=supplier, invitation=inv, organisation=world.supplier)
            goal = goals.goal_create(
                actor=lead,
                partnership=p,
                title="OTD",
                target=Decimal("98"),
                start_date=datetime.date(2025, 1, 1),
            )
            goals.measurement_add(
                actor=lead, goal=goal, measured_on=datetime.date(2025, 6, 30), value=measured
            )
            demands.demand_raise(actor=lead, partnership=p, title="Report", priority="low")
            ledger.commitment_give(actor=lead, partnership=p, title="Pay", promised_on=soon(3))
            meetings.meeting_schedule(
                actor=lead,
                partnership=p,
                title="Check-in",
                starts_at=timezone.now() + datetime.timedelta(days=3),
                attendee_ids=[],
            )
            if more is not None:
                more(p, lead, supplier)

    return grow
