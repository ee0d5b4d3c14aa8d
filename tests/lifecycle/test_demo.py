"""The demo workspace's lifecycle: the stages, the exit plans, the quadrants and the due diligence
the README tour describes."""

import pytest
from django.utils import timezone

from concord.demo import workspace
from concord.lifecycle import expiry
from concord.lifecycle.models import DiligenceItem, ExitPlan, Lifecycle, Segmentation
from concord.lifecycle.stages import Stage
from concord.partnerships.models import Partnership


@pytest.mark.django_db
def test_the_demo_shows_every_part_of_the_lifecycle() -> None:
    workspace.build()
    by_name = {p.name: p for p in Partnership.unscoped.all()}
    bioprocess, cold, lab = (
        by_name[n] for n in ("Single-use bioprocessing", "Cold-chain logistics", "Lab consumables")
    )
    stage = {lc.partnership_id: lc.stage for lc in Lifecycle.unscoped.all()}
    assert stage[bioprocess.pk] == Stage.WORKING_TOGETHER
    assert stage[cold.pk] == Stage.PARTNER_SELECTION and stage[lab.pk] == Stage.KNOWLEDGE
    assert ExitPlan.unscoped.get(partnership=bioprocess).complete
    assert not ExitPlan.unscoped.filter(partnership=cold).exists()
    latest = {}
    for s in Segmentation.unscoped.order_by("assessed_on", "pk"):
        latest[s.partnership_id] = s
    assert {latest[p.pk].quadrant for p in (bioprocess, cold, lab)} == {
        "strategic",
        "bottleneck",
        "non_critical",
    }
    assert Segmentation.unscoped.filter(partnership=bioprocess).count() == 2  # history kept
    cold.refresh_from_db()
    assert cold.relationship_type == "tactical" and "hybrid" in cold.relationship_rationale
    today = timezone.localdate()
    states = {expiry.expiry(i.expires_on, today) for i in DiligenceItem.unscoped.all()}
    assert {expiry.Expiry.EXPIRED, expiry.Expiry.EXPIRING, expiry.Expiry.VALID} <= states
    assert expiry.review_due_on(latest[lab.pk].assessed_on) <= today  # lab's review is overdue
