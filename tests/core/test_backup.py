"""Backup and restore round-trip: every row comes back, and a restore never merges into data."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from concord.access.models import Membership
from concord.audit.models import AuditEvent
from concord.core import backup
from concord.goals.models import Measurement
from concord.partnerships.models import Note
from tests.world import World


def _snapshot() -> dict[str, Any]:
    return {
        "notes": sorted(Note.unscoped.values_list("pk", "title", "body", "visibility", "owner_id")),
        "measurements": sorted(Measurement.unscoped.values_list("pk", "goal_id", "measured_on", "value")),
        "memberships": sorted(Membership.unscoped.values_list("user__email", "organisation__name", "role")),
        "audit": sorted(AuditEvent.unscoped.values_list("pk", "content_type__model", "object_id", "action")),
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_into_an_empty_database(world: World, tmp_path: Path) -> None:
    archive = tmp_path / "concord.zip"
    before = _snapshot()
    counts = backup.write(archive)
    assert counts["partnerships.note"] == len(before["notes"]) and counts["audit.auditevent"] > 0
    call_command("flush", interactive=False, verbosity=0)
    assert Note.unscoped.count() == 0
    call_command("restore", str(archive), verbosity=0)
    assert _snapshot() == before
    # The restored data is live: a new row gets a fresh key after the restored ones.
    from concord.partnerships.services import note_create

    lead = type(world.user("buyer_lead")).objects.get(email="lead@buyer.test")
    note = note_create(actor=lead, partnership=world.partnership, body="After the restore")
    assert note.pk > max(pk for pk, *_ in before["notes"])


def test_a_restore_never_merges_into_existing_data(world: World, tmp_path: Path) -> None:
    archive = tmp_path / "concord.zip"
    backup.write(archive)
    with pytest.raises(CommandError, match="already holds Concord data"):
        call_command("restore", str(archive), verbosity=0)
