"""The audit trail is a hash chain per partnership (a shared one, and one per side for what that
side alone reads), organisation and person: every event in its chain, in order, and any change
to the stored trail — a field of an event changed, an event removed, inserted or moved, two
events swapped, the last ones cut off — is found at the right link."""

from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection, models

from concord.audit import chain, trail
from concord.audit.models import AuditChain, AuditEvent
from concord.goals import services as goals
from concord.partnerships import services as partnerships
from tests.world import World


def _chain(world: World) -> str:
    return f"partnership:{world.partnership.pk}"


def _own(world: World, organisation: Any) -> str:
    return f"partnership:{world.partnership.pk}:org:{organisation.pk}"


def _events(key: str) -> list[AuditEvent]:
    return list(AuditEvent.unscoped.filter(chain=key).order_by("sequence"))


def _about(instance: models.Model) -> list[AuditEvent]:
    kind = ContentType.objects.get_for_model(type(instance))
    return list(AuditEvent.unscoped.filter(content_type=kind, object_id=instance.pk).order_by("id"))


@contextmanager
def tampering() -> Iterator[None]:
    """Change the stored trail the way someone with database access could. On PostgreSQL the
    append-only trigger refuses that, so it is switched off inside the test's transaction."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:  # (deferred foreign-key checks first: ALTER TABLE waits for none)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
        yield
        if postgres:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


def _rewrite(event: AuditEvent, **values: Any) -> None:
    """An UPDATE past the ORM's refusal (models.QuerySet, not the trail's AppendOnlyQuerySet)."""
    models.QuerySet.update(AuditEvent.unscoped.filter(pk=event.pk), **values)


def _remove(event: AuditEvent) -> None:
    rows = AuditEvent.unscoped.filter(pk=event.pk)
    rows._raw_delete(rows.db)


def test_every_chain_of_the_world_is_intact(world: World) -> None:
    keys = trail.chain_keys()
    assert {_chain(world), _own(world, world.buyer), _own(world, world.supplier)} <= set(keys)
    assert f"organisation:{world.buyer.pk}" in keys
    for key in keys:
        verdict = trail.verify(key)
        assert verdict.intact, (key, verdict.broken)
        head = AuditChain.unscoped.get(key=key)
        assert (verdict.length, verdict.head) == (head.length, head.head) and head.length > 0


def test_each_event_lands_in_the_chain_of_where_it_happened(world: World) -> None:
    partnership = _chain(world)
    lead = world.user("buyer_lead")
    expected = {
        partnership: [world.partnership, world.buyer_shared, world.clause, world.vision_revision],
        _own(world, world.buyer): [
            world.buyer_internal,
            world.measurement_internal,
            world.buyer_submission,
            world.meeting,
        ],
        _own(world, world.supplier): [world.supplier_internal],
        f"organisation:{world.buyer.pk}": [world.buyer, world.viewer_membership, world.pending_invitation],
        f"person:{lead.pk}": [lead, world.lead_token, world.feed],
    }
    for key, instances in expected.items():
        for instance in instances:
            assert {e.chain for e in _about(instance)} == {key}, instance


def test_a_record_changing_visibility_continues_in_the_chain_of_its_new_readers(world: World) -> None:
    lead = world.user("buyer_lead")
    note = partnerships.note_create(actor=lead, partnership=world.partnership, body="Draft")
    partnerships.note_update(actor=lead, note=note, version=1, visibility="internal")
    partnerships.note_update(actor=lead, note=note, version=2, body="Walk-away 9 %")
    assert [e.chain for e in _about(note)] == [
        _chain(world),
        _own(world, world.buyer),
        _own(world, world.buyer),
    ]
    assert all(trail.verify(key).intact for key in (_chain(world), _own(world, world.buyer)))


def test_sequences_count_from_one_without_gaps_and_link_hashes(world: World) -> None:
    events = _events(_chain(world))
    assert [e.sequence for e in events] == list(range(1, len(events) + 1))
    previous = chain.GENESIS
    for event in events:
        assert event.hash == chain.link(previous, chain.leaf(chain.content_of(event)))
        previous = event.hash


def test_a_bulk_import_appends_in_order(world: World) -> None:
    import datetime
    from decimal import Decimal

    supplier = world.user("supplier_lead")
    before = AuditChain.unscoped.get(key=_chain(world)).length
    goals.measurement_add(
        actor=supplier, goal=world.goal_shared, measured_on=datetime.date(2026, 2, 28), value=Decimal("95")
    )
    assert AuditChain.unscoped.get(key=_chain(world)).length == before + 1
    assert trail.verify(_chain(world)).intact


def test_a_changed_field_is_found_at_its_event(world: World) -> None:
    lead = world.user("buyer_lead")
    partnerships.note_update(actor=lead, note=world.buyer_shared, version=1, body="Shared plan, v2")
    partnerships.note_create(actor=lead, partnership=world.partnership, body="Later note")
    edit = next(e for e in _about(world.buyer_shared) if e.action == "update")
    with tampering():
        _rewrite(edit, changes={"body": ["Shared plan", "Something else entirely"]})
    verdict = trail.verify(_chain(world))
    assert verdict.broken is not None
    assert (verdict.broken.sequence, verdict.broken.problem) == (edit.sequence, "altered")
    assert verdict.length == edit.sequence - 1


@pytest.mark.parametrize(
    "field, value",
    [("actor_id", None), ("action", "delete"), ("reason", "backdated"), ("object_id", 999999)],
)
def test_any_hashed_field_changed_breaks_the_link(world: World, field: str, value: Any) -> None:
    event = _about(world.buyer_internal)[0]
    with tampering():
        _rewrite(event, **{field: value})
    broken = trail.verify(event.chain).broken
    assert broken is not None and broken.sequence == event.sequence and broken.problem == "altered"
    assert trail.verify(_chain(world)).intact  # the buyer's own chain broke, not the shared one


def test_a_changed_time_breaks_the_link(world: World) -> None:
    import datetime

    event = _about(world.buyer_internal)[0]
    with tampering():
        _rewrite(event, created_at=event.created_at - datetime.timedelta(days=1))
    broken = trail.verify(event.chain).broken
    assert broken is not None and broken.sequence == event.sequence


def test_a_removed_event_is_reported_missing(world: World) -> None:
    victim = _about(world.buyer_internal)[0]
    with tampering():
        _remove(victim)
    broken = trail.verify(_own(world, world.buyer)).broken
    assert broken is not None and (broken.sequence, broken.problem) == (victim.sequence, "missing")
    assert f"Event {victim.sequence} is missing" in broken.detail


def test_two_events_swapped_are_found_at_the_first(world: World) -> None:
    events = _events(_chain(world))
    first, second = events[3], events[4]
    with tampering():
        _rewrite(first, sequence=0)
        _rewrite(second, sequence=first.sequence)
        _rewrite(AuditEvent.unscoped.get(pk=first.pk), sequence=second.sequence)
    broken = trail.verify(_chain(world)).broken
    assert broken is not None and (broken.sequence, broken.problem) == (first.sequence, "altered")


def test_events_cut_off_the_end_are_found_by_the_head(world: World) -> None:
    last = _events(_chain(world))[-1]
    with tampering():
        _remove(last)
    broken = trail.verify(_chain(world)).broken
    assert broken is not None and (broken.sequence, broken.problem) == (last.sequence, "truncated")


def test_an_event_moved_to_another_chain_breaks_both(world: World) -> None:
    event = _events(_chain(world))[-1]
    with tampering():
        _rewrite(event, chain=f"organisation:{world.buyer.pk}", sequence=10_000)
    assert not trail.verify(_chain(world)).intact
    assert not trail.verify(f"organisation:{world.buyer.pk}").intact


def test_the_command_reports_intact_and_the_first_broken_link(world: World) -> None:
    out = StringIO()
    call_command("audit", "verify", "--partnership", str(world.partnership.pk), stdout=out)
    assert (
        f"{_chain(world)}: intact" in out.getvalue()
        and f"{_own(world, world.buyer)}: intact" in out.getvalue()
    )
    event = _about(world.buyer_internal)[0]
    with tampering():
        _rewrite(event, reason="rewritten")
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 3 chains are broken"):
        call_command("audit", "verify", "--partnership", str(world.partnership.pk), stdout=out)
    assert f"BROKEN at {event.sequence} — altered" in out.getvalue()
    assert f"event id {event.pk}: create of partnerships.note {world.buyer_internal.pk}" in out.getvalue()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=out)  # every chain: the others stay intact
    assert f"organisation:{world.buyer.pk}: intact" in out.getvalue()
    assert f"{_chain(world)}: intact" in out.getvalue()


def test_the_command_refuses_a_chain_that_does_not_exist(world: World) -> None:
    with pytest.raises(CommandError, match="no audit chain organisation:999999"):
        call_command("audit", "verify", "--organisation", "999999")


def test_canonical_values_survive_every_database(world: World) -> None:
    """Whole floats are stored as integers (PostgreSQL prints 1e16 as 10000000000000000), so a
    value hashes the same before it is stored and after it is read back."""
    lead = world.user("buyer_lead")
    values = {"big": [None, 1e16], "whole": [None, 2.0], "tiny": [None, 1.5e-7], "text": ["é", "\U0001f600"]}
    from concord.audit.services import record

    event = record(actor=lead, action="update", instance=world.buyer_shared, changes=values)
    stored = AuditEvent.unscoped.get(pk=event.pk)
    assert stored.changes == {
        "big": [None, 10**16],
        "whole": [None, 2],
        "tiny": [None, 1.5e-7],
        "text": ["é", "😀"],
    }
    assert trail.verify(_chain(world)).intact


def _forge(world: World, key: str, sequence: int, previous: str | None) -> AuditEvent:
    """An event written straight into the table, as someone with database access could: with
    the right hash when `previous` is given (they know the algorithm), a made-up one otherwise."""
    forged = AuditEvent(
        chain=key,
        sequence=sequence,
        actor=world.user("supplier_lead"),
        action="update",
        content_type=ContentType.objects.get_for_model(type(world.buyer_shared)),
        object_id=world.buyer_shared.pk,
        object_repr="forged",
        changes={"body": ["Shared plan", "Buyer accepts +12 %"]},
    )
    forged.hash = chain.link(previous, chain.leaf(chain.content_of(forged))) if previous else "f" * 64
    AuditEvent.unscoped.bulk_create([forged])
    return forged


@pytest.mark.parametrize("rehashed", [False, True], ids=["made-up hash", "hash recomputed"])
def test_an_event_inserted_in_the_middle_is_found(world: World, rehashed: bool) -> None:
    """Insert an event at place 3 by moving every later one up: the forged event breaks the chain,
    and if its own hash was computed right, the event it pushed along does (its place is hashed)."""
    key = _chain(world)
    events = _events(key)
    with tampering():
        for event in reversed(events[2:]):
            _rewrite(event, sequence=event.sequence + 1)
        _forge(world, key, 3, events[1].hash if rehashed else None)
    broken = trail.verify(key).broken
    assert broken is not None and broken.problem == "altered"
    assert broken.sequence == (4 if rehashed else 3)


def test_an_event_added_past_the_head_is_found(world: World) -> None:
    key = _chain(world)
    last = _events(key)[-1]
    with tampering():
        _forge(world, key, last.sequence + 1, last.hash)
    broken = trail.verify(key).broken
    assert broken is not None and (broken.sequence, broken.problem) == (last.sequence + 1, "added")


# Apps added after audit.0005: the migration (frozen as it was written) does not know them, and
# their records were first written with the chain: no event of theirs for it to place.
APPS_AFTER_THE_CHAIN = {
    "risks",
    "governance",
    "lessons",
    "selection",
    "lifecycle",
    "insight",
    "health",
    "reviews",
}


def test_the_migration_puts_earlier_events_where_the_services_put_them(world: World) -> None:
    """Migration audit.0005 chains the events recorded before the chain existed: given the trail of
    the world and the whole demo workspace (every kind of record), it assigns every event the
    chain the services gave it (shared, or a side's own)."""
    from importlib import import_module

    from django.apps import apps

    from concord.demo import workspace

    workspace.build()
    migration = import_module("concord.audit.migrations.0005_assign_chains")
    homes = migration.Homes(apps)
    events = AuditEvent.unscoped.exclude(content_type__app_label__in=APPS_AFTER_THE_CHAIN).order_by("id")
    assert events.count() > 200
    assert len({e.content_type_id for e in events}) >= 20
    for event in events:
        assert homes.chain(event.content_type_id, event.object_id) == event.chain, event
