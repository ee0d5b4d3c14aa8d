"""The daily reminders and digest through the real entry point: what each person is told, that
running the day twice sends nothing twice, and that internal records never reach the other side."""

import datetime
import io
from typing import Any

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from concord.commitments.services import demands, ledger
from concord.meetings import services as meetings
from concord.notifications.models import DigestSent, Notification
from concord.notifications.services import mark_all_read
from tests.world import World, soon


def _run(day: datetime.date) -> None:
    call_command("daily", day=day.isoformat(), stdout=io.StringIO())


def _texts(world: World, persona: str) -> list[str]:
    return sorted(Notification.unscoped.filter(user=world.user(persona)).values_list("text", flat=True))


def test_reminders_go_to_the_right_people_once(world: World, django_capture_on_commit_callbacks: Any) -> None:
    sol, bea = world.user("supplier_lead"), world.user("buyer_lead")
    today = timezone.localdate()
    due = ledger.commitment_give(
        actor=sol, partnership=world.partnership, title="Ship samples", promised_on=soon(1)
    )
    maybe_demand = demands.demand_raise(actor=bea, partnership=world.partnership, title="Second film line")
    demands.demand_answer(
        actor=sol,
        demand=maybe_demand,
        version=1,
        kind="maybe",
        rationale="Audit pending",
        conditions="Audit",
        follow_up_on=today,
    )
    with django_capture_on_commit_callbacks(execute=True):
        meetings.meeting_schedule(
            actor=bea,
            partnership=world.partnership,
            title="Weekly check-in",
            # noon tomorrow, whatever the hour the test runs at (now + 20 h may still be today)
            starts_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
            + datetime.timedelta(days=1),
        )
    mail.outbox.clear()
    tomorrow = today + datetime.timedelta(days=1)
    _run(tomorrow)
    supplier = _texts(world, "supplier_lead")
    assert any("“Ship samples” is due" in t for t in supplier)
    assert any("You promised a yes or no on “Second film line”" in t for t in supplier)
    assert any("“Weekly check-in” on" in t for t in supplier)
    assert not any("Supplier strategy" in t for t in supplier)  # the buyer's internal meeting
    assert any("Supplier strategy (internal)" in t for t in _texts(world, "buyer_viewer"))
    digests = {m.to[0]: m for m in mail.outbox}
    assert "Ship samples" in digests["lead@supplier.test"].body
    assert "Supplier strategy" not in digests["lead@supplier.test"].body
    before, sent = Notification.unscoped.count(), len(mail.outbox)
    _run(tomorrow)  # the same day again: nothing new, no second digest
    assert Notification.unscoped.count() == before and len(mail.outbox) == sent
    assert DigestSent.unscoped.filter(day=tomorrow).count() == len(digests)
    # Overdue is a new fact: reminded again, once.
    later = soon(3)
    _run(later)
    overdue = [t for t in _texts(world, "supplier_lead") if "was due" in t]
    assert overdue == [f"“Ship samples” was due {due.due_on:%d %b}."]


def test_people_read_their_own_notifications(world: World, client_for: Any) -> None:
    lead = client_for("buyer_lead")
    page = lead.get("/").content.decode()
    assert 'aria-label="1 unread"' in page
    opened = lead.post(f"/notifications/{world.notification.pk}/open/")
    assert opened["Location"] == f"/meetings/{world.meeting.pk}/"
    world.notification.refresh_from_db()
    assert world.notification.read_at is not None
    assert (
        client_for("supplier_lead").post(f"/notifications/{world.notification.pk}/open/").status_code == 404
    )
    assert mark_all_read(actor=world.user("buyer_lead")) == 0
    assert lead.get("/api/v1/me/notifications?unread=true").json()["results"] == []
