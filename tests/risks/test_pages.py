"""The risk pages and API as people use them: record, edit with optimistic concurrency, fire the
trigger in one step, read the score history; bad input answers field errors, never a 500."""

from typing import Any

from concord.risks.models import Risk, RiskStatus
from tests.world import World, soon


def test_record_a_risk_on_the_page_and_read_it(world: World, client_for: Any) -> None:
    client = client_for("supplier_member")
    response = client.post(
        f"/partnerships/{world.partnership.pk}/risks/",
        {
            "title": "Resin shortage",
            "category": "supply",
            "likelihood": "4",
            "impact": "3",
            "owner_person_id": str(world.user("supplier_member").pk),
            "status": "open",
            "visibility": "shared",
            "next_review_on": soon(10).isoformat(),
        },
    )
    risk = Risk.unscoped.get(title="Resin shortage")
    assert response.status_code == 302 and response["Location"] == f"/risks/{risk.pk}/"
    assert (risk.score, risk.owner_id, risk.owner_party_id) == (12, world.supplier.pk, world.supplier.pk)
    html = client_for("buyer_viewer").get(f"/risks/{risk.pk}/").content.decode()
    assert 'id="risk-score">12 · high' in html and "Score history" in html


def test_bad_input_on_the_page_is_shown_on_the_form(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").post(
        f"/partnerships/{world.partnership.pk}/risks/",
        {"title": " ", "likelihood": "9", "impact": "x", "owner_person_id": "999999", "visibility": "?"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Name the risk." in html and "Rate it from 1 (lowest) to 5 (highest)." in html
    assert not Risk.unscoped.filter(title="").exists()


def test_a_stale_edit_is_a_conflict_on_the_page_and_in_the_api(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    risk = world.risk_internal
    form = {
        "version": "1",
        "title": risk.title,
        "category": "financial",
        "likelihood": "4",
        "impact": "4",
        "owner_person_id": str(world.user("buyer_lead").pk),
        "status": "mitigating",
        "next_review_on": soon(5).isoformat(),
    }
    assert client.post(f"/risks/{risk.pk}/edit/", form).status_code == 302
    assert client.post(f"/risks/{risk.pk}/edit/", form).status_code == 409
    stale = client.patch(
        f"/api/v1/risks/{risk.pk}", {"version": 1, "impact": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    fresh = client.patch(
        f"/api/v1/risks/{risk.pk}", {"version": 2, "impact": 1}, content_type="application/json"
    )
    body = fresh.json()
    assert fresh.status_code == 200 and body["score"] == 4 and body["status"] == "mitigating"
    assert [h["score"] for h in body["score_history"]] == [4, 16, 8]
    assert body["review_overdue"] is False


def test_api_create_answers_field_errors(world: World, client_for: Any) -> None:
    response = client_for("buyer_lead").post(
        f"/api/v1/partnerships/{world.partnership.pk}/risks",
        {"title": "Flood", "likelihood": 3, "impact": 2, "owner_person_id": world.user("outsider").pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"owner_person_id"}


def test_fire_on_the_page_starts_the_plan_and_links_it(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")  # the owner of the buyer's shared risk
    risk = world.risk
    response = client.post(
        f"/risks/{risk.pk}/fire/",
        {"version": "1", "respond_by": soon(3).isoformat(), "review_every_days": "7"},
    )
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.status == RiskStatus.FIRED and risk.plan_id is not None
    html = client_for("buyer_viewer").get(f"/risks/{risk.pk}/").content.decode()
    assert f'href="/plans/{risk.plan_id}/"' in html
    plan = client_for("buyer_viewer").get(f"/api/v1/plans/{risk.plan_id}").json()
    assert [i["title"] for i in plan["items"]] == ["Switch to line 2", "Air-freight safety stock"]


def test_fire_without_contingency_is_a_message_not_a_plan(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    risk = world.risk_supplier_internal
    response = client.post(
        f"/risks/{risk.pk}/fire/",
        {"version": "1", "respond_by": soon(3).isoformat(), "review_every_days": "7"},
        follow=True,
    )
    assert "Write the contingency plan first" in response.content.decode()
    assert Risk.unscoped.get(pk=risk.pk).status == RiskStatus.OPEN
