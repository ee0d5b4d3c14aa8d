"""Agreements, their clauses, the traceability matrix's rows and the positions on a clause as lists:
one page of rows however many there are, the same filter giving the same rows in the page and the
API, bad filter values answered as field errors (never a 500), and query counts that stay flat."""

import re
from typing import Any

import pytest

from concord.agreements import services
from concord.vision.services import document
from tests.guards import assert_bounded_rows, assert_flat_queries
from tests.world import World

ERROR = 'class="error" role="alert"'


def row_ids(html: str, link: str) -> list[int]:
    """The ids a page's rows (elements marked `data-row`) link to, in order."""
    pattern = re.compile(rf'href="{re.escape(link)}(\d+)/"')
    return [int(m.group(1)) for row in html.split("data-row")[1:] if (m := pattern.search(row))]


def _objective(world: World, title: str = "Secure supply") -> Any:
    from concord.vision.services.document import current_revision, document_for

    base = current_revision(document_for(world.partnership))
    return document.objective_add(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        base=base.number if base else None,
        title=title,
    )


def _grow_agreements(world: World) -> Any:
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            services.agreement_create(
                actor=world.user("supplier_lead"), partnership=world.partnership, title=f"SoW {next(counter)}"
            )

    return grow


def _grow_clauses(world: World) -> Any:
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            services.clause_add(
                actor=world.user("buyer_lead"),
                agreement=world.agreement,
                number=f"{i + 10}",
                heading=f"Term {i}",
            )

    return grow


def _grow_positions(world: World) -> Any:
    counter = iter(range(1000))

    def grow(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            persona = "supplier_member" if i % 2 else "buyer_lead"
            services.note_add(actor=world.user(persona), clause=world.clause, body=f"Position {i}")

    return grow


LISTS = [
    ("/partnerships/{p}/agreements/", _grow_agreements),
    ("/api/v1/partnerships/{p}/agreements", _grow_agreements),
    ("/agreements/{a}/", _grow_clauses),
    ("/api/v1/agreements/{a}/clauses", _grow_clauses),
    ("/agreements/{a}/traceability/", _grow_clauses),
    ("/api/v1/agreements/{a}/traceability", _grow_clauses),
    ("/clauses/{c}/", _grow_positions),
    ("/api/v1/clauses/{c}/notes", _grow_positions),
]


@pytest.mark.parametrize(("url", "grower"), LISTS, ids=[url for url, _ in LISTS])
def test_every_agreement_list_answers_one_page(world: World, client_for: Any, url: str, grower: Any) -> None:
    _objective(world)  # the matrix shows its rows under at least one objective
    client = client_for("supplier_member")
    target = url.format(p=world.partnership.pk, a=world.agreement.pk, c=world.clause.pk)
    assert_bounded_rows(lambda: client.get(target), grower(world))


def _both(
    client: Any, page_url: str, api_url: str, query: str, link: str, key: str
) -> tuple[list[int], list[int]]:
    page = client.get(f"{page_url}?{query}")
    api = client.get(f"{api_url}?{query}")
    assert page.status_code == 200 and api.status_code == 200, (query, api.content)
    return row_ids(page.content.decode(), link), [row[key] for row in api.json()["results"]]


def test_agreement_filters_keep_the_same_agreements_in_page_and_api(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    mou = services.agreement_create(
        actor=lead, partnership=world.partnership, kind="mou", title="Innovation MoU", reference="MOU-7"
    )
    sow = services.agreement_create(actor=lead, partnership=world.partnership, kind="sow", title="Pilot line")
    services.agreement_move(
        actor=lead,
        agreement=sow,
        to="negotiation",
        version=None,
        override_reason="Pilot starts before the vision.",
    )
    client = client_for("supplier_member")
    urls = (
        f"/partnerships/{world.partnership.pk}/agreements/",
        f"/api/v1/partnerships/{world.partnership.pk}/agreements",
    )
    cases = {
        "": [sow.pk, mou.pk, world.agreement.pk],  # newest first
        "kind=mou": [mou.pk],
        "status=negotiation": [sow.pk],
        "status=drafting&kind=contract": [world.agreement.pk],
        "q=mou-7": [mou.pk],
        "q=pilot&status=signed": [],
    }
    for query, expected in cases.items():
        page, api = _both(client, *urls, query, "/agreements/", "id")
        assert page == api == expected, query


def test_clause_filters_keep_the_same_clauses_in_page_api_and_matrix(world: World, client_for: Any) -> None:
    lead, supplier = world.user("buyer_lead"), world.user("supplier_member")
    objective = _objective(world, "Lower cost")
    price = services.clause_add(
        actor=lead, agreement=world.agreement, number="3", heading="Price review", text="Yearly."
    )
    term = services.clause_add(
        actor=lead, agreement=world.agreement, number="2", heading="Term", text="Three years."
    )
    services.clause_update(actor=supplier, clause=price, version=None, negotiation_status="disputed")
    services.clause_update(
        actor=lead, clause=term, version=None, objective_ids=[objective.pk], negotiation_status="agreed"
    )
    a = world.agreement.pk
    client = client_for("supplier_lead")
    cases = {
        "": [world.clause.pk, price.pk, term.pk],  # by position: the order they were added
        "negotiation_status=disputed": [price.pk],
        "negotiation_status=open": [world.clause.pk],
        "orphan=true": [world.clause.pk, price.pk],
        "orphan=false": [term.pk],
        "q=YEARS": [term.pk],
        "q=review&orphan=true": [price.pk],
    }
    for query, expected in cases.items():
        page, api = _both(
            client, f"/agreements/{a}/", f"/api/v1/agreements/{a}/clauses", query, "/clauses/", "id"
        )
        assert page == api == expected, query
        rows, matrix = _both(
            client,
            f"/agreements/{a}/traceability/",
            f"/api/v1/agreements/{a}/traceability",
            query,
            "/clauses/",
            "clause_id",
        )
        assert rows == matrix == expected, f"matrix {query}"


def test_the_matrix_keeps_every_column_and_the_whole_agreements_summary(
    world: World, client_for: Any
) -> None:
    """A page of rows, under all the objectives, and the summary counts every clause."""
    first, second = _objective(world, "Secure supply"), _objective(world, "Lower cost")
    _grow_clauses(world)(30)
    client = client_for("buyer_viewer")
    url = f"/api/v1/agreements/{world.agreement.pk}/traceability"
    matrix = client.get(f"{url}?limit=5&offset=25").json()
    assert matrix["count"] == 31 and len(matrix["results"]) == 5
    assert [o["id"] for o in matrix["objectives"]] == [first.pk, second.pk]
    assert [o["id"] for o in matrix["uncovered_objectives"]] == [first.pk, second.pk]
    assert matrix["orphan_count"] == 31 and all(r["orphan"] for r in matrix["results"])
    page = client.get(f"/agreements/{world.agreement.pk}/traceability/?page=2").content.decode()
    assert page.count("data-row") == 6 and "31 orphan clauses in this agreement." in page
    assert 'aria-label="does not support O2"' in page.split("data-row")[-1]
    detail = client.get(f"/agreements/{world.agreement.pk}/").content.decode()
    assert "31 clauses support no objective of the vision." in detail


def test_position_filters_keep_the_same_positions_in_page_and_api(world: World, client_for: Any) -> None:
    clause = world.clause
    ours = services.note_add(
        actor=world.user("buyer_lead"), clause=clause, body="We can live with two years."
    )
    theirs = services.note_add(
        actor=world.user("supplier_member"), clause=clause, body="Three years, or no deal."
    )
    hidden = world.clause_internal  # the buyer's internal fallback
    urls = (f"/clauses/{clause.pk}/", f"/api/v1/clauses/{clause.pk}/notes")
    cases = {
        "buyer_viewer": {
            "": [hidden.pk, ours.pk, theirs.pk],  # in the order they were stated
            "visibility=internal": [hidden.pk],
            f"owner={world.supplier.pk}": [theirs.pk],
            "q=years": [ours.pk, theirs.pk],
        },
        "supplier_lead": {
            "": [ours.pk, theirs.pk],
            "visibility=internal": [],
            f"owner={world.buyer.pk}": [ours.pk],
        },
    }
    for persona, queries in cases.items():
        client = client_for(persona)
        for query, expected in queries.items():
            page = client.get(f"{urls[0]}?{query}").content.decode()
            shown = [int(pk) for pk in re.findall(r'id="position-(\d+)" data-row', page)]
            listed = [n["id"] for n in client.get(f"{urls[1]}?{query}").json()["results"]]
            assert shown == listed == expected, (persona, query)


BAD = [
    ("/partnerships/{p}/agreements/", "/api/v1/partnerships/{p}/agreements", "status=signed-ish", "status"),
    ("/partnerships/{p}/agreements/", "/api/v1/partnerships/{p}/agreements", "kind=nda", "kind"),
    ("/partnerships/{p}/agreements/", "/api/v1/partnerships/{p}/agreements", "q=" + "x" * 101, "q"),
    (
        "/agreements/{a}/",
        "/api/v1/agreements/{a}/clauses",
        "negotiation_status=stalled",
        "negotiation_status",
    ),
    (
        "/agreements/{a}/traceability/",
        "/api/v1/agreements/{a}/traceability",
        "negotiation_status=1",
        "negotiation_status",
    ),
    ("/agreements/{a}/", "/api/v1/agreements/{a}/clauses", "orphan=maybe", "orphan"),
    ("/clauses/{c}/", "/api/v1/clauses/{c}/notes", "visibility=public", "visibility"),
    ("/clauses/{c}/", "/api/v1/clauses/{c}/notes", "owner=buyer", "owner"),
    ("/clauses/{c}/", "/api/v1/clauses/{c}/notes", "owner=-3", "owner"),
]


@pytest.mark.parametrize(
    ("page_url", "api_url", "query", "field"), BAD, ids=[f"{b[1]}?{b[2][:30]}" for b in BAD]
)
def test_bad_filters_are_field_errors(
    world: World, client_for: Any, page_url: str, api_url: str, query: str, field: str
) -> None:
    _objective(world)
    ids = {"p": world.partnership.pk, "a": world.agreement.pk, "c": world.clause.pk}
    client = client_for("buyer_lead")
    api = client.get(f"{api_url.format(**ids)}?{query}")
    assert api.status_code == 422
    assert field in {e["field"] for e in api.json()["errors"]}
    page = client.get(f"{page_url.format(**ids)}?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "[invalid name]" not in html
    if field != "orphan":  # the page's select offers no other value
        assert ERROR in html, query


@pytest.mark.parametrize(("url", "budget"), [("/clauses/{c}/", 24), ("/api/v1/clauses/{c}/notes", 8)])
def test_position_reads_stay_flat(world: World, client_for: Any, url: str, budget: int) -> None:
    client = client_for("supplier_lead")
    target = url.format(c=world.clause.pk)
    assert_flat_queries(lambda: client.get(target), _grow_positions(world), budget=budget)
