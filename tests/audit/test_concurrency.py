"""Editable records carry a version: a stale edit gets 409 or a conflict page, never a silent
overwrite. Every change through a service lands in the audit trail with before/after values."""

from typing import Any

import pytest

from concord.audit.models import AuditEvent
from concord.core.errors import Conflict
from concord.partnerships import services
from concord.partnerships.models import Note
from tests.world import World


def test_stale_service_update_raises_conflict_and_keeps_first_edit(world: World) -> None:
    lead = world.user("buyer_lead")
    note = world.buyer_shared
    services.note_update(actor=lead, note=note, version=1, body="first edit")
    with pytest.raises(Conflict):
        services.note_update(actor=lead, note=note, version=1, body="second, stale edit")
    note.refresh_from_db()
    assert note.body == "first edit" and note.version == 2


def test_stale_api_patch_is_409_with_current_record(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    url = f"/api/v1/notes/{world.buyer_shared.pk}"
    ok = client.patch(url, data={"version": 1, "body": "mine"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(url, data={"version": 1, "body": "theirs"}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["body"] == "mine"
    assert stale.json()["current"]["version"] == 2


def test_stale_form_shows_conflict_page_with_both_versions(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    services.note_update(
        actor=world.user("buyer_lead"), note=world.buyer_shared, version=1, body="saved meanwhile"
    )
    response = client.post(
        f"/notes/{world.buyer_shared.pk}/edit/",
        {"title": "Plan", "body": "my stale text", "visibility": "shared", "version": 1},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "my stale text" in page and "saved meanwhile" in page
    assert Note.unscoped.get(pk=world.buyer_shared.pk).body == "saved meanwhile"


def test_audit_records_who_what_before_after(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    services.partnership_update(
        actor=lead, partnership=world.partnership, version=None, category="Single-use bags"
    )
    event = AuditEvent.unscoped.filter(object_id=world.partnership.pk, action="update").first()
    assert event is not None and event.actor == lead
    assert event.changes["category"] == ["", "Single-use bags"]
    history = client_for("supplier_member").get(f"/api/v1/partnerships/{world.partnership.pk}/history").json()
    assert any(e["changes"].get("category") == ["", "Single-use bags"] for e in history["results"])


def test_delete_is_recorded_and_needs_current_version(world: World) -> None:
    lead = world.user("buyer_lead")
    services.note_update(actor=lead, note=world.buyer_shared, version=1, title="Plan v2")
    with pytest.raises(Conflict):
        services.note_delete(actor=lead, note=world.buyer_shared, version=1)
    services.note_delete(actor=lead, note=world.buyer_shared, version=2)
    assert not Note.unscoped.filter(pk=world.buyer_shared.pk).exists()
    assert AuditEvent.unscoped.filter(object_id=world.buyer_shared.pk, action="delete").exists()


def test_unchanged_save_does_not_bump_version(world: World) -> None:
    lead = world.user("buyer_lead")
    note = services.note_update(actor=lead, note=world.buyer_shared, version=1, title="Plan")
    assert note.version == 1
