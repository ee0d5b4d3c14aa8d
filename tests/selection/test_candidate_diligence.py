"""Due diligence on a candidate before it is chosen: the checklist lifecycle keeps on a supplier
organisation, reached from the need's candidate row with its figures, internal to the buyer — the
candidate organisation reads none of it, by page or API."""

from typing import Any

import pytest
from django.utils import timezone

from concord.core.errors import ValidationFailed
from concord.lifecycle.models import DiligenceItem
from concord.lifecycle.services import diligence
from concord.selection import selectors, services
from tests.world import World


def test_every_existing_candidate_can_be_vetted_and_only_those(world: World) -> None:
    lead = world.user("buyer_lead")
    known = selectors.known_suppliers(actor=lead, need=world.need)
    assert world.candidate.organisation_id in {row[0] for row in known}
    made = diligence.diligence_start(actor=lead, owner=world.buyer, supplier=world.candidate.organisation)
    assert "Sanctions screening" in {i.title for i in made}
    # An organisation that could not be named a candidate cannot be vetted either.
    with pytest.raises(ValidationFailed):
        services.candidate_add(actor=lead, need=world.need, organisation_id=world.other.pk)
    with pytest.raises(ValidationFailed):
        diligence.item_create(actor=lead, owner=world.buyer, supplier=world.other, title="Screening")


def test_the_candidate_row_links_to_its_due_diligence_with_its_figures(world: World, client_for: Any) -> None:
    lead = world.user("buyer_lead")
    diligence.diligence_start(actor=lead, owner=world.buyer, supplier=world.candidate.organisation)
    items = DiligenceItem.unscoped.filter(owner=world.buyer, supplier=world.supplier).count()
    page = client_for("buyer_viewer").get(f"/selection/needs/{world.need.pk}/")
    html = page.content.decode()
    link = f"/organisations/{world.buyer.pk}/due-diligence/{world.supplier.pk}/"
    assert f'href="{link}" data-diligence' in html
    assert f"{items} items" in html
    assert html.count("data-diligence") == 1  # the new organisation by name has none yet
    found = selectors.candidate_diligence(
        actor=lead,
        need=world.need,
        candidates=list(selectors.candidates_of(actor=lead, need=world.need)),
        today=timezone.localdate(),
    )
    assert list(found) == [world.candidate.pk]
    assert found[world.candidate.pk].items == items
    assert client_for("buyer_viewer").get(link).status_code == 200


@pytest.mark.parametrize("persona", ["supplier_lead", "supplier_member", "outsider"])
def test_the_candidate_organisation_reads_none_of_it(world: World, client_for: Any, persona: str) -> None:
    """The world's supplier is the need's candidate: it reaches neither the need nor the buyer's
    due diligence on it."""
    diligence.diligence_start(
        actor=world.user("buyer_lead"), owner=world.buyer, supplier=world.candidate.organisation
    )
    org, supplier = world.buyer.pk, world.supplier.pk
    client = client_for(persona)
    for url in (
        f"/selection/needs/{world.need.pk}/",
        f"/organisations/{org}/due-diligence/{supplier}/",
        f"/organisations/{org}/due-diligence/",
        f"/api/v1/organisations/{org}/diligence?supplier={supplier}",
        f"/api/v1/organisations/{org}/diligence/suppliers",
    ):
        assert client.get(url).status_code == 404, url
    add = f"/api/v1/organisations/{org}/diligence/suppliers/{supplier}/items"
    answer = client.post(add, {"title": "Ours"}, content_type="application/json")
    assert answer.status_code == (401 if persona == "anon" else 404)
