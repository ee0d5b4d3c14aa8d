"""The demo workspace's health index: Helix's own weights, two months of history on each side (so
the trend shows), each side's index computed from what it may read, and the pages showing it."""

from typing import Any

from django.test import Client

from concord.accounts.models import User
from concord.health import selectors
from concord.health.models import HealthScore, HealthWeights
from concord.partnerships.models import Partnership


def test_the_demo_index(world: Any) -> None:
    from concord.demo import workspace

    workspace.build()
    clara = User.objects.get(email="clara@helix.example")
    sam = User.objects.get(email="sam@aurora.example")
    bioprocess = Partnership.unscoped.get(name="Single-use bioprocessing")
    assert HealthWeights.unscoped.get(organisation__name="Helix Biologics").goals == 30
    assert HealthScore.unscoped.filter(partnership=bioprocess).values("period").distinct().count() == 2
    mine = selectors.explained(actor=clara, partnership=bioprocess)
    theirs = selectors.explained(actor=sam, partnership=bioprocess)
    assert mine.result.score is not None and theirs.result.score is not None
    assert len(mine.history) == 2 and mine.trend is not None
    assert mine.organisation_id != theirs.organisation_id
    client = Client()
    client.force_login(clara)
    page = client.get(f"/partnerships/{bioprocess.pk}/health/").content.decode()
    assert "Component by component" in page and "Relationship survey" in page
    # the change is said in words once: "down 1.6", never "down -1.6"
    said = "up " if mine.trend > 0 else "down " if mine.trend < 0 else "unchanged"
    assert f"{said}" in page and "down -" not in page and "up -" not in page
    assert "Single-use bioprocessing" in client.get("/?sort=-health").content.decode()
