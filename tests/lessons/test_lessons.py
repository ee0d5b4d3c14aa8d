"""One kind of lessons record: written alone or carried by an issue, a missed commitment or a risk
that fired; shown on the carrier's page and in its API answer; one library across carriers, per
partnership and across the portfolio, that never shows the other side's internal lessons;
corrected and deleted by the author's side with the version read (stale: conflict, 409)."""

from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.commitments.services import ledger
from concord.core.errors import Conflict, Forbidden, InvalidState, ValidationFailed
from concord.governance.services import issues
from concord.governance.services import lessons as issue_lessons
from concord.lessons import selectors, services
from concord.lessons.models import CarrierKind, Lesson
from concord.risks import services as risks
from tests.world import World, soon

FIELDS = {
    "title": "Forecast",
    "what_happened": "The forecast came late",
    "contributing_factors": "A single approver, on holiday",
    "what_we_change": "A deputy approver",
}


def _missed(world: World) -> Any:
    return ledger.commitment_give_up(
        actor=world.user("supplier_lead"), commitment=world.commitment, version=1, reason="Line closes"
    )


def _fired(world: World) -> Any:
    risk = world.risk
    return risks.risk_fire(
        actor=world.user("buyer_lead"), risk=risk, version=risk.version, respond_by=soon(7)
    )


def test_no_field_names_a_culprit() -> None:
    names = {f.name for f in Lesson._meta.get_fields()}
    assert not {"culprit", "blame", "fault", "person", "responsible", "who"} & names


def test_a_missed_commitment_carries_lessons_and_its_page_and_api_show_them(
    world: World, client_for: Any
) -> None:
    sol = world.user("supplier_lead")
    with pytest.raises(InvalidState):  # an open commitment is not a miss
        ledger.lesson_add(actor=sol, commitment=world.commitment, **FIELDS)
    dropped = _missed(world)
    with pytest.raises(Forbidden):  # the committing side writes it
        ledger.lesson_add(actor=world.user("buyer_lead"), commitment=dropped, **FIELDS)
    lesson = ledger.lesson_add(actor=sol, commitment=dropped, **FIELDS)
    assert (lesson.carrier_kind, lesson.carrier_id, lesson.owner_id) == (
        CarrierKind.COMMITMENT,
        dropped.pk,
        world.supplier.pk,
    )
    buyer = client_for("buyer_viewer")
    page = buyer.get(f"/commitments/{dropped.pk}/").content.decode()
    assert "A single approver, on holiday" in page and f"/lessons/{lesson.pk}/" in page
    answer = buyer.get(f"/api/v1/commitments/{dropped.pk}").json()
    assert [x["id"] for x in answer["lessons"]] == [lesson.pk]


def test_the_commitment_page_writes_a_lesson_and_the_api_answers_field_errors(
    world: World, client_for: Any
) -> None:
    dropped = _missed(world)
    client = client_for("supplier_lead")
    posted = client.post(f"/commitments/{dropped.pk}/lessons/", {**FIELDS, "visibility": "shared"})
    assert posted.status_code == 302
    assert Lesson.unscoped.filter(carrier_kind="commitment", carrier_id=dropped.pk).count() == 1
    url = f"/api/v1/commitments/{dropped.pk}/lessons"
    bad = client.post(url, {**FIELDS, "contributing_factors": ""}, content_type="application/json")
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["contributing_factors"]
    made = client.post(url, FIELDS, content_type="application/json")
    assert made.status_code == 201 and len(made.json()["lessons"]) == 2


def test_a_risk_that_fired_carries_a_lesson_from_its_page(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(InvalidState):
        risks.risk_lesson_add(actor=lead, risk=world.risk, **FIELDS)
    fired = _fired(world)
    client = client_for("supplier_lead")  # the other party's contributor may draw the lesson too
    assert 'action="/risks/' in client.get(f"/risks/{fired.pk}/").content.decode()
    made = client.post(f"/api/v1/risks/{fired.pk}/lessons", FIELDS, content_type="application/json")
    assert made.status_code == 201 and made.json()["carrier_kind"] == "risk"
    page = client_for("buyer_viewer").get(f"/risks/{fired.pk}/").content.decode()
    assert "A deputy approver" in page
    viewer = client_for("buyer_viewer").post(
        f"/api/v1/risks/{fired.pk}/lessons", FIELDS, content_type="application/json"
    )
    assert viewer.status_code == 403


def test_an_internal_carrier_carries_only_internal_lessons(world: World) -> None:
    lead = world.user("buyer_lead")
    internal = issues.issue_raise(
        actor=lead,
        partnership=world.partnership,
        title="Our own concern",
        description="Internal",
        severity="low",
        visibility=Visibility.INTERNAL,
    )
    with pytest.raises(ValidationFailed) as refused:
        issue_lessons.issue_lesson_add(actor=lead, issue=internal, **FIELDS)
    assert "visibility" in refused.value.errors
    kept = issue_lessons.issue_lesson_add(
        actor=lead, issue=internal, visibility=Visibility.INTERNAL, **FIELDS
    )
    assert kept.visibility == Visibility.INTERNAL


def test_the_library_spans_carriers_and_never_shows_the_other_sides_internal_lessons(
    world: World, client_for: Any
) -> None:
    lead, sol = world.user("buyer_lead"), world.user("supplier_lead")
    dropped = _missed(world)
    on_commitment = ledger.lesson_add(actor=sol, commitment=dropped, **{**FIELDS, "title": "Resin"})
    issue = issues.issue_raise(
        actor=lead,
        partnership=world.partnership,
        title="Label mix-up",
        description="Two labels",
        severity="low",
    )
    on_issue = issue_lessons.issue_lesson_add(actor=lead, issue=issue, **{**FIELDS, "title": "Labels"})
    fired = _fired(world)
    on_risk = risks.risk_lesson_add(actor=lead, risk=fired, **{**FIELDS, "title": "Film line"})
    secret = services.lesson_add(
        actor=lead,
        partnership=world.partnership,
        visibility=Visibility.INTERNAL,
        **{**FIELDS, "title": "Walk-away price"},
    )
    supplier = client_for("supplier_member")
    listed = supplier.get("/api/v1/lessons?q=forecast").json()["results"]
    ids = {r["id"] for r in listed}
    assert {on_commitment.pk, on_issue.pk, on_risk.pk} <= ids and secret.pk not in ids
    assert {r["carrier_title"] for r in listed if r["id"] in {on_issue.pk, on_risk.pk}} == {
        "Label mix-up",
        fired.title,
    }
    html = supplier.get("/lessons/").content.decode()
    assert "Walk-away price" not in html and f"/issues/{issue.pk}/" in html and f"/risks/{fired.pk}/" in html
    only_risks = supplier.get(f"/api/v1/partnerships/{world.partnership.pk}/lessons?carried_by=risk").json()
    assert [r["id"] for r in only_risks["results"]] == [on_risk.pk]
    assert "Walk-away price" not in supplier.get("/lessons/export.csv").content.decode()
    mine = {r["id"] for r in client_for("buyer_lead").get("/api/v1/lessons").json()["results"]}
    assert secret.pk in mine
    assert supplier.get(f"/lessons/{secret.pk}/").status_code == 404


def test_the_authors_side_corrects_and_deletes_with_the_version_read(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    lesson = services.lesson_add(actor=lead, partnership=world.partnership, **FIELDS)
    with pytest.raises(Forbidden):  # the other side reads it, but does not rewrite it
        services.lesson_update(actor=world.user("supplier_lead"), lesson=lesson, version=1, title="Theirs")
    services.lesson_update(actor=lead, lesson=lesson, version=1, title="Forecast, again")
    with pytest.raises(Conflict):
        services.lesson_update(actor=lead, lesson=lesson, version=1, title="Stale")
    client = client_for("buyer_lead")
    stale = client.patch(
        f"/api/v1/lessons/{lesson.pk}", {"version": 1, "title": "x"}, content_type="application/json"
    )
    assert stale.status_code == 409
    fresh = client.patch(
        f"/api/v1/lessons/{lesson.pk}", {"version": 2, "title": "Edited"}, content_type="application/json"
    )
    assert fresh.status_code == 200 and fresh.json()["title"] == "Edited"
    page = client.post(f"/lessons/{lesson.pk}/", {**FIELDS, "version": 2})
    assert page.status_code == 409  # the conflict page
    assert client.post(f"/lessons/{lesson.pk}/delete/", {"version": 3}).status_code == 302
    assert not Lesson.unscoped.filter(pk=lesson.pk).exists()


def test_carriers_are_named_with_one_query_per_kind(world: World, django_assert_num_queries: Any) -> None:
    lead = world.user("buyer_lead")
    issue = issues.issue_raise(
        actor=lead, partnership=world.partnership, title="A", description="B", severity="low"
    )
    for n in range(3):
        issue_lessons.issue_lesson_add(actor=lead, issue=issue, **{**FIELDS, "title": f"L{n}"})
    services.lesson_add(actor=lead, partnership=world.partnership, **FIELDS)
    rows = list(selectors.lesson_list(actor=lead, partnership=world.partnership))
    with django_assert_num_queries(1):
        selectors.with_carriers(lead, rows)
    assert {r.carrier_title for r in rows} == {"A", None}
