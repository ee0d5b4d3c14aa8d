"""Pages kept per reader (core.pagecache, access.pages): a repeated page is answered from the cache
with only the sign-in's own queries, and every write a reader could see — by either side, through
the services, committed — shows on their next load; nothing made for one session reaches another."""

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from concord.access.models import Membership
from concord.access.roles import Role, Visibility
from concord.commitments.services import demands
from concord.core import pagecache
from concord.notifications.services import mark_all_read
from concord.organisations.services import membership_set_role
from concord.partnerships import services as partnerships
from tests.world import World

# The sign-in's own reads (session, person, memberships) and nothing else.
SIGN_IN_QUERIES = 3


@pytest.fixture(autouse=True)
def _page_cache(settings: Any) -> Iterator[None]:
    settings.PAGE_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _pages(world: World) -> list[str]:
    p = world.partnership.pk
    return [
        "/",
        "/home/",
        f"/partnerships/{p}/",
        f"/partnerships/{p}/goals/",
        f"/partnerships/{p}/demands/",
        f"/partnerships/{p}/commitments/",
        f"/partnerships/{p}/meetings/",
        f"/partnerships/{p}/lifecycle/",
        f"/partnerships/{p}/insight/",
        f"/partnerships/{p}/governance/",
        f"/partnerships/{p}/risks/",
        "/selection/needs/",
        f"/partnerships/{p}/reviews/",
        f"/partnerships/{p}/health/",
        f"/partnerships/{p}/issues/",
        f"/partnerships/{p}/surveys/",
    ]


def _load(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("index", range(16))
def test_a_page_loaded_again_is_answered_with_the_sign_ins_queries_only(
    world: World, client_for: Callable[[str], Client], index: int
) -> None:
    url = _pages(world)[index]
    client = client_for("buyer_lead")
    first, made = _load(client, url)
    again, replayed = _load(client, url)
    assert again == first
    assert replayed <= SIGN_IN_QUERIES < made


def test_off_it_serves_nothing_twice(
    world: World, client_for: Callable[[str], Client], settings: Any
) -> None:
    settings.PAGE_CACHE = False
    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/demands/"
    _, made = _load(client, url)
    assert _load(client, url)[1] == made


@pytest.mark.parametrize("index", range(16))
def test_a_write_by_the_other_side_shows_on_the_next_load(
    world: World,
    client_for: Callable[[str], Client],
    django_capture_on_commit_callbacks: Any,
    index: int,
) -> None:
    url = _pages(world)[index]
    client = client_for("buyer_lead")
    _load(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(
            actor=world.user("supplier_lead"), partnership=world.partnership, title="Quarterly volumes please"
        )
        partnerships.note_create(
            actor=world.user("supplier_lead"), partnership=world.partnership, body="Fresh shared note"
        )
    assert _load(client, url)[1] > SIGN_IN_QUERIES, "made anew, not replayed"


def test_the_new_demand_is_listed_after_the_write(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/demands/"
    assert "Quarterly volumes please" not in _load(client, url)[0]
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(
            actor=world.user("supplier_lead"), partnership=world.partnership, title="Quarterly volumes please"
        )
    assert "Quarterly volumes please" in _load(client, url)[0]


def test_a_shared_risk_raised_by_the_supplier_is_in_the_buyers_register_at_once(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    from concord.risks import services as risks

    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/risks/"
    assert "Resin shortage in Q2" not in _load(client, url)[0]
    supplier = world.user("supplier_lead")
    with django_capture_on_commit_callbacks(execute=True):
        risks.risk_create(
            actor=supplier,
            partnership=world.partnership,
            title="Resin shortage in Q2",
            owner_person_id=supplier.pk,
        )
    assert "Resin shortage in Q2" in _load(client, url)[0]


def test_a_write_not_yet_committed_retires_nothing_and_its_commit_does(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    """The version changes after the commit: a page made before it may be stored, never served after."""
    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/"
    _load(client, url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        partnerships.note_create(
            actor=world.user("supplier_lead"), partnership=world.partnership, body="Pending"
        )
    assert "Pending" not in _load(client, url)[0]  # still the stored page: nothing committed yet
    for callback in callbacks:
        callback()
    assert "Pending" in _load(client, url)[0]


def test_one_sides_stored_page_never_reaches_the_other(
    world: World, client_for: Callable[[str], Client]
) -> None:
    url = f"/partnerships/{world.partnership.pk}/"
    buyer_page = _load(client_for("buyer_lead"), url)[0]
    assert world.buyer_internal.body in buyer_page
    supplier_page, made = _load(client_for("supplier_lead"), url)
    assert made > SIGN_IN_QUERIES
    assert world.buyer_internal.body not in supplier_page
    assert world.supplier_internal.body in supplier_page


def test_each_session_has_its_own_pages(world: World, client_for: Callable[[str], Client]) -> None:
    """Two sign-ins of one person: forms carry each session's CSRF secret, so pages are not shared."""
    url = f"/partnerships/{world.partnership.pk}/demands/"
    _load(client_for("buyer_lead"), url)
    assert _load(client_for("buyer_lead"), url)[1] > SIGN_IN_QUERIES


def test_a_role_change_shows_at_once(world: World, client_for: Callable[[str], Client]) -> None:
    """Roles are in the key: a viewer made member gets the forms without waiting for the page to age."""
    client = client_for("buyer_viewer")
    url = f"/partnerships/{world.partnership.pk}/demands/"
    before = _load(client, url)[0]
    membership = Membership.unscoped.get(pk=world.viewer_membership.pk)
    membership_set_role(actor=world.user("buyer_lead"), membership=membership, role=Role.MEMBER)
    after, made = _load(client, url)
    assert made > SIGN_IN_QUERIES
    assert after != before


def test_a_flash_message_is_shown_once_and_never_stored(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/"
    _load(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            f"{url}notes/", {"body": "Posted from the page", "visibility": Visibility.SHARED}
        )
    assert posted.status_code == 302
    shown = _load(client, url)[0]
    assert "Note posted." in shown and "Posted from the page" in shown
    assert "Note posted." not in _load(client, url)[0]


def test_reading_notifications_updates_the_headers_count(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for("buyer_lead")
    url = f"/partnerships/{world.partnership.pk}/goals/"
    _load(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_all_read(actor=world.user("buyer_lead")) >= 1
    assert _load(client, url)[1] > SIGN_IN_QUERIES


def _waiting(html: str) -> int:
    found = re.search(r'aria-label="(\d+) waiting on you"', html)
    return int(found.group(1)) if found else 0


def _counted(client: Client, url: str) -> tuple[int, bool]:
    """The header's count on a page, and whether the page counted it (its one UNION ALL query)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return _waiting(response.content.decode()), any("UNION ALL" in q["sql"] for q in queries)


def test_the_headers_count_is_kept_for_the_next_page_and_follows_a_write(
    world: World, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    """The next page a person opens is made anew, but what waits on them is not counted again; a
    demand the other side raises for them shows in the count on the page after."""
    client = client_for("buyer_lead")
    p = world.partnership.pk
    waiting, counted = _counted(client, f"/partnerships/{p}/goals/")
    assert counted
    assert _counted(client, f"/partnerships/{p}/meetings/") == (waiting, False)
    with django_capture_on_commit_callbacks(execute=True):
        demands.demand_raise(actor=world.user("supplier_lead"), partnership=world.partnership, title="Vol")
    assert _counted(client, f"/partnerships/{p}/agreements/") == (waiting + 1, True)
    other = client_for("supplier_lead")  # another reader's count is their own
    assert _counted(other, f"/partnerships/{p}/agreements/")[1]


def test_versions_are_fresh_for_a_new_name_and_change_when_bumped(settings: Any) -> None:
    first = pagecache.versions(["org:1", "person:2"])
    assert pagecache.versions(["org:1", "person:2"]) == first
    pagecache.bump(["org:1"])
    again = pagecache.versions(["org:1", "person:2"])
    assert again[0] != first[0] and again[1] == first[1]
    settings.PAGE_CACHE = False
    pagecache.bump(["person:2"])  # off: no writes to the cache at all
    assert pagecache.versions(["person:2"]) == [first[1]]


# ---- the API ------------------------------------------------------------------------------------


def _api_pages(world: World) -> list[str]:
    p = world.partnership.pk
    return [
        "/api/v1/partnerships",
        *(
            f"/api/v1/partnerships/{p}/{kind}"
            for kind in (
                *("goals", "notes", "commitments", "meetings", "demands", "risks", "decisions"),
                *("issues", "segmentations", "proposals", "reviews", "surveys", "health"),
            )
        ),
        "/api/v1/selection/needs",
        "/api/v1/portfolio?sort=-health",
    ]


def _call(client: Client, url: str, secret: str) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200, url
    return response.json(), len(queries)


@pytest.mark.parametrize("index", range(16))
def test_an_api_list_called_again_is_answered_with_the_tokens_queries_only(
    world: World, index: int, django_capture_on_commit_callbacks: Any
) -> None:
    url, client = _api_pages(world)[index], Client()
    first, made = _call(client, url, world.lead_secret)
    again, replayed = _call(client, url, world.lead_secret)
    assert again == first
    assert replayed < made
    with django_capture_on_commit_callbacks(execute=True):
        partnerships.note_create(
            actor=world.user("supplier_lead"), partnership=world.partnership, body="Fresh shared note"
        )
    assert _call(client, url, world.lead_secret)[1] > replayed, "made anew after the other side wrote"


def test_a_kept_api_answer_is_the_tokens_own(world: World, client_for: Callable[[str], Client]) -> None:
    """The browser session of the same person gets its own answer, and the other side theirs."""
    url = f"/api/v1/partnerships/{world.partnership.pk}/notes"
    bodies = [n["body"] for n in _call(Client(), url, world.lead_secret)[0]["results"]]
    assert world.buyer_internal.body in bodies
    supplier = client_for("supplier_lead").get(url).json()
    assert world.buyer_internal.body not in [n["body"] for n in supplier["results"]]


def test_a_revoked_token_is_refused_though_its_answer_was_kept(world: World) -> None:
    from concord.accounts.services import token_revoke

    url = f"/api/v1/partnerships/{world.partnership.pk}/notes"
    _call(Client(), url, world.lead_secret)
    token_revoke(actor=world.user("buyer_lead"), token=world.lead_token)
    answer = Client().get(url, headers={"Authorization": f"Bearer {world.lead_secret}"})
    assert answer.status_code == 401


def test_an_anonymous_survey_answer_counts_in_the_kept_list_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """A survey answer is audited without its actor (it is sealed): it still retires the list."""
    from concord.reviews.services import survey

    round_ = survey.round_open(actor=world.user("buyer_lead"), round_=world.survey_round, version=None)
    url = f"/api/v1/partnerships/{world.partnership.pk}/surveys"

    def answered() -> int:
        rows = _call(Client(), url, world.lead_secret)[0]["results"]
        return next(r["answered"] for r in rows if r["id"] == round_.pk)

    assert answered() == 0
    answers = {key: {"is": 4, "other": 3} for key in round_.keys}
    with django_capture_on_commit_callbacks(execute=True):
        survey.response_save(actor=world.user("supplier_lead"), round_=round_, answers=answers)
    assert answered() == 1


def test_an_issue_raised_by_the_supplier_is_in_the_buyers_kept_issue_list_at_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    from concord.governance.services import issues

    url = f"/api/v1/partnerships/{world.partnership.pk}/issues"

    def titles() -> list[str]:
        return [i["title"] for i in _call(Client(), url, world.lead_secret)[0]["results"]]

    assert "Late pallets at Lyon" not in titles()
    with django_capture_on_commit_callbacks(execute=True):
        issues.issue_raise(
            actor=world.user("supplier_lead"),
            partnership=world.partnership,
            title="Late pallets at Lyon",
            description="Three deliveries this month.",
            severity="high",
        )
    assert "Late pallets at Lyon" in titles()
