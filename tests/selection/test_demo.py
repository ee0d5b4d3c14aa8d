"""The demo need shows what the issue asks of it: AHP weights with a consistency ratio slightly
above 0.10 (the warning), three candidates, and two evaluators who disagree on one criterion."""

from django.core import mail
from django.test.utils import override_settings

from concord.demo import selection as demo
from concord.selection import selectors
from concord.selection.models import Need
from tests.world import World


@override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}})
def test_the_demo_need(world: World) -> None:
    lead = world.user("buyer_lead")
    demo.build(clara=lead, helix=world.buyer)
    mail.outbox.clear()
    need = Need.unscoped.get(title="Second source for sterile filtration")
    found = selectors.evaluation(actor=lead, need=need)
    assert found.consistency is not None and found.consistency.cr is not None
    assert 0.10 <= found.consistency.cr < 0.12 and not found.consistency.acceptable
    assert found.inconsistent
    assert len(found.rows) == 3 and len(found.ranked) == 3
    flagged = [(row.candidate.name, i) for row in found.rows for i in row.disagreements]
    assert flagged == [("Aurora Bioprocess", 0)]
    assert len(found.evaluators) == 2
