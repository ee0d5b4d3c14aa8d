"""The fit engine's bench entry (bench/fitting.py) runs and ranks in a fixed number of queries
whatever the size of the portfolio (time is measured by the bench, never asserted here)."""

import pytest

from bench.fitting import rank
from concord.insight.models import Offering
from tests.world import World

pytestmark = pytest.mark.django_db


def test_the_bench_ranks_in_the_same_queries_at_any_size(world: World) -> None:
    actor = world.user("supplier_lead")
    small = rank(actor=actor, partnership=world.partnership, offerings=50)
    large = rank(actor=actor, partnership=world.partnership, offerings=2_000)
    assert small["queries"] == large["queries"] and large["offerings"] == 2_000
    assert 0 < large["short_list"] <= 10
    assert Offering.unscoped.count() == 1  # rolled back: only the world's offering is left
