"""Internal records never reach the other organisation: pages, API lists, details, counts, history."""

from typing import Any

from concord.partnerships import selectors
from tests.world import World


def test_supplier_never_sees_buyer_internal_note_in_any_path(world: World, client_for: Any) -> None:
    secret = world.buyer_internal.body
    for persona in ("supplier_lead", "supplier_member"):
        client = client_for(persona)
        pages = [
            f"/partnerships/{world.partnership.pk}/",
            f"/partnerships/{world.partnership.pk}/history/",
            f"/api/v1/partnerships/{world.partnership.pk}/notes",
            f"/api/v1/partnerships/{world.partnership.pk}/notes?visibility=internal",
        ]
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200
            assert secret not in response.content.decode(), f"{persona} saw it on {url}"
        listed = client.get(f"/api/v1/partnerships/{world.partnership.pk}/notes").json()
        assert listed["count"] == 2  # buyer's shared note and their own internal note
        for url in (
            f"/api/v1/notes/{world.buyer_internal.pk}",
            f"/api/v1/notes/{world.buyer_internal.pk}/history",
            f"/notes/{world.buyer_internal.pk}/history/",
        ):
            assert client.get(url).status_code == 404


def test_each_side_sees_its_own_internal_notes_and_shared_ones(world: World) -> None:
    buyer_view = {
        n.title for n in selectors.note_list(actor=world.user("buyer_viewer"), partnership=world.partnership)
    }
    supplier_view = {
        n.title
        for n in selectors.note_list(actor=world.user("supplier_member"), partnership=world.partnership)
    }
    assert buyer_view == {"Plan", "Secret"}
    assert supplier_view == {"Plan", "Account plan"}


def test_outsider_sees_no_partnership_and_no_count(world: World, client_for: Any) -> None:
    client = client_for("outsider")
    portfolio = client.get("/api/v1/partnerships").json()
    assert [p["name"] for p in portfolio["results"]] == ["Unrelated"]
    assert "Bags" not in client.get("/").content.decode()


def test_supplier_member_list_is_own_organisation_only(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    assert client.get(f"/api/v1/organisations/{world.buyer.pk}/members").status_code == 404
    members = client.get(f"/api/v1/organisations/{world.supplier.pk}/members").json()["results"]
    emails = {m["email"] for m in members}
    assert emails == {"lead@supplier.test", "member@supplier.test"}


def test_internal_note_is_marked_in_the_page(world: World, client_for: Any) -> None:
    html = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    assert "Internal · Buyer Co only" in html
    assert "Shared with all parties" in html


def test_markdown_is_sanitised(world: World, client_for: Any) -> None:
    from concord.partnerships.services import note_create

    note_create(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        body="**bold** <script>alert(1)</script> [x](javascript:alert(2))",
    )
    html = client_for("supplier_lead").get(f"/partnerships/{world.partnership.pk}/").content
    text = html.decode()
    assert "<strong>bold</strong>" in text
    assert "<script>alert(1)" not in text and "javascript:alert" not in text


def test_edit_is_offered_only_where_it_works(world: World, client_for: Any) -> None:
    html = client_for("supplier_member").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    assert f"/notes/{world.buyer_shared.pk}/edit/" not in html
    lead_html = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    assert f"/notes/{world.buyer_shared.pk}/edit/" in lead_html


def test_workspace_pages_notes_and_counts_only_visible_ones(world: World, client_for: Any) -> None:
    from concord.access.roles import Visibility
    from concord.core.paging import PAGE_SIZE
    from concord.partnerships.services import note_create

    for i in range(PAGE_SIZE):
        note_create(
            actor=world.user("buyer_lead"),
            partnership=world.partnership,
            body=f"hidden {i}",
            visibility=Visibility.INTERNAL,
        )
    supplier = client_for("supplier_member").get(f"/partnerships/{world.partnership.pk}/").content.decode()
    assert 'rel="next"' not in supplier and "Page 1 of" not in supplier  # 3 visible notes: one page
    buyer = client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/?page=2").content.decode()
    assert (
        "Page 2 of 2" in buyer and 'rel="prev"' in buyer and f"({PAGE_SIZE + 2} in all)" in buyer
    )  # its own two and the new ones
