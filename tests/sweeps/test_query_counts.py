"""Every list and detail keeps its query count flat as data grows (no N+1)."""

from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.organisations.services import organisation_create
from concord.partnerships import services
from tests.guards import assert_flat_queries
from tests.world import World, join, make_user


def _notes(world: World) -> Any:
    def grow(n: int) -> None:
        for i in range(n):
            actor = world.user("buyer_lead" if i % 2 else "supplier_lead")
            services.note_create(
                actor=actor,
                partnership=world.partnership,
                body=f"note {i}",
                visibility=Visibility.INTERNAL if i % 3 else Visibility.SHARED,
            )

    return grow


def _partnerships(world: World) -> Any:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            services.partnership_create(
                actor=world.user("buyer_lead"), buyer=world.buyer, name=f"Extra {next(counter)}"
            )

    return grow


def _members(world: World) -> Any:
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            join(world.user("buyer_lead"), world.buyer, make_user(f"m{i}@b.test", f"M {i}"), "member")

    return grow


@pytest.mark.parametrize(
    "url,grower,budget",
    [
        # the page, its parties, one query per kind of figure, and the header's Home badge (one);
        # the dashboard's (issue 16): health, stage, segment, three kinds of alert, the reader's
        # organisations and the health distribution; the risk exposure column (one query)
        ("/", _partnerships, 22),
        ("/api/v1/partnerships", _partnerships, 10),
        # the overview at a glance reads the vision, agreement, goals, scorecards, ledger, demands,
        # meetings, plans and wins: one query (or two) for each, whatever the history; the risks
        # card one (risks.selectors.risk_card), the issues card one, the Lifecycle card four
        # (stage, exit plan; the buyer's latest assessment, due diligence)
        ("/partnerships/{p}/", _notes, 31),  # the world now has a governance decision and a lesson
        ("/api/v1/partnerships/{p}/notes", _notes, 10),
        ("/partnerships/{p}/history/", _notes, 12),
        ("/organisations/{o}/", _members, 14),
        ("/api/v1/organisations/{o}/members", _members, 8),
        ("/organisations/", _members, 10),
    ],
)
def test_query_count_is_flat(world: World, client_for: Any, url: str, grower: Any, budget: int) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk, o=world.buyer.pk)
    assert_flat_queries(lambda: client.get(target), grower(world), budget=budget)


def test_history_page_flat_as_events_grow(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    lead = world.user("buyer_lead")

    def grow(n: int) -> None:
        for _ in range(n):
            note = services.note_update(
                actor=lead,
                note=world.buyer_shared,
                version=None,
                body=f"v{world.buyer_shared.pk}-{_}-{id(object())}",
            )
            world.buyer_shared = note

    # + one query per kind of record the changes name (people, organisations, the partnership)
    assert_flat_queries(lambda: client.get(f"/notes/{world.buyer_shared.pk}/history/"), grow, budget=15)


def test_organisation_list_for_many_orgs(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    counter = iter(range(100))

    def grow(n: int) -> None:
        for _ in range(n):
            organisation_create(actor=lead, name=f"Org {next(counter)}", kind="buyer")

    client = client_for("buyer_lead")
    assert_flat_queries(lambda: client.get("/organisations/"), grow, budget=10)
