"""The vision's lists — submission rounds, a round's submissions, the comments, the revisions —
filtered and paged alike on the pages and in the API: one page of rows however long a list grows,
the same filter giving the same rows, invalid filter values answered as field errors, and a flat
query count. The vision page keeps the comments grouped by section but shows only a few of each."""

import re
from collections.abc import Callable
from typing import Any

import pytest

from concord.access.roles import Visibility
from concord.invitations import services as invitations
from concord.vision import selectors, services
from concord.vision.models import COMMENT_SECTIONS, RoundStatus, SubmissionRound, VisionRevision
from concord.vision.services import comments, document
from concord.vision.views.home import COMMENTS_PER_SECTION
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.organisations.rows import row_texts, same_rows, section
from tests.vision.test_rounds import SUPPLIER_ANSWERS
from tests.world import BUYER_ANSWERS, World, make_user

SECTION_KEYS = [key for key, _ in COMMENT_SECTIONS]


# ---- growing the lists through the services ----------------------------------------------------


def _answer(actor: Any, round_: SubmissionRound, answers: dict[str, Any]) -> None:
    mine = selectors.submission_mine(actor=actor, round_=round_)
    saved = services.submission_save(
        actor=actor, round_=round_, version=mine.version if mine else None, **answers
    )
    services.submission_submit(actor=actor, submission=saved, version=saved.version)


def _complete_round(world: World, suppliers: list[Any]) -> SubmissionRound:
    """Every party answers the open round; it is revealed and the next one opened."""
    lead = world.user("buyer_lead")
    round_ = SubmissionRound.unscoped.get(partnership=world.partnership, status=RoundStatus.OPEN)
    _answer(lead, round_, BUYER_ANSWERS)
    for person in [world.user("supplier_lead"), *suppliers]:
        _answer(person, round_, SUPPLIER_ANSWERS)
    services.round_reveal(actor=lead, round_=round_)
    services.round_open(actor=lead, partnership=world.partnership)
    return round_


def _rounds(world: World) -> Callable[[int], None]:
    def grow(n: int) -> None:
        for _ in range(n):
            _complete_round(world, [])

    return grow


class _Parties:
    """More supplier organisations join the partnership; each grow completes a round with all of
    them, so the latest revealed round has one submission per party."""

    def __init__(self, world: World) -> None:
        self.world, self.suppliers, self.revealed = world, list[Any](), None

    def grow(self, n: int) -> None:
        for _ in range(n):
            i = len(self.suppliers)
            invitation = invitations.invite_partner(
                actor=self.world.user("buyer_lead"),
                partnership=self.world.partnership,
                email=f"kam{i:03}@s.test",
                supplier_name=f"Supplier {i:03}",
            )
            person = make_user(f"kam{i:03}@s.test", f"Kam {i:03}")
            invitations.invitation_accept(actor=person, invitation=invitation)
            self.suppliers.append(person)
        self.revealed = _complete_round(self.world, self.suppliers)


def _comments(world: World) -> Callable[[int], None]:
    """Comments on every section in turn, from both sides, shared and internal."""
    counter = iter(range(10_000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            comments.comment_add(
                actor=world.user("buyer_lead" if i % 2 else "supplier_lead"),
                partnership=world.partnership,
                section=SECTION_KEYS[i % len(SECTION_KEYS)],
                body=f"Remark {i:03}",
                visibility=Visibility.INTERNAL if i % 3 == 2 else Visibility.SHARED,
            )

    return grow


def _revisions(world: World) -> Callable[[int], None]:
    def grow(n: int) -> None:
        for _ in range(n):
            latest = VisionRevision.unscoped.filter(document__partnership=world.partnership)
            base = latest.order_by("-number").values_list("number", flat=True).first()
            document.vision_edit(
                actor=world.user("supplier_lead"),
                partnership=world.partnership,
                base=base,
                sections={"purpose": f"Secure supply, take {base}"},
            )

    return grow


def _round_numbers(response: Any) -> list[int]:
    return [int(re.search(r"Round (\d+)", row)[1]) for row in row_texts(response)]  # type: ignore[index]


# ---- rounds ------------------------------------------------------------------------------------


def test_rounds_are_read_in_pages(world: World, client_for: Any) -> None:
    client = client_for("supplier_member")
    vision = f"/partnerships/{world.partnership.pk}/vision/"
    assert_bounded_rows(lambda: section(client.get(vision), "rounds"), _rounds(world))
    api = client.get(f"/api/v1/partnerships/{world.partnership.pk}/vision/rounds").json()
    assert len(api["results"]) == api["limit"] and api["count"] == 53  # the world's, and 52 more
    assert [r["number"] for r in api["results"][:2]] == [53, 52]  # latest first
    assert api["results"][0]["parties"] == [
        {"organisation": "Buyer Co", "side": "buyer", "submitted": False},
        {"organisation": "Supplier Co", "side": "supplier", "submitted": False},
    ]
    assert all(p["submitted"] for r in api["results"][1:] for p in r["parties"])


def test_round_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    _rounds(world)(3)
    client = client_for("buyer_viewer")
    pk = world.partnership.pk
    for status, numbers in (("open", [4]), ("revealed", [3, 2, 1])):
        page = section(client.get(f"/partnerships/{pk}/vision/?status={status}"), "rounds")
        api = client.get(f"/api/v1/partnerships/{pk}/vision/rounds?status={status}").json()
        assert _round_numbers(page) == [r["number"] for r in api["results"]] == numbers


def test_rounds_query_count_is_flat(world: World, client_for: Any) -> None:
    """Whether each party has submitted is read for a whole page of rounds at once."""
    client = client_for("buyer_lead")
    api = f"/api/v1/partnerships/{world.partnership.pk}/vision/rounds"
    assert_flat_queries(lambda: client.get(api), _rounds(world), budget=10, step=2)
    vision = f"/partnerships/{world.partnership.pk}/vision/?status=revealed"
    assert_flat_queries(lambda: client.get(vision), _rounds(world), budget=30, step=2)


# ---- a round's submissions ---------------------------------------------------------------------


def test_submissions_are_read_in_pages(world: World, client_for: Any) -> None:
    parties = _Parties(world)
    client = client_for("supplier_member")

    def answers() -> Any:
        assert parties.revealed is not None
        return section(client.get(f"/vision/rounds/{parties.revealed.pk}/"), "answers")

    assert_bounded_rows(answers, parties.grow)
    assert parties.revealed is not None
    api = client.get(f"/api/v1/vision/rounds/{parties.revealed.pk}/submissions").json()
    assert len(api["results"]) == api["limit"] and api["count"] == 2 + 52  # one per party


def test_submission_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    parties = _Parties(world)
    parties.grow(3)
    assert parties.revealed is not None
    client = client_for("buyer_lead")
    url = f"/vision/rounds/{parties.revealed.pk}"
    names = same_rows(
        section(client.get(f"{url}/?q=supplier 00"), "answers"),
        client.get(f"/api/v1{url}/submissions?q=supplier 00"),
        "organisation",
    )
    assert names == ["Supplier 000", "Supplier 001", "Supplier 002"]  # by organisation


def test_submissions_query_count_is_flat(world: World, client_for: Any) -> None:
    parties = _Parties(world)
    client = client_for("buyer_lead")

    def fetch(where: str) -> Callable[[], Any]:
        assert parties.revealed is not None
        return lambda: client.get(where.format(r=parties.revealed.pk))  # type: ignore[union-attr]

    parties.grow(1)
    assert_flat_queries(
        lambda: fetch("/api/v1/vision/rounds/{r}/submissions")(), parties.grow, budget=8, step=2
    )
    assert_flat_queries(lambda: fetch("/vision/rounds/{r}/?q=supplier")(), parties.grow, budget=30, step=2)


def test_submissions_stay_blind_in_the_api_until_revealed(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    url = f"/api/v1/vision/rounds/{world.round.pk}/submissions"
    assert client.get(url).json()["count"] == 0
    assert client.get(f"{url}?q=buyer").json()["count"] == 0  # a search reveals nothing either


# ---- comments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/partnerships/{p}/vision/comments/", "/api/v1/partnerships/{p}/vision/comments"]
)
def test_comments_are_read_in_pages(world: World, client_for: Any, url: str) -> None:
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk)
    assert_bounded_rows(lambda: client.get(target), _comments(world))


def test_vision_page_shows_a_few_comments_per_section_and_links_to_the_rest(
    world: World, client_for: Any
) -> None:
    """Five sections, five comments each at most: the vision page never shows more than a page of
    comments, however many there are; each section links to all of its own."""
    client = client_for("buyer_lead")
    vision = f"/partnerships/{world.partnership.pk}/vision/"
    assert COMMENTS_PER_SECTION * len(COMMENT_SECTIONS) == 25
    assert_bounded_rows(lambda: section(client.get(vision), "vision-document"), _comments(world))
    page = client.get(vision).content.decode()
    api = f"/api/v1/partnerships/{world.partnership.pk}/vision/comments"
    for key in SECTION_KEYS:
        count = client.get(f"{api}?section={key}").json()["count"]
        link = (
            f'href="/partnerships/{world.partnership.pk}/vision/comments/?section={key}">All {count} comments'
        )
        assert link in page


def test_the_vision_page_shows_the_latest_open_comments_first(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    made = [
        comments.comment_add(actor=lead, partnership=world.partnership, section="principles", body=f"P{i}")
        for i in range(7)
    ]
    comments.comment_resolve(actor=lead, comment=made[6], version=None)  # the latest, but resolved
    shown = section(
        client_for("buyer_lead").get(f"/partnerships/{world.partnership.pk}/vision/"), "vision-document"
    )
    principles = [m[1] for row in row_texts(shown) if (m := re.search(r"\bP(\d)\b", row))]
    assert principles == ["5", "4", "3", "2", "1"]  # P6 is resolved, P0 the oldest: on the comments page


def test_comment_filter_is_the_same_in_page_and_api(world: World, client_for: Any) -> None:
    _comments(world)(20)
    lead = world.user("buyer_lead")
    theirs = selectors.comments_for(actor=lead, partnership=world.partnership).get(body="Remark 006")
    comments.comment_resolve(actor=lead, comment=theirs, version=None)
    client = client_for("buyer_lead")
    pk = world.partnership.pk

    def both(query: str) -> list[str]:
        return same_rows(
            client.get(f"/partnerships/{pk}/vision/comments/?{query}"),
            client.get(f"/api/v1/partnerships/{pk}/vision/comments?{query}"),
            "body",
        )

    # Every third remark is internal: the buyer reads its own (odd numbers), not the supplier's.
    assert both("visibility=internal&section=outcomes") == ["Remark 011"]
    assert both("section=outcomes") == ["Remark 001", "Remark 006", "Remark 011", "Remark 016"]
    assert both("section=outcomes&resolved=false") == ["Remark 001", "Remark 011", "Remark 016"]
    assert both("resolved=true") == ["Remark 006"]
    everything = client.get(f"/api/v1/partnerships/{pk}/vision/comments?limit=200").json()["results"]
    order = [SECTION_KEYS.index(c["section"]) for c in everything]
    assert order == sorted(order)  # grouped by section, in the order of the document
    bodies = {c["body"] for c in everything}
    assert "Remark 005" in bodies and not {"Remark 002", "Remark 008", "Remark 014"} & bodies


@pytest.mark.parametrize(
    ("api", "page", "field"),
    [
        (
            "/partnerships/{p}/vision/comments?section=appendix",
            "/partnerships/{p}/vision/comments/",
            "section",
        ),
        (
            "/partnerships/{p}/vision/comments?visibility=secret",
            "/partnerships/{p}/vision/comments/",
            "visibility",
        ),
        ("/partnerships/{p}/vision/comments?resolved=maybe", None, "resolved"),
        ("/partnerships/{p}/vision/rounds?status=closed", "/partnerships/{p}/vision/", "status"),
        ("/vision/rounds/{r}/submissions?q=" + "x" * 101, "/vision/rounds/{r}/", "q"),
    ],
)
def test_invalid_filter_values_are_field_errors(
    world: World, client_for: Any, api: str, page: str | None, field: str
) -> None:
    _complete_round(world, [])  # the world's round, revealed: its page shows the answers' filter
    client = client_for("supplier_lead")
    ids = {"p": world.partnership.pk, "r": world.round.pk}
    answer = client.get("/api/v1" + api.format(**ids))
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == field
    if page is not None:  # the same value on the page: a field error, never a 500
        shown = client.get(page.format(**ids) + "?" + api.split("?", 1)[1])
        assert shown.status_code == 200 and 'class="error" role="alert"' in shown.content.decode()


def test_comments_page_is_the_vision_tabs_and_private(world: World, client_for: Any) -> None:
    url = f"/partnerships/{world.partnership.pk}/vision/comments/"
    assert client_for("outsider").get(url).status_code == 404
    assert "/account/login/" in client_for("anon").get(url)["Location"]
    supplier = client_for("supplier_member").get(url).content.decode()
    assert world.comment_internal.body not in supplier
    assert world.comment_internal.body in client_for("buyer_viewer").get(url).content.decode()


def test_resolving_on_the_comments_page_returns_to_it(world: World, client_for: Any) -> None:
    back = f"/partnerships/{world.partnership.pk}/vision/comments/?section=purpose"
    answer = client_for("buyer_lead").post(
        f"/vision/comments/{world.comment_internal.pk}/resolve/",
        {"version": "1", "resolved": "1", "next": back},
    )
    assert answer["Location"] == f"{back}#comment-{world.comment_internal.pk}"
    elsewhere = client_for("buyer_lead").post(
        f"/vision/comments/{world.comment_internal.pk}/resolve/",
        {"version": "2", "resolved": "0", "next": "//evil.test/"},
    )
    assert elsewhere["Location"].startswith(f"/partnerships/{world.partnership.pk}/vision/#section-")


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/partnerships/{p}/vision/", 30),
        ("/partnerships/{p}/vision/comments/?visibility=shared", 20),
        ("/api/v1/partnerships/{p}/vision/comments?section=purpose", 10),
    ],
)
def test_comments_query_count_is_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("supplier_lead")
    target = url.format(p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), _comments(world), budget=budget)


# ---- revisions ---------------------------------------------------------------------------------


def test_revisions_are_read_in_pages_on_the_revisions_page(world: World, client_for: Any) -> None:
    client = client_for("buyer_viewer")
    revisions = f"/partnerships/{world.partnership.pk}/vision/diff/"
    assert_bounded_rows(lambda: section(client.get(revisions), "revisions"), _revisions(world))
    listed = row_texts(section(client.get(revisions), "revisions"))
    assert listed[0].startswith("Revision 53 by Sol Supplier") and "changes from 52" in listed[0]
    vision = client.get(f"/partnerships/{world.partnership.pk}/vision/").content.decode()
    assert "Revision 53 is the latest of 53" in vision and "Revision 52 by" not in vision


def test_a_change_is_shown_above_the_revisions(world: World, client_for: Any) -> None:
    _revisions(world)(2)
    page = client_for("supplier_member").get(
        f"/partnerships/{world.partnership.pk}/vision/diff/?old=2&new=3&page=1"
    )
    changes = section(page, "changes").content.decode()
    assert "Changes from revision 2 to 3" in changes and "+Secure supply, take 2" in changes
    assert 'href="?old=1&amp;new=2&amp;page=1"' in page.content.decode()  # the list keeps its page
    bad = client_for("supplier_member").get(f"/partnerships/{world.partnership.pk}/vision/diff/?old=x")
    assert bad.status_code == 200 and "Choose two revision numbers." in bad.content.decode()


@pytest.mark.parametrize("url", ["/partnerships/{p}/vision/", "/partnerships/{p}/vision/diff/"])
def test_revisions_query_count_is_flat(world: World, client_for: Any, url: str) -> None:
    """The vision page reads only the current revision, however many there are."""
    client = client_for("buyer_lead")
    target = url.format(p=world.partnership.pk)
    assert_flat_queries(lambda: client.get(target), _revisions(world), budget=30)
