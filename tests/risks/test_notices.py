"""A risk recorded or rescored is told at once to its followers — the partnership managers of
every party and the owner person for a shared risk, the recording side's only for an internal
one — never to the person who did it, never across the sides for an internal risk; edits that do
not move the score are not news."""

from typing import Any

from django.core import mail

from concord.notifications.models import Notification, NotificationKind
from concord.risks import services
from tests.world import World

KIND = NotificationKind.RISK_CHANGED


def _told(world: World, persona: str) -> list[Notification]:
    return list(Notification.unscoped.filter(kind=KIND, user=world.user(persona)).order_by("pk"))


def _record(world: World, persona: str = "buyer_lead", **kw: Any) -> Any:
    fields = {"title": "Resin shortage", "category": "supply", "likelihood": 3, "impact": 4}
    fields["owner_person_id"] = world.user(persona).pk
    return services.risk_create(actor=world.user(persona), partnership=world.partnership, **{**fields, **kw})


def test_a_shared_risk_recorded_and_rescored_reaches_both_sides_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        risk = _record(world)
    assert [n.text for n in _told(world, "supplier_lead")] == [
        "A risk was recorded: “Resin shortage” (12, high)."
    ]
    assert _told(world, "buyer_lead") == []  # their own action
    assert any(m.to == [world.user("supplier_lead").email] for m in mail.outbox)  # at once by default
    with django_capture_on_commit_callbacks(execute=True):
        services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=1, mitigation="Second resin")
    assert len(_told(world, "supplier_lead")) == 1  # the score did not move
    risk.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.risk_update(actor=world.user("buyer_lead"), risk=risk, version=risk.version, impact=5)
    assert "now 15" in _told(world, "supplier_lead")[-1].text


def test_an_internal_risk_is_told_only_on_its_own_side(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _record(world, "supplier_member", visibility="internal", title="Buyer may dual-source")
    assert len(_told(world, "supplier_lead")) == 1  # the supplier's partnership manager
    assert _told(world, "buyer_lead") == [] and _told(world, "buyer_viewer") == []
    assert not any(
        "dual-source" in m.subject for m in mail.outbox if m.to != [world.user("supplier_lead").email]
    )
