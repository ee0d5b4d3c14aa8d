"""The Kraljic portfolio scatter: a valid Vega-Lite spec, one point per partnership at its latest
assessment, on the page for the buying organisation only."""

import json
import re
from typing import Any

from concord.lifecycle import charts, selectors
from concord.lifecycle.services import segmentation
from tests.world import World


def test_the_scatter_is_valid_vega_lite_with_the_latest_points(world: World, client_for: Any) -> None:
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import load_schema

    lead = world.user("buyer_lead")
    scores = dict.fromkeys(["spend_share", "business_impact", "qualified_suppliers", "switching_cost"], 1)
    segmentation.segmentation_record(actor=lead, partnership=world.partnership, market_scarcity=1, **scores)
    points = list(selectors.portfolio(actor=lead, owner=world.buyer))
    assert [p.quadrant for p in points] == ["non_critical"]  # the newest of the two
    spec = charts.portfolio_chart(points, title="Portfolio")
    validate_jsonschema(spec, load_schema())
    page = client_for("buyer_viewer").get(f"/organisations/{world.buyer.pk}/kraljic/").content.decode()
    found = re.search(r'<script id="kraljic-chart" type="application/json">(.*?)</script>', page, re.S)
    assert found is not None
    shown = json.loads(found.group(1))
    rows = [
        v for layer in shown["layer"] for v in layer.get("data", {}).get("values", []) if "partnership" in v
    ]
    assert [(r["partnership"], r["quadrant"]) for r in rows] == [("Bags", "Non-critical")]


def test_the_scatter_downloads_as_svg_and_png_for_the_filtered_portfolio(
    world: World, client_for: Any
) -> None:
    from concord.partnerships import services as partnerships

    lead = world.user("buyer_lead")
    other = partnerships.partnership_create(actor=lead, buyer=world.buyer, name="Labels", category="Print")
    scores = dict.fromkeys(["spend_share", "business_impact", "qualified_suppliers", "switching_cost"], 1)
    segmentation.segmentation_record(actor=lead, partnership=other, market_scarcity=1, **scores)
    url = f"/organisations/{world.buyer.pk}/kraljic/chart"
    client = client_for("buyer_viewer")
    svg = client.get(f"{url}.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert 'attachment; filename="kraljic-' in svg["Content-Disposition"]
    body = svg.content.decode()
    assert body.lstrip().startswith("<svg") and "Bags" in body and "Labels" in body
    png = client.get(f"{url}.png")
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"{url}.gif").status_code == 404
    # The category filter narrows the file as it narrows the page and the API.
    page = client.get(f"/organisations/{world.buyer.pk}/kraljic/?category=print").content.decode()
    assert f"{url}.svg?category=print" in page
    assert ">Labels<" in page and ">Bags<" not in page
    api = client.get(f"/api/v1/organisations/{world.buyer.pk}/kraljic/portfolio?category=print").json()
    assert [r["quadrant"] for r in api["results"]] == ["non_critical"]
    narrowed = client.get(f"{url}.svg?category=print").content.decode()
    assert "Labels" in narrowed and "Bags" not in narrowed
    for persona in ("supplier_lead", "supplier_member", "outsider"):
        assert client_for(persona).get(f"{url}.svg").status_code == 404
