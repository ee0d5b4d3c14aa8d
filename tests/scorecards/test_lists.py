"""The Scorecards tab as a list: at most one card per direction, so it cannot outgrow a page; it
is still read in pages (the API's limit holds), filtered by one definition in the page and the
API, with bad filter values answered as field errors, and its query count stays flat."""

import datetime
import re
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from concord.access.roles import Visibility
from concord.core.errors import ValidationFailed
from concord.goals import services as goals
from concord.scorecards import services
from concord.scorecards.models import Scorecard
from tests.guards import assert_flat_queries
from tests.world import World, scorecard_definition


def _supplier_card(world: World, visibility: str = Visibility.SHARED) -> Scorecard:
    return services.scorecard_create(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        name="How the buyer treats us",
        visibility=visibility,
        definition=scorecard_definition(world),
    )


def _ids(client: Any, world: World, query: str) -> tuple[list[int], list[int]]:
    page = client.get(f"/partnerships/{world.partnership.pk}/scorecards/?{query}")
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/scorecards?{query}")
    assert page.status_code == 200 and api.status_code == 200, (page, api.content)
    rows = page.content.decode().split("data-row")[1:]
    shown = [int(m.group(1)) for row in rows if (m := re.search(r'href="/scorecards/(\d+)/"', row))]
    return shown, [c["id"] for c in api.json()["results"]]


def test_the_list_is_bounded_by_one_card_per_direction(world: World, client_for: Any) -> None:
    """The scorecard list cannot grow past two: a second card for a direction is refused, by the
    service and, should two arrive at once, by the database."""
    theirs = _supplier_card(world)
    with pytest.raises(ValidationFailed) as refused:
        _supplier_card(world)
    assert "already has its scorecard" in refused.value.text()
    with pytest.raises(IntegrityError), transaction.atomic():
        Scorecard.unscoped.create(
            partnership=world.partnership,
            owner=world.supplier,
            direction=theirs.direction,
            name="Twin",
            definition={},
        )
    client = client_for("buyer_viewer")
    shown, listed = _ids(client, world, "")
    assert shown == listed == [world.scorecard.pk, theirs.pk]  # by direction: buyer scores first
    one = client.get(f"/api/v1/partnerships/{world.partnership.pk}/scorecards?limit=1&offset=1").json()
    assert one["count"] == 2 and [c["id"] for c in one["results"]] == [theirs.pk]
    assert one["results"][0]["result"] is not None  # the cards of the page are scored


def test_scorecard_filters_keep_the_same_cards_in_page_and_api(world: World, client_for: Any) -> None:
    theirs = _supplier_card(world, Visibility.INTERNAL)
    cases = {
        "supplier_lead": {
            "direction=supplier_rates_buyer": [theirs.pk],
            "direction=buyer_rates_supplier": [world.scorecard.pk],
            "visibility=internal": [theirs.pk],
            "visibility=shared&direction=supplier_rates_buyer": [],
        },
        "buyer_lead": {  # the supplier's internal card stays with the supplier
            "direction=supplier_rates_buyer": [],
            "": [world.scorecard.pk],
        },
    }
    for persona, queries in cases.items():
        client = client_for(persona)
        for query, expected in queries.items():
            shown, listed = _ids(client, world, query)
            assert shown == listed == expected, (persona, query)


@pytest.mark.parametrize(
    ("query", "field"), [("direction=sideways", "direction"), ("visibility=1", "visibility")]
)
def test_bad_scorecard_filters_are_field_errors(
    world: World, client_for: Any, query: str, field: str
) -> None:
    client = client_for("buyer_lead")
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/scorecards?{query}")
    assert api.status_code == 422 and field in {e["field"] for e in api.json()["errors"]}
    page = client.get(f"/partnerships/{world.partnership.pk}/scorecards/?{query}").content.decode()
    assert 'class="error" role="alert"' in page and "Supplier performance" in page


def test_scorecard_api_list_stays_flat_as_values_grow(world: World, client_for: Any) -> None:
    _supplier_card(world)
    days = iter(datetime.date(2025, 1, 1) + datetime.timedelta(days=7 * i) for i in range(100))

    def grow(n: int) -> None:
        for i in range(n):
            goals.measurement_add(
                actor=world.user("supplier_lead"),
                goal=world.goal_shared,
                measured_on=next(days),
                value=90 + i % 5,
            )

    client = client_for("buyer_lead")
    url = f"/api/v1/partnerships/{world.partnership.pk}/scorecards"
    assert_flat_queries(lambda: client.get(url), grow, budget=12)
