"""The governance tests count what is in the decision log: they start without the world's own
decision of the partnership managers (the sweeps use it)."""

from typing import Any

import pytest

from concord.governance.models import GovernanceDecision
from tests.world import World


@pytest.fixture(autouse=True)
def _empty_log(world: World) -> Any:
    GovernanceDecision.unscoped.filter(pk=world.decision.pk).delete()
    return world
