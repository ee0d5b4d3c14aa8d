"""Internal risks never reach the other organisation, by any path: pages, API, the heat map's
counts, exports, the exposure figure, the home page, the overview card and reminders. And the
exposure is computed for many partnerships at once, in one query."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from concord.partnerships import services as partnerships
from concord.risks import selectors, services
from tests.world import World

BUYER_SECRET = "Supplier may be acquired"
SUPPLIER_SECRET = "Buyer may dual-source"


def _paths(world: World) -> list[str]:
    p = world.partnership.pk
    return [
        f"/partnerships/{p}/",
        f"/partnerships/{p}/risks/",
        f"/partnerships/{p}/risks/?visibility=internal",
        f"/partnerships/{p}/risks/export.csv",
        f"/api/v1/partnerships/{p}/risks",
        f"/api/v1/partnerships/{p}/risks/export?format=csv",
        f"/partnerships/{p}/history/",
        "/",
        "/home/",
        "/notifications/",
    ]


def test_the_other_sides_internal_risk_never_shows(world: World, client_for: Any) -> None:
    services.remind_reviews(timezone.localdate())
    for persona, secret in (
        ("supplier_lead", BUYER_SECRET),
        ("supplier_member", BUYER_SECRET),
        ("buyer_lead", SUPPLIER_SECRET),
        ("buyer_viewer", SUPPLIER_SECRET),
    ):
        client = client_for(persona)
        for url in _paths(world):
            response = client.get(url)
            assert response.status_code == 200, f"{persona} {url}"
            assert secret not in response.content.decode(), f"{persona} saw it on {url}"
    own = world.risk_internal.pk
    for url in (
        f"/risks/{own}/",
        f"/risks/{own}/history/",
        f"/api/v1/risks/{own}",
        f"/api/v1/risks/{own}/history",
    ):
        assert client_for("supplier_lead").get(url).status_code == 404


def test_heat_map_and_exposure_count_only_what_the_reader_may_read(world: World, client_for: Any) -> None:
    p = world.partnership.pk
    # shared: 3 × 5 = 15; the buyer's internal 2 × 4 = 8; the supplier's internal 4 × 4 = 16
    for persona, cells, figure in (
        ("buyer_viewer", {(3, 5): 1, (2, 4): 1}, 23),
        ("supplier_member", {(3, 5): 1, (4, 4): 1}, 31),
    ):
        client = client_for(persona)
        heat = client.get(f"/api/v1/partnerships/{p}/risks/heatmap").json()
        assert {(c["likelihood"], c["impact"]): c["count"] for c in heat["cells"] if c["count"]} == cells
        answer = client.get(f"/api/v1/partnerships/{p}/risks/exposure").json()
        assert (answer["exposure"], answer["live"], answer["recorded"]) == (figure, 2, 2)
        html = client.get(f"/partnerships/{p}/").content.decode()
        assert f'id="risk-exposure">{figure}<' in html


def test_exposure_is_one_query_for_many_partnerships(world: World) -> None:
    bea, sol = world.user("buyer_lead"), world.user("supplier_lead")
    others = [partnerships.partnership_create(actor=bea, buyer=world.buyer, name=f"P{i}") for i in range(3)]
    for i, other in enumerate(others):
        services.risk_create(
            actor=bea, partnership=other, title="Risk", likelihood=5, impact=5, owner_person_id=bea.pk
        )
        if i:
            services.risk_create(
                actor=bea, partnership=other, title="Another", likelihood=5, impact=4, owner_person_id=bea.pk
            )
    ids = [world.partnership.pk, *(o.pk for o in others)]
    selectors.exposure(actor=bea, partnership_ids=ids)  # memberships read and cached on the person
    with CaptureQueriesContext(connection) as ctx:
        found = selectors.exposure(actor=bea, partnership_ids=ids)
    assert len(ctx.captured_queries) == 1
    assert [found[i].exposure for i in ids] == [23, 25, 45, 45]
    # the supplier is a party of the first only, and the others are not theirs to know
    assert set(selectors.exposure(actor=sol, partnership_ids=ids)) == {world.partnership.pk}


def test_exposure_leaves_closed_risks_out_and_caps_at_100(world: World) -> None:
    bea = world.user("buyer_lead")
    for i in range(5):
        services.risk_create(
            actor=bea,
            partnership=world.partnership,
            title=f"R{i}",
            likelihood=5,
            impact=5,
            owner_person_id=bea.pk,
        )
    figure = selectors.exposure(actor=bea, partnership_ids=[world.partnership.pk])[world.partnership.pk]
    assert figure.exposure == 100 and figure.critical == 5 and figure.live == 7
    services.risk_update(actor=bea, risk=world.risk_internal, version=1, status="closed")
    figure = selectors.exposure(actor=bea, partnership_ids=[world.partnership.pk])[world.partnership.pk]
    assert (figure.live, figure.recorded) == (6, 7)


def test_home_page_lists_my_risks_with_a_review_overdue(world: World, client_for: Any) -> None:
    html = client_for("buyer_lead").get("/home/").content.decode()
    assert "Risks I own with a review overdue" in html
    assert f'href="/risks/{world.risk_internal.pk}/"' in html
    supplier = client_for("supplier_lead").get("/home/").content.decode()
    assert f'href="/risks/{world.risk_supplier_internal.pk}/"' in supplier
    assert BUYER_SECRET not in supplier
    # the viewer owns nothing
    assert 'id="risks"' in client_for("buyer_viewer").get("/home/").content.decode()
