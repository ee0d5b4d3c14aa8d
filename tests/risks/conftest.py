"""The risks' tests start with the two internal risks of the world overdue for review (a date in
the past cannot be set through the services, and the world keeps other apps' reminders as they
were)."""

from typing import Any

import pytest

from concord.risks.models import Risk
from tests.world import World, soon


@pytest.fixture(autouse=True)
def _reviews_overdue(world: World) -> Any:
    late = soon(-30)
    Risk.unscoped.filter(pk__in=[world.risk_internal.pk, world.risk_supplier_internal.pk]).update(
        next_review_on=late
    )
    world.risk_internal.next_review_on = world.risk_supplier_internal.next_review_on = late
    return world
