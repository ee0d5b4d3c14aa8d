"""The trail is append-only: no code path updates or deletes an event (the ORM refuses, and on
PostgreSQL a trigger refuses anyone), and concurrent writers never fork a chain."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from concord.audit import services, trail
from concord.audit.models import AppendOnly, AuditChain, AuditEvent
from concord.core.errors import ValidationFailed
from concord.partnerships import services as partnerships
from tests.world import World


def _an_event(world: World) -> AuditEvent:
    return AuditEvent.unscoped.filter(chain=f"partnership:{world.partnership.pk}").order_by("sequence")[0]


@pytest.mark.parametrize(
    "attempt",
    [
        lambda e: AuditEvent.unscoped.filter(pk=e.pk).update(reason="x"),
        lambda e: AuditEvent.unscoped.filter(pk=e.pk).delete(),
        lambda e: AuditEvent.unscoped.bulk_update([e], ["reason"]),
        lambda e: e.save(),
        lambda e: e.delete(),
    ],
    ids=["update", "delete", "bulk_update", "save", "instance delete"],
)
def test_the_orm_refuses_to_change_or_remove_an_event(world: World, attempt: Callable[[Any], Any]) -> None:
    with pytest.raises(AppendOnly):
        attempt(_an_event(world))


def _on_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET reason = 'rewritten' WHERE id = %s",
        "UPDATE audit_auditevent SET changes = '{}'::jsonb WHERE id = %s",
        "UPDATE audit_auditevent SET hash = repeat('0', 64) WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_postgresql_refuses_anyone_to_change_or_remove_an_event(world: World, sql: str) -> None:
    _on_postgres()
    event = _an_event(world)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, [event.pk])


def test_postgresql_lets_erasure_replace_values_by_their_leaves_only(world: World) -> None:
    _on_postgres()
    event = _an_event(world)
    AuditEvent.unscoped.erase(event.pk, changes={}, erased={"name": "0" * 64}, object_repr="erased")
    assert AuditEvent.unscoped.get(pk=event.pk).object_repr == "erased"


def test_no_service_updates_or_deletes_an_event(world: World) -> None:
    """Build the whole demo workspace (every service of every app), edit and delete records, with
    a guard on the connection that fails any UPDATE or DELETE of the trail's table."""
    from concord.demo import workspace

    refused: list[str] = []

    def guard(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statement = sql.lstrip().upper()
        if statement.startswith(("UPDATE", "DELETE")) and "AUDIT_AUDITEVENT" in statement.split("WHERE")[0]:
            refused.append(sql)
        return execute(sql, params, many, context)

    lead = world.user("buyer_lead")
    with connection.execute_wrapper(guard):
        workspace.build()
        partnerships.note_update(actor=lead, note=world.buyer_shared, version=1, body="Edited")
        partnerships.note_delete(actor=lead, note=world.buyer_shared, version=2)
    assert not refused, refused
    assert all(trail.verify(key).intact for key in trail.chain_keys())


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_take_turns_and_never_fork_a_chain(world: World) -> None:
    """Two connections add notes to one partnership at the same moment: each waits for the
    other's lock on the chain's head, and the chain comes out whole."""
    _on_postgres()
    key = f"partnership:{world.partnership.pk}"
    before = AuditChain.unscoped.get(key=key).length
    start = threading.Barrier(2)
    errors = _in_threads(world, lambda: start.wait(timeout=10), count=8)
    assert errors == []
    assert AuditChain.unscoped.get(key=key).length == before + 16
    verdict = trail.verify(key)
    assert verdict.intact and verdict.length == before + 16


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_second_writer_is_refused_not_forked(world: World, monkeypatch: Any) -> None:
    """Take the lock away and make both writers read the head before either writes: the unique
    (chain, sequence) constraint refuses the second, so the chain still cannot fork."""
    _on_postgres()
    both_read = threading.Barrier(2)

    def unlocked(key: str) -> AuditChain:
        AuditChain.unscoped.bulk_create([AuditChain(key=key)], ignore_conflicts=True)
        head = AuditChain.unscoped.get(key=key)
        both_read.wait(timeout=10)
        return head

    monkeypatch.setattr(services, "_lock_head", unlocked)
    errors = _in_threads(world, lambda: None, count=1)
    # the database's refusal, answered as a clash (audit.services: 422, never a 500)
    assert len(errors) == 1 and isinstance(errors[0], ValidationFailed)
    assert isinstance(errors[0].__cause__, IntegrityError)
    assert trail.verify(f"partnership:{world.partnership.pk}").intact


def _in_threads(world: World, before_each: Callable[[], Any], count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    people = [world.user("buyer_lead"), world.user("supplier_lead")]

    def write(person: Any) -> None:
        try:
            for n in range(count):
                before_each()
                partnerships.note_create(actor=person, partnership=world.partnership, body=f"Note {n}")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors
