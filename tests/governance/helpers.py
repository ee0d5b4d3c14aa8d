"""A governance for the persona world: the default path and activities, both leads in the
directory (the buyer lead at level 1, the supplier lead at level 2), and a committee with a
right up to 50,000."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from concord.governance.models import Committee, DecisionRight, EscalationLevel, Issue, KeyPerson
from concord.governance.services import structure
from tests.world import World


@dataclass
class Governance:
    levels: list[EscalationLevel]
    buyer_lead: KeyPerson
    supplier_lead: KeyPerson
    committee: Committee
    right: DecisionRight


def set_up(world: World) -> Governance:
    lead, sol = world.user("buyer_lead"), world.user("supplier_lead")
    # The tests count what escalates: they start without the world's own issue.
    Issue.unscoped.filter(pk=world.issue.pk).delete()
    structure.defaults_start(actor=lead, partnership=world.partnership)
    levels = list(EscalationLevel.unscoped.filter(partnership=world.partnership).order_by("rank"))
    mine = structure.key_person_add(
        actor=lead,
        partnership=world.partnership,
        person=lead.pk,
        role_title="Category manager",
        level=levels[0].pk,
    )
    theirs = structure.key_person_add(
        actor=sol,
        partnership=world.partnership,
        person=sol.pk,
        role_title="Key account manager",
        level=levels[1].pk,
    )
    committee = structure.committee_create(
        actor=lead, partnership=world.partnership, name="Steering committee", members=[mine.pk, theirs.pk]
    )
    right = structure.right_add(
        actor=lead, committee=committee, scope="Tooling investments", value_limit=Decimal(50000)
    )
    return Governance(levels, mine, theirs, committee, right)


def any_of(items: Any) -> Any:
    return next(iter(items))
