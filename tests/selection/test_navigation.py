""" "Choosing partners" in the main navigation only for people of a buying organisation, read from
the memberships the request reads anyway (no query of its own)."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from concord.access import members, sides
from tests.world import World

LINK = 'href="/selection/needs/">Choosing partners<'


@pytest.mark.parametrize(
    ("persona", "shown"),
    [
        ("buyer_lead", True),
        ("buyer_viewer", True),  # a viewer reads the needs
        ("outsider", True),  # Other Co both buys and supplies
        ("supplier_lead", False),
        ("supplier_member", False),
    ],
)
def test_the_link_is_offered_to_buyers_only(world: World, client_for: Any, persona: str, shown: bool) -> None:
    page = client_for(persona).get("/notifications/").content.decode()
    assert (LINK in page) is shown
    assert sides.chooses_partners(world.user(persona)) is shown


def test_the_answer_costs_no_query_once_the_memberships_are_read(world: World) -> None:
    user = world.user("supplier_lead")
    members.forget(user)
    with CaptureQueriesContext(connection) as first:
        assert sides.chooses_partners(user) is False
    assert len(first) == 1  # the memberships, read once per request
    with CaptureQueriesContext(connection) as again:
        sides.chooses_partners(user)
        members.role_in(user, world.supplier.pk)
    assert len(again) == 0
