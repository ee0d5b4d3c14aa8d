"""The generator's customer insight: every supplier keeps a profile of its customer and a
portfolio, the rows pass their models' rules, and the fit engine ranks them for the supplier
only."""

import pytest

from concord.accounts.models import User
from concord.core.errors import Forbidden
from concord.insight import selectors
from concord.insight.models import CustomerGoal, InstalledItem, Offering, OfferingKey
from concord.partnerships.models import Partnership
from tests.demo.test_generate import generate, partnerships
from tests.world import World

pytestmark = pytest.mark.django_db


def test_each_supplier_keeps_a_profile_and_a_portfolio(world: World) -> None:
    from concord.demo.generator import insight

    generate()
    first: Partnership = partnerships()[0]
    items = InstalledItem.unscoped.filter(partnership=first)
    assert items.count() == insight.ITEMS and {i.visibility for i in items} == {"internal"}
    assert CustomerGoal.unscoped.filter(partnership=first).count() == 2
    supplier_lead = User.objects.get(email="supplier1.lead@generated.example")
    portfolio = Offering.objects.restrict(supplier_lead)
    assert portfolio.count() == insight.PORTFOLIO
    for offering in portfolio:
        offering.full_clean()
    assert OfferingKey.unscoped.filter(offering__in=portfolio).exists()
    found = selectors.recommendations(actor=supplier_lead, partnership=first)
    assert found.items or found.excluded
    buyer_lead = User.objects.get(email="buyer.lead@generated.example")
    with pytest.raises(Forbidden):
        selectors.recommendations(actor=buyer_lead, partnership=first)
    assert not Offering.objects.restrict(buyer_lead).exists()
    assert not InstalledItem.objects.restrict(buyer_lead).exists()
