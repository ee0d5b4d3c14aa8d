"""The demo workspace's risk register: a heat map with risks spread over its cells, one fired into
an action plan, one review overdue (on its owner's home page), one internal risk of each side that
the other side neither sees nor counts."""

from typing import Any

from django.utils import timezone

from concord.accounts.models import User
from concord.risks import selectors
from concord.risks.models import Risk, RiskStatus


def test_the_demo_register(world: Any) -> None:
    from concord.demo import workspace

    workspace.build()
    clara = User.objects.get(email="clara@helix.example")
    sam = User.objects.get(email="sam@aurora.example")
    bioprocess = Risk.unscoped.filter(title__startswith="Single validated").get().partnership
    mine = selectors.risk_list(actor=clara, partnership=bioprocess)
    cells = [c for row in selectors.heat_map(mine) for c in row if c.count]
    assert len(cells) >= 6
    fired = Risk.unscoped.get(status=RiskStatus.FIRED)
    assert fired.plan is not None and fired.plan.title.startswith("Contingency:")
    late = selectors.overdue(mine, timezone.localdate())
    assert [r.title for r in late] == ["Ransomware at the supplier's ERP"]
    theirs = {r.title for r in selectors.risk_list(actor=sam, partnership=bioprocess)}
    assert "Aurora may be acquired by a competitor" not in theirs
    assert "Helix may dual-source the bags" in theirs
    assert "Helix may dual-source the bags" not in {r.title for r in mine}
    figures = {
        who.email: selectors.exposure(actor=who, partnership_ids=[bioprocess.pk])[bioprocess.pk]
        for who in (clara, sam)
    }
    assert (
        figures["clara@helix.example"] != figures["sam@aurora.example"]
    )  # each counts its own internal risk
