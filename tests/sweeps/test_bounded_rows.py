"""Every list answers one page of rows, in its page and in the API, however long it grows.

Each check grows a list past a page and then three times as much: the answer carries at most one
page of rows both times (tests/guards.assert_bounded_rows). The lists of the partnership
workspace and the history are checked here; every app checks its own lists the same way in
tests/<app>/test_lists.py (with their filters: the same rows in page and API, bad values 422).
"""

from typing import Any

import pytest

from tests.guards import assert_bounded_rows
from tests.sweeps.test_query_counts import _notes, _partnerships
from tests.world import World

LISTS: list[tuple[str, Any]] = [
    ("/", _partnerships),
    ("/api/v1/partnerships", _partnerships),
    ("/partnerships/{p}/", _notes),
    ("/api/v1/partnerships/{p}/notes", _notes),
]


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_rows_per_answer_are_bounded(world: World, client_for: Any, url: str, grower: Any) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk, o=world.buyer.pk)
    assert_bounded_rows(lambda: client.get(target), grower(world))


def test_history_is_read_in_pages(world: World, client_for: Any) -> None:
    from concord.partnerships import services

    lead = world.user("buyer_lead")

    def grow(n: int) -> None:
        for i in range(n):
            partnership = type(world.partnership).unscoped.get(pk=world.partnership.pk)
            services.partnership_update(actor=lead, partnership=partnership, version=None, category=f"c{i}")

    client = client_for("buyer_lead")
    assert_bounded_rows(lambda: client.get(f"/partnerships/{world.partnership.pk}/history/"), grow)
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/history").json()
    assert len(api["results"]) == api["limit"] and api["count"] > api["limit"]


def test_history_is_filtered_alike_in_its_page_and_the_api(world: World, client_for: Any) -> None:
    from concord.partnerships import services

    lead = world.user("buyer_lead")
    partnership = type(world.partnership).unscoped.get(pk=world.partnership.pk)
    services.partnership_update(actor=lead, partnership=partnership, version=None, category="Film")
    client = client_for("buyer_lead")
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/history?action=update").json()
    assert api["count"] >= 1 and {e["action"] for e in api["results"]} == {"update"}
    page = client.get(f"/partnerships/{world.partnership.pk}/history/?action=update").content.decode()
    assert page.count("data-row") == min(api["count"], 25) and "Created" not in page.split("<tbody>")[1]
    bad = client.get(f"/api/v1/partnerships/{world.partnership.pk}/history?action=rewritten")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "action"
