"""The organisation lists — organisations, members, invitations sent — filtered and paged alike in
the pages and the API: one page of rows however long a list grows, the same filter giving the same
rows in both, invalid filter values answered as field errors, and a flat query count."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from concord.access.roles import Role
from concord.invitations import services as invitations
from concord.organisations.models import Invitation
from concord.organisations.services import organisation_create
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.organisations.rows import row_texts, same_rows, section
from tests.world import World, join, make_user


def _organisations(world: World) -> Callable[[int], None]:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            kind = "supplier" if i % 2 else "buyer"
            organisation_create(actor=world.user("buyer_lead"), name=f"Org {i:03}", kind=kind)

    return grow


def _members(world: World) -> Callable[[int], None]:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            role = Role.VIEWER if i % 3 else Role.MEMBER
            join(world.user("buyer_lead"), world.buyer, make_user(f"m{i:03}@b.test", f"M {i:03}"), role)

    return grow


def _invitations(world: World) -> Callable[[int], None]:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            email = f"inv{next(counter):03}@b.test"
            invitations.invite_member(
                actor=world.user("buyer_lead"), organisation=world.buyer, email=email, role=Role.MEMBER
            )

    return grow


# ---- one page of rows, however long the list ---------------------------------------------------


def test_organisations_are_read_in_pages(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get("/organisations/"), _organisations(world))
    api = client.get("/api/v1/organisations").json()
    assert len(api["results"]) == api["limit"] and api["count"] > api["limit"]


def test_members_are_read_in_pages(world: World, client_for: Any) -> None:
    client = client_for("buyer_viewer")  # not an admin: the page shows members only
    grow = _members(world)
    assert_bounded_rows(lambda: client.get(f"/organisations/{world.buyer.pk}/"), grow)
    api = client.get(f"/api/v1/organisations/{world.buyer.pk}/members").json()
    assert len(api["results"]) == api["limit"] and api["count"] > api["limit"]


@pytest.mark.parametrize("where", ["page", "api"])
def test_admins_read_members_and_invitations_a_page_each(world: World, client_for: Any, where: str) -> None:
    """An admin's organisation page carries both lists; each stays one page on its own."""
    client = client_for("buyer_lead")
    if where == "api":
        assert_bounded_rows(
            lambda: client.get(f"/api/v1/organisations/{world.buyer.pk}/invitations"), _invitations(world)
        )
        return
    page = f"/organisations/{world.buyer.pk}/"
    assert_bounded_rows(lambda: section(client.get(page), "invitations"), _invitations(world))
    assert_bounded_rows(lambda: section(client.get(page), "members"), _members(world))
    both = client.get(page).content.decode()
    assert 'aria-label="Member pages"' in both and 'aria-label="Invitation pages"' in both


def test_each_list_on_the_organisation_page_keeps_its_own_page(world: World, client_for: Any) -> None:
    _members(world)(30)
    _invitations(world)(30)
    client = client_for("buyer_lead")
    url = f"/organisations/{world.buyer.pk}/"
    first = [row_texts(section(client.get(url), part)) for part in ("members", "invitations")]
    moved = client.get(f"{url}?invitations_page=2")
    assert row_texts(section(moved, "members")) == first[0]  # the members did not move
    second = row_texts(section(moved, "invitations"))
    assert second and not set(second) & set(first[1])
    assert (
        'href="?invitations_page=2&amp;page=2#members"'
        in client.get(f"{url}?invitations_page=2").content.decode()
    )  # paging the members keeps the invitations' page


# ---- the same filter, the same rows ------------------------------------------------------------


def test_organisation_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    _organisations(world)(12)
    client = client_for("buyer_lead")
    query = "q=org 00&kind=supplier"
    names = same_rows(
        client.get(f"/organisations/?{query}"), client.get(f"/api/v1/organisations?{query}"), "name"
    )
    assert names == ["Org 001", "Org 003", "Org 005", "Org 007", "Org 009"]
    outsider = client_for("outsider").get("/api/v1/organisations?q=org").json()
    assert outsider["count"] == 0  # a search never reaches past the reader's organisations


def test_member_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    _members(world)(7)
    client = client_for("buyer_viewer")
    query = "role=viewer&q=@b.test"
    emails = same_rows(
        client.get(f"/organisations/{world.buyer.pk}/?{query}"),
        client.get(f"/api/v1/organisations/{world.buyer.pk}/members?{query}"),
        "email",
    )
    # viewers only (not M 000, M 003, M 006), by name, found by their email address (not Vic Viewer)
    assert emails == ["m001@b.test", "m002@b.test", "m004@b.test", "m005@b.test"]
    by_name = client.get(f"/api/v1/organisations/{world.buyer.pk}/members?q=bea").json()["results"]
    assert [m["full_name"] for m in by_name] == ["Bea Buyer"]


def _invitations_in_every_status(world: World) -> dict[str, str]:
    """One more invitation in each status; returns {email: status}."""
    lead = world.user("buyer_lead")

    def invite(email: str) -> Invitation:
        return invitations.invite_member(actor=lead, organisation=world.buyer, email=email, role=Role.MEMBER)

    invite("still-pending@b.test")
    invitations.invitation_revoke(actor=lead, invitation=invite("revoked@b.test"))
    join(lead, world.buyer, make_user("joined@b.test", "Joined"), Role.MEMBER)
    lapsed = invite("lapsed@b.test")
    # Time passes: the invitation lapses (its expiry is in the past; nothing else changes).
    Invitation.unscoped.filter(pk=lapsed.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    sent = Invitation.unscoped.filter(organisation=world.buyer)
    return {inv.email: inv.status for inv in sent}


@pytest.mark.parametrize("status", ["pending", "accepted", "revoked", "expired"])
def test_invitation_status_is_filtered_in_the_database_as_the_model_says(
    world: World, client_for: Any, status: str
) -> None:
    expected = _invitations_in_every_status(world)
    client = client_for("buyer_lead")
    api = client.get(f"/api/v1/organisations/{world.buyer.pk}/invitations?status={status}")
    page = section(client.get(f"/organisations/{world.buyer.pk}/?invitations-status={status}"), "invitations")
    emails = same_rows(page, api, "email")
    assert sorted(emails) == sorted(e for e, s in expected.items() if s == status)
    assert {item["status"] for item in api.json()["results"]} == {status}


def test_invitation_kind_and_search(world: World, client_for: Any) -> None:
    _invitations(world)(3)
    client = client_for("buyer_lead")
    partners = client.get(f"/api/v1/organisations/{world.buyer.pk}/invitations?kind=partner").json()
    assert [i["email"] for i in partners["results"]] == ["lead@supplier.test"]
    query = "q=INV00&kind=member"
    emails = same_rows(
        section(
            client.get(f"/organisations/{world.buyer.pk}/?invitations-q=INV00&invitations-kind=member"),
            "invitations",
        ),
        client.get(f"/api/v1/organisations/{world.buyer.pk}/invitations?{query}"),
        "email",
    )
    assert emails == ["inv002@b.test", "inv001@b.test", "inv000@b.test"]  # newest first


# ---- invalid filter values: a field error, never a 500 ----------------------------------------


@pytest.mark.parametrize(
    ("api", "page", "field"),
    [
        ("/api/v1/organisations?kind=bank", "/organisations/?kind=bank", "kind"),
        ("/api/v1/organisations/{o}/members?role=owner", "/organisations/{o}/?role=owner", "role"),
        (
            "/api/v1/organisations/{o}/invitations?status=lost",
            "/organisations/{o}/?invitations-status=lost",
            "status",
        ),
        (
            "/api/v1/organisations/{o}/invitations?q=" + "x" * 101,
            "/organisations/{o}/?invitations-q=" + "x" * 101,
            "q",
        ),
    ],
)
def test_invalid_filter_values_are_field_errors(
    world: World, client_for: Any, api: str, page: str, field: str
) -> None:
    client = client_for("buyer_lead")
    answer = client.get(api.format(o=world.buyer.pk))
    assert answer.status_code == 422
    assert field in {e["field"] for e in answer.json()["errors"]}
    shown = client.get(page.format(o=world.buyer.pk))
    assert shown.status_code == 200
    assert 'class="error" role="alert"' in shown.content.decode()


# ---- a flat query count as the lists grow ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "grower", "budget"),
    [
        ("/api/v1/organisations?kind=buyer", _organisations, 8),
        ("/api/v1/organisations/{o}/invitations?status=pending", _invitations, 10),
        ("/organisations/{o}/?invitations-status=pending", _invitations, 16),
        ("/organisations/{o}/?role=viewer", _members, 16),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(o=world.buyer.pk)
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)
