"""Either side verifies the partnership's chains it reads — through the API, or offline from an
export with the algorithm printed in docs/audit.md (run here exactly as printed) — and neither
learns anything of the other side's internal records from it: not their content, number or timing."""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import models

from concord.audit.models import AuditChain, AuditEvent
from concord.goals import services as goals
from concord.partnerships import services as partnerships
from tests.audit.test_chain import tampering
from tests.world import World

DOCS = Path(__file__).resolve().parents[2] / "docs" / "audit.md"
PARTIES = ["buyer_lead", "buyer_viewer", "supplier_lead", "supplier_member"]
BUYER_SECRETS = ("Walk-away price", "Our fallback", "Dual-source", "Supplier strategy")


def reference_verifier() -> Callable[[list[str]], list[str]]:
    """The verifier of docs/audit.md: the Python block that defines `verify`, run as printed."""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.S)
    code = next(b for b in blocks if "def verify(lines)" in b)
    namespace: dict[str, Any] = {"__name__": "reference"}
    exec(compile(code, str(DOCS), "exec"), namespace)
    return namespace["verify"]  # type: ignore[no-any-return]


def _shared(world: World) -> str:
    return f"partnership:{world.partnership.pk}"


def _own(world: World, persona: str) -> str:
    organisation = world.buyer if persona.startswith("buyer") else world.supplier
    return f"{_shared(world)}:org:{organisation.pk}"


def _export(client: Any, world: World) -> list[str]:
    response = client.get(f"/api/v1/partnerships/{world.partnership.pk}/audit/export")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/jsonl")
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content).decode().splitlines()


def _sections(lines: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Each chain of an export: its entries by chain key (the header's)."""
    found: dict[str, list[dict[str, Any]]] = {}
    key = ""
    for entry in map(json.loads, lines):
        if "format" in entry:
            key = entry["chain"]
            found[key] = []
        else:
            found[key].append(entry)
    return found


def _entries_about(lines: list[str], key: str, instance: models.Model) -> list[dict[str, Any]]:
    kind = ContentType.objects.get_for_model(type(instance))
    events = AuditEvent.unscoped.filter(content_type=kind, object_id=instance.pk, chain=key)
    places = set(events.values_list("sequence", flat=True))
    return [e for e in _sections(lines).get(key, []) if e["sequence"] in places]


def _expected(key: str) -> str:
    head = AuditChain.unscoped.get(key=key)
    return f"{key}: intact: {head.length} events, head {head.head}"


@pytest.mark.parametrize("persona", PARTIES)
def test_every_party_verifies_its_chains_offline(world: World, client_for: Any, persona: str) -> None:
    lines = _export(client_for(persona), world)
    keys = [_shared(world), _own(world, persona)]
    assert list(_sections(lines)) == keys
    assert reference_verifier()(lines) == [_expected(key) for key in keys]


def test_the_other_side_gets_nothing_of_internal_records(world: World, client_for: Any) -> None:
    lines = _export(client_for("supplier_member"), world)
    text = "\n".join(lines)
    assert _own(world, "buyer_lead") not in text
    for secret in BUYER_SECRETS:
        assert secret not in text
    sections = _sections(lines)
    assert all("event" in e for entries in sections.values() for e in entries)  # no hash-only entries
    own = _entries_about(lines, _own(world, "supplier_lead"), world.supplier_internal)
    assert own and all(e["event"]["changes"]["body"] == [None, "Upsell filtration"] for e in own)
    assert _entries_about(lines, _shared(world), world.buyer_shared)
    buyer = "\n".join(_export(client_for("buyer_viewer"), world))
    assert "Walk-away price" in buyer and "Upsell filtration" not in buyer


def test_internal_work_changes_nothing_the_other_side_receives(world: World, client_for: Any) -> None:
    """Neither the count nor the timing of the buyer's internal changes shows in what the supplier
    gets: its verification and its export are the same before and after them."""
    supplier = client_for("supplier_member")
    url = f"/api/v1/partnerships/{world.partnership.pk}/audit/verify"
    before = (supplier.get(url).json(), _export(supplier, world))
    lead = world.user("buyer_lead")
    note = partnerships.note_create(
        actor=lead, partnership=world.partnership, body="Walk-away 8 %", visibility="internal"
    )
    partnerships.note_update(actor=lead, note=note, version=1, body="Walk-away 9 %")
    goals.measurement_add(
        actor=lead,
        goal=world.goal_internal,
        measured_on=world.measurement_internal.measured_on.replace(day=28),
        value=world.measurement_internal.value,
    )
    assert (supplier.get(url).json(), _export(supplier, world)) == before
    assert client_for("buyer_viewer").get(url).json() != before[0]


def test_a_record_made_internal_keeps_its_shared_past_verifiable(world: World, client_for: Any) -> None:
    """The supplier read the note while it was shared: those events stay in the shared chain, as
    hashes once the note is internal; what the buyer does with it afterwards is not there at all."""
    lead = world.user("buyer_lead")
    note = partnerships.note_create(actor=lead, partnership=world.partnership, body="Open offer")
    partnerships.note_update(actor=lead, note=note, version=1, visibility="internal")
    partnerships.note_update(actor=lead, note=note, version=2, body="Walk-away 9 %")
    lines = _export(client_for("supplier_lead"), world)
    past = _entries_about(lines, _shared(world), note)
    assert len(past) == 1 and set(past[0]) == {"content_hash", "hash", "sequence"}
    assert "Walk-away 9" not in "\n".join(lines) and "Open offer" not in "\n".join(lines)
    assert reference_verifier()(lines)[0] == _expected(_shared(world))
    buyer = _export(client_for("buyer_lead"), world)
    assert all("event" in e for e in _entries_about(buyer, _shared(world), note))
    assert len(_entries_about(buyer, _own(world, "buyer_lead"), note)) == 2


def test_deleted_records_are_judged_by_their_last_state(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    shared = partnerships.note_create(actor=lead, partnership=world.partnership, body="Shared, then gone")
    internal = partnerships.note_create(
        actor=lead, partnership=world.partnership, body="Internal, then gone", visibility="internal"
    )
    partnerships.note_delete(actor=lead, note=shared, version=1)
    partnerships.note_delete(actor=lead, note=internal, version=1)
    lines = _export(client_for("supplier_lead"), world)
    gone = _entries_about(lines, _shared(world), shared)
    assert len(gone) == 2 and all("event" in e for e in gone)
    assert "Internal, then gone" not in "\n".join(lines)
    verdicts = reference_verifier()(lines)
    assert [v.split(": ")[1] for v in verdicts] == ["intact", "intact"]
    assert all(v.endswith(f"head {h}") for v, h in zip(verdicts, _heads(lines), strict=True))


def _heads(lines: list[str]) -> list[str]:
    return [json.loads(line)["head"] for line in lines if '"format"' in line]


def test_the_offline_verifier_finds_what_was_changed_in_the_export(world: World, client_for: Any) -> None:
    verify = reference_verifier()
    lead = world.user("buyer_lead")
    note = partnerships.note_create(actor=lead, partnership=world.partnership, body="Open offer")
    partnerships.note_update(actor=lead, note=note, version=1, visibility="internal")
    lines = _export(client_for("supplier_lead"), world)
    shared = [line for line in lines if _own(world, "supplier_lead") not in line]
    shared = shared[: AuditChain.unscoped.get(key=_shared(world)).length + 1]
    entries = [json.loads(line) for line in shared[1:]]
    visible = next(e for e in entries if "event" in e and e["event"]["changes"])
    at = visible["sequence"]
    edited = json.loads(json.dumps(visible))
    field = next(iter(edited["event"]["changes"]))
    edited["event"]["changes"][field] = [None, "forged"]
    key = _shared(world)
    assert verify([*shared[:at], json.dumps(edited), *shared[at + 1 :]]) == [
        f"{key}: broken at {at}: altered"
    ]
    # an erased leaf cannot cover for values shown in its place
    edited["event"]["erased"] = {field: "0" * 64}
    assert verify([*shared[:at], json.dumps(edited), *shared[at + 1 :]]) == [
        f"{key}: broken at {at}: altered"
    ]
    assert verify([*shared[:at], *shared[at + 1 :]]) == [f"{key}: broken at {at}: missing"]
    last = len(shared) - 1
    assert verify(shared[:-1])[0].startswith(f"{key}: broken at {last}: head says {last} events")
    hidden = next(e for e in entries if "content_hash" in e)
    at = hidden["sequence"]
    swapped = dict(hidden, content_hash="0" * 64)
    assert verify([*shared[:at], json.dumps(swapped), *shared[at + 1 :]]) == [
        f"{key}: broken at {at}: altered"
    ]


def _verify(client: Any, world: World) -> Any:
    response = client.get(f"/api/v1/partnerships/{world.partnership.pk}/audit/verify")
    assert response.status_code == 200
    return response


def _intact(key: str) -> dict[str, Any]:
    head = AuditChain.unscoped.get(key=key)
    return {
        "chain": key,
        "intact": True,
        "length": head.length,
        "head": head.head,
        "erased": 0,
        "broken": None,
    }


def test_either_side_verifies_its_chains_through_the_api(world: World, client_for: Any) -> None:
    for persona in PARTIES:
        chains = [_intact(_shared(world)), _intact(_own(world, persona))]
        assert _verify(client_for(persona), world).json() == {"intact": True, "chains": chains}
    url = f"/api/v1/partnerships/{world.partnership.pk}/audit/verify"
    assert client_for("outsider").get(url).status_code == 404


def test_a_break_in_one_sides_chain_is_reported_to_that_side_only(world: World, client_for: Any) -> None:
    supplier_before = _verify(client_for("supplier_member"), world).json()
    kind = ContentType.objects.get_for_model(type(world.buyer_internal))
    event = AuditEvent.unscoped.get(content_type=kind, object_id=world.buyer_internal.pk)
    with tampering():
        models.QuerySet.update(
            AuditEvent.unscoped.filter(pk=event.pk), changes={"body": [None, "Walk-away 9 %"]}
        )
    assert _verify(client_for("supplier_member"), world).json() == supplier_before
    answer = _verify(client_for("buyer_viewer"), world).json()
    assert answer["intact"] is False and answer["chains"][0]["intact"] is True
    own = answer["chains"][1]
    assert own["length"] == event.sequence - 1
    assert own["broken"]["sequence"] == event.sequence and own["broken"]["problem"] == "altered"


def test_a_break_in_the_shared_chain_says_where_not_what(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    note = partnerships.note_create(actor=lead, partnership=world.partnership, body="Open offer")
    partnerships.note_update(actor=lead, note=note, version=1, visibility="internal")
    kind = ContentType.objects.get_for_model(type(note))
    event = AuditEvent.unscoped.get(content_type=kind, object_id=note.pk, chain=_shared(world))
    with tampering():
        models.QuerySet.update(AuditEvent.unscoped.filter(pk=event.pk), reason="backdated")
    for persona in ("supplier_member", "buyer_lead"):
        response = _verify(client_for(persona), world)
        shared = response.json()["chains"][0]
        assert shared["broken"]["sequence"] == event.sequence and shared["broken"]["problem"] == "altered"
        text = response.content.decode()
        assert (
            "Open offer" not in text and "note" not in text.lower() and str(event.pk) not in text.split('"')
        )
