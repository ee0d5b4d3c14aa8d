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
