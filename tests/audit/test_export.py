"""Either side verifies the partnership's chain — through the API, or offline from an export with
the algorithm printed in docs/audit.md (run here exactly as printed) — and neither learns the
other side's internal records from it."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models

from concord.audit.models import AuditChain, AuditEvent
from concord.partnerships import services as partnerships
from tests.audit.test_chain import tampering
from tests.world import World

DOCS = Path(__file__).resolve().parents[2] / "docs" / "audit.md"
PARTIES = ["buyer_lead", "buyer_viewer", "supplier_lead", "supplier_member"]


def reference_verifier() -> Callable[[list[str]], str]:
    """The verifier of docs/audit.md: the Python block that defines `verify`, run as printed."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.S)
    code = next(b for b in blocks if "def verify(lines)" in b)
    namespace: dict[str, Any] = {"__name__": "reference"}
    exec(compile(code, str(DOCS), "exec"), namespace)
    return namespace["verify"]  # type: ignore[no-any-return]


def _export(client: Any, world: World) -> list[str]:
    response = client.get(f"/api/v1/partnerships/{world.partnership.pk}/audit/export")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/jsonl")
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode().splitlines()


def _entries_about(lines: list[str], instance: models.Model) -> list[dict[str, Any]]:
    kind = ContentType.objects.get_for_model(type(instance))
    events = AuditEvent.unscoped.filter(content_type=kind, object_id=instance.pk)
    places = set(events.values_list("sequence", flat=True))
    entries = [json.loads(line) for line in lines[1:]]
    return [e for e in entries if e["sequence"] in places]


@pytest.mark.parametrize("persona", PARTIES)
def test_every_party_verifies_the_export_offline(world: World, client_for: Any, persona: str) -> None:
    lines = _export(client_for(persona), world)
    head = AuditChain.unscoped.get(key=f"partnership:{world.partnership.pk}")
    assert reference_verifier()(lines) == f"intact: {head.length} events, head {head.head}"
    assert len(lines) == head.length + 1


def test_the_other_side_gets_only_hashes_of_internal_records(world: World, client_for: Any) -> None:
    lines = _export(client_for("supplier_member"), world)
    text = "\n".join(lines)
    secrets = ("Walk-away price", "Our fallback", "Push for resilience", "Dual-source", "Supplier strategy")
    for secret in secrets:
        assert secret not in text
    hidden = _entries_about(lines, world.buyer_internal)
    assert hidden and all(set(e) == {"content_hash", "hash", "sequence"} for e in hidden)
    own = _entries_about(lines, world.supplier_internal)
    assert own and all(e["event"]["changes"]["body"] == [None, "Upsell filtration"] for e in own)
    shared = _entries_about(lines, world.buyer_shared)
    assert shared and all("event" in e for e in shared)
    buyer = _export(client_for("buyer_viewer"), world)
    assert "Walk-away price" in "\n".join(buyer) and "Upsell filtration" not in "\n".join(buyer)


def test_deleted_records_are_judged_by_their_last_state(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    shared = partnerships.note_create(actor=lead, partnership=world.partnership, body="Shared, then gone")
    internal = partnerships.note_create(
        actor=lead, partnership=world.partnership, body="Internal, then gone", visibility="internal"
    )
    partnerships.note_delete(actor=lead, note=shared, version=1)
    partnerships.note_delete(actor=lead, note=internal, version=1)
    lines = _export(client_for("supplier_lead"), world)
    assert all("event" in e for e in _entries_about(lines, shared))
    assert all("event" not in e for e in _entries_about(lines, internal))
    assert reference_verifier()(lines).startswith("intact")


def test_the_offline_verifier_finds_what_was_changed_in_the_export(world: World, client_for: Any) -> None:
    verify = reference_verifier()
    lines = _export(client_for("supplier_lead"), world)
    entries = [json.loads(line) for line in lines[1:]]
    visible = next(e for e in entries if "event" in e and e["event"]["changes"])
    edited = json.loads(json.dumps(visible))
    field = next(iter(edited["event"]["changes"]))
    edited["event"]["changes"][field] = [None, "forged"]
    at = visible["sequence"]
    forged = [*lines[:at], json.dumps(edited), *lines[at + 1 :]]
    assert verify(forged) == f"broken at {at}: altered"
    assert verify([*lines[:at], *lines[at + 1 :]]) == f"broken at {at}: missing"
    assert verify(lines[:-1]) == f"broken at {len(lines) - 1}: truncated"
    hidden = next(e for e in entries if "content_hash" in e)
    swapped = dict(hidden, content_hash="0" * 64)
    at = hidden["sequence"]
    assert verify([*lines[:at], json.dumps(swapped), *lines[at + 1 :]]) == f"broken at {at}: altered"


def test_either_side_verifies_through_the_api(world: World, client_for: Any) -> None:
    url = f"/api/v1/partnerships/{world.partnership.pk}/audit/verify"
    head = AuditChain.unscoped.get(key=f"partnership:{world.partnership.pk}")
    for persona in PARTIES:
        answer = client_for(persona).get(url).json()
        assert answer == {
            "chain": f"partnership:{world.partnership.pk}",
            "intact": True,
            "length": head.length,
            "head": head.head,
            "erased": 0,
            "broken": None,
        }
    assert client_for("outsider").get(url).status_code == 404


def test_the_other_side_learns_where_the_break_is_not_what(world: World, client_for: Any) -> None:
    kind = ContentType.objects.get_for_model(type(world.buyer_internal))
    event = AuditEvent.unscoped.get(content_type=kind, object_id=world.buyer_internal.pk)
    with tampering():
        models.QuerySet.update(
            AuditEvent.unscoped.filter(pk=event.pk), changes={"body": [None, "Walk-away price 9 %"]}
        )
    response = client_for("supplier_member").get(f"/api/v1/partnerships/{world.partnership.pk}/audit/verify")
    answer = response.json()
    assert answer["intact"] is False and answer["length"] == event.sequence - 1
    assert answer["broken"]["sequence"] == event.sequence and answer["broken"]["problem"] == "altered"
    text = response.content.decode()
    assert "Walk-away" not in text and "note" not in text.lower()
