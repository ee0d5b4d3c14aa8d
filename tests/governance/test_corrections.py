"""Corrections where users expect them: a directory entry (each side its own people), a committee
and its members, a decision right — with the version read (stale: conflict, 409) and audited —
and a decision of the append-only log marked superseded by a later one instead of edited."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from concord.access.roles import Visibility
from concord.audit.models import AuditEvent
from concord.core.errors import Conflict, Forbidden, InvalidState, ValidationFailed
from concord.governance.models import Committee, DecisionRight, KeyPerson
from concord.governance.services import decisions, structure
from tests.governance.helpers import Governance, set_up
from tests.world import World

TODAY = timezone.localdate


@pytest.fixture
def gov(world: World) -> Governance:
    return set_up(world)


def _decide(world: World, text: str, days_ago: int = 0, **kw: Any) -> Any:
    return decisions.decision_record(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        text=text,
        rationale="Because",
        decided_on=TODAY() - datetime.timedelta(days=days_ago),
        **kw,
    )


def test_each_side_corrects_only_its_own_people_in_the_directory(world: World, gov: Governance) -> None:
    mine = gov.buyer_lead
    with pytest.raises(Forbidden):
        structure.key_person_update(
            actor=world.user("supplier_lead"), key_person=mine, version=mine.version, role_title="x"
        )
    lead = world.user("buyer_lead")
    saved = structure.key_person_update(
        actor=lead,
        key_person=mine,
        version=mine.version,
        role_title="Head of category",
        level=gov.levels[1].pk,
    )
    assert (saved.role_title, saved.level_id) == ("Head of category", gov.levels[1].pk)
    with pytest.raises(Conflict):
        structure.key_person_update(actor=lead, key_person=mine, version=1, role_title="Stale")
    with pytest.raises(ValidationFailed):
        structure.key_person_update(actor=lead, key_person=saved, version=saved.version, level=10**9)
    structure.key_person_delete(actor=lead, key_person=saved, version=saved.version)
    assert not KeyPerson.unscoped.filter(pk=mine.pk).exists()


def test_a_committee_changes_members_with_an_audited_trail_and_dissolves_only_without_decisions(
    world: World, gov: Governance, client_for: Any
) -> None:
    lead = world.user("buyer_lead")
    committee = gov.committee
    updated = structure.committee_update(
        actor=lead,
        committee=committee,
        version=committee.version,
        cadence_days=30,
        members=[gov.buyer_lead.pk],
    )
    assert updated.cadence_days == 30 and list(committee.members.values_list("pk", flat=True)) == [
        gov.buyer_lead.pk
    ]
    trail = AuditEvent.unscoped.filter(object_id=committee.pk, changes__has_key="members").order_by("-pk")
    assert trail[0].changes["members"][1] == [gov.buyer_lead.pk]
    _decide(
        world, "Second mould", decided_by="committee", committee=committee.pk, right=gov.right.pk, value=1
    )
    with pytest.raises(InvalidState):
        structure.committee_delete(actor=lead, committee=committee, version=updated.version)
    with pytest.raises(InvalidState):
        structure.right_delete(actor=lead, right=gov.right, version=gov.right.version)
    client = client_for("supplier_lead")
    stale = client.patch(
        f"/api/v1/committees/{committee.pk}", {"version": 1, "name": "x"}, content_type="application/json"
    )
    assert stale.status_code == 409
    page = client.post(f"/committees/{committee.pk}/edit/", {"version": 1, "name": "x", "cadence_days": "9"})
    assert page.status_code == 409
    assert Committee.unscoped.get(pk=committee.pk).name == committee.name


def test_a_right_is_corrected_with_its_version(world: World, gov: Governance, client_for: Any) -> None:
    client = client_for("supplier_member")
    url = f"/api/v1/rights/{gov.right.pk}"
    bad = client.patch(url, {"version": 1, "value_limit": "-5"}, content_type="application/json")
    assert bad.status_code == 422 and [e["field"] for e in bad.json()["errors"]] == ["value_limit"]
    done = client.patch(url, {"version": 1, "value_limit": None}, content_type="application/json")
    assert done.status_code == 200 and done.json()["value_limit"] is None and done.json()["version"] == 2
    assert (
        client_for("buyer_viewer").patch(url, {"version": 2}, content_type="application/json").status_code
        == 403
    )
    gone = client.delete(f"{url}?version=2")
    assert gone.status_code == 204 and not DecisionRight.unscoped.filter(pk=gov.right.pk).exists()


def test_a_decision_is_superseded_never_edited(world: World, gov: Governance, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    first = _decide(world, "Monthly stock report", days_ago=10)
    earlier = _decide(world, "Weekly report", days_ago=20)
    secret = _decide(world, "Walk-away price", visibility=Visibility.INTERNAL)
    later = _decide(world, "Fortnightly stock report")
    with pytest.raises(ValidationFailed) as too_early:
        decisions.decision_supersede(actor=lead, decision=first, version=1, superseded_by=earlier.pk)
    assert "superseded_by" in too_early.value.errors
    with pytest.raises(ValidationFailed):  # a shared decision is not superseded by an internal one
        decisions.decision_supersede(actor=lead, decision=first, version=1, superseded_by=secret.pk)
    with pytest.raises(ValidationFailed):  # members of a committee or managers only; the viewer is neither
        decisions.decision_supersede(
            actor=world.user("buyer_viewer"), decision=first, version=1, superseded_by=later.pk
        )
    marked = decisions.decision_supersede(actor=lead, decision=first, version=1, superseded_by=later.pk)
    assert marked.superseded_by_id == later.pk and marked.text == "Monthly stock report"
    with pytest.raises(InvalidState):
        decisions.decision_supersede(actor=lead, decision=marked, version=2, superseded_by=later.pk)
    supplier = client_for("supplier_member")
    rows = supplier.get(f"/api/v1/partnerships/{world.partnership.pk}/decisions").json()["results"]
    assert {r["id"]: r["superseded_by"] for r in rows if r["entry"] == "record"}[first.pk] == later.pk
    page = supplier.get(f"/decisions/{first.pk}/").content.decode()
    assert "Superseded" in page and "Fortnightly stock report" in page
    assert "superseded" in supplier.get(f"/partnerships/{world.partnership.pk}/decisions/").content.decode()
