"""Put the events recorded before the chain existed into their chains, in the order they were
recorded (by id), and hash them as new events are hashed (concord.audit.chain).

Which chain an event belongs to follows from its model's access rule (audit.chain.chain_of). The
rules are frozen here as paths to the partnership, organisation or person, so that this migration
keeps meaning what it meant when it was written. The ids on a path are read from the live row
(the historical model) or, for a deleted one, from the values its events recorded.
"""

from typing import Any

from django.db import migrations

from concord.audit.chain import GENESIS, SYSTEM, content, leaf, link, normalised

P, O, U = "partnership", "organisation", "person"
# model -> (kind of chain, path): each step ("field_id", "next model") hops to another row; the
# last one names the id of the partnership, organisation or person.
HOMES: dict[str, tuple[str, list[Any]]] = {
    "access.membership": (O, ["organisation_id"]),
    "access.party": (P, ["partnership_id"]),
    "accounts.user": (U, ["id"]),
    "accounts.apitoken": (U, ["user_id"]),
    "organisations.organisation": (O, ["id"]),
    "organisations.invitation": (O, ["organisation_id"]),
    "partnerships.partnership": (P, ["id"]),
    "partnerships.note": (P, ["partnership_id"]),
    "vision.submissionround": (P, ["partnership_id"]),
    "vision.submission": (P, [("round_id", "vision.submissionround"), "partnership_id"]),
    "vision.visiondocument": (P, ["partnership_id"]),
    "vision.objective": (P, ["partnership_id"]),
    "vision.visionrevision": (P, [("document_id", "vision.visiondocument"), "partnership_id"]),
    "vision.signature": (
        P,
        [("revision_id", "vision.visionrevision"), ("document_id", "vision.visiondocument"), "partnership_id"],
    ),
    "vision.visioncomment": (P, ["partnership_id"]),
    "agreements.agreement": (P, ["partnership_id"]),
    "agreements.clause": (P, [("agreement_id", "agreements.agreement"), "partnership_id"]),
    "agreements.clausenote": (P, ["partnership_id"]),
    "goals.goal": (P, ["partnership_id"]),
    "goals.measurement": (P, [("goal_id", "goals.goal"), "partnership_id"]),
    "goals.successevent": (P, ["partnership_id"]),
    "scorecards.scorecard": (P, ["partnership_id"]),
    "commitments.demand": (P, ["partnership_id"]),
    "commitments.answer": (P, [("demand_id", "commitments.demand"), "partnership_id"]),
    "commitments.commitment": (P, ["partnership_id"]),
    "commitments.renegotiation": (P, [("commitment_id", "commitments.commitment"), "partnership_id"]),
    "commitments.blamelessnote": (P, [("commitment_id", "commitments.commitment"), "partnership_id"]),
    "commitments.actionplan": (P, ["partnership_id"]),
    "commitments.planreview": (P, [("plan_id", "commitments.actionplan"), "partnership_id"]),
    "meetings.meeting": (P, ["partnership_id"]),
    "meetings.attendee": (P, [("meeting_id", "meetings.meeting"), "partnership_id"]),
    "meetings.decision": (P, [("meeting_id", "meetings.meeting"), "partnership_id"]),
    "meetings.calendarfeed": (U, ["user_id"]),
    "notifications.notification": (U, ["user_id"]),
    "notifications.digestsent": (U, ["user_id"]),
}


# The partnership records (access rule Record: an owner and a visibility) and the blind answers
# (Blind: the owner's until revealed). The events about one of them, or about a child of one, go
# to the owner's own chain in the partnership when it is internal (always, for a blind answer):
# audit.chain.chain_of. The record's visibility is read as it is now (or was when deleted), so an
# event written while a record now internal was shared goes to its owner's chain: the private side.
RECORDS = {
    "partnerships.note",
    "vision.visioncomment",
    "agreements.clausenote",
    "goals.goal",
    "goals.successevent",
    "scorecards.scorecard",
    "commitments.demand",
    "commitments.commitment",
    "commitments.actionplan",
    "meetings.meeting",
}
BLIND = {"vision.submission"}


class Homes:
    """Finds each event's chain, reading every row and every object's recorded values once."""

    def __init__(self, apps: Any) -> None:
        self.apps = apps
        self.events = apps.get_model("audit", "AuditEvent")
        self.types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in apps.get_model("contenttypes", "ContentType")._default_manager.all()}
        self.type_ids = {label: pk for pk, label in self.types.items()}
        self.cache: dict[tuple[str, int, str], Any] = {}

    def value(self, label: str, pk: int, field: str) -> Any:
        key = (label, pk, field)
        if key not in self.cache:
            self.cache[key] = self._live(label, pk, field) or self._recorded(label, pk, field)
        return self.cache[key]

    def _live(self, label: str, pk: int, field: str) -> Any:
        if field == "id":
            return pk
        try:
            model = self.apps.get_model(*label.split("."))
        except LookupError:
            return None
        return model._default_manager.filter(pk=pk).values_list(field, flat=True).first()

    def _recorded(self, label: str, pk: int, field: str) -> Any:
        """The last value an event recorded for the field (the before-value of a deletion)."""
        found = None
        rows = self.events._default_manager.filter(content_type_id=self.type_ids.get(label), object_id=pk)
        for changes in rows.order_by("id").values_list("changes", flat=True):
            pair = changes.get(field) if isinstance(changes, dict) else None
            if isinstance(pair, list) and len(pair) == 2:
                found = pair[1] if pair[1] is not None else pair[0]
        return found

    def chain(self, type_id: int, object_id: int) -> str:
        label = self.types.get(type_id, "")
        if label not in HOMES:
            return SYSTEM
        kind, path = HOMES[label]
        at_label, at_pk = label, object_id
        owner = None
        for step in path:
            owner = owner or self.private_to(at_label, at_pk)
            field, next_label = step if isinstance(step, tuple) else (step, None)
            found = self.value(at_label, at_pk, field)
            if found is None:
                return SYSTEM
            if next_label is None:
                key = f"{kind}:{int(found)}"
                return f"{key}:org:{int(owner)}" if owner is not None else key
            at_label, at_pk = next_label, int(found)
        return SYSTEM

    def private_to(self, label: str, pk: int) -> int | None:
        if label in BLIND or (label in RECORDS and self.value(label, pk, "visibility") == "internal"):
            return self.value(label, pk, "owner_id")
        return None


def assign(apps: Any, schema_editor: Any) -> None:
    homes = Homes(apps)
    heads: dict[str, tuple[int, str]] = {}
    batch: list[Any] = []
    for event in homes.events._default_manager.order_by("id").iterator(chunk_size=1000):
        key = homes.chain(event.content_type_id, event.object_id)
        length, head = heads.get(key, (0, GENESIS))
        event.chain, event.sequence = key, length + 1
        event.changes = normalised(event.changes)
        event.hash = link(head, leaf(_content(event, homes.types[event.content_type_id])))
        heads[key] = (event.sequence, event.hash)
        batch.append(event)
        if len(batch) >= 1000:
            homes.events._default_manager.bulk_update(batch, ["chain", "sequence", "hash", "changes"])
            batch = []
    homes.events._default_manager.bulk_update(batch, ["chain", "sequence", "hash", "changes"])
    chains = apps.get_model("audit", "AuditChain")
    chains._default_manager.bulk_create(chains(key=k, length=n, head=h) for k, (n, h) in sorted(heads.items()))


def _content(event: Any, object_type: str) -> dict[str, Any]:
    return content(
        chain=event.chain,
        sequence=event.sequence,
        action=event.action,
        object_type=object_type,
        object_id=event.object_id,
        changes=event.changes,
        erased=event.erased,
        reason=event.reason,
        actor=event.actor_id,
        time=event.created_at,
    )


def unassign(apps: Any, schema_editor: Any) -> None:
    apps.get_model("audit", "AuditChain")._default_manager.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0004_chain_fields"),
        ("access", "0001_initial"),
        ("accounts", "0003_token_name_and_account_messages"),
        ("organisations", "0004_identifier_formats_and_messages"),
        ("partnerships", "0005_alter_note_body"),
        ("vision", "0006_alter_visioncomment_body"),
        ("agreements", "0005_alter_clausenote_body"),
        ("goals", "0005_goal_and_measurement_invariants"),
        ("scorecards", "0003_scorecard_name_message"),
        ("commitments", "0007_alter_answer_rationale_and_more"),
        ("meetings", "0005_alter_decision_rationale"),
        ("notifications", "0002_alter_digestsent_managers_and_more"),
    ]

    operations = [migrations.RunPython(assign, unassign)]
