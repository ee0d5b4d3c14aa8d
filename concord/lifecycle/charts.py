"""The Kraljic portfolio scatter: one Vega-Lite spec (core.charts) for the page. Profit impact on
the x axis, supply risk on the y axis, both 1–5, with the midlines at 3.0 (on the line counts as
high: lifecycle.kraljic) and the quadrants named in their corners."""

from typing import Any

from concord.core.charts import finish
from concord.lifecycle.kraljic import LABELS, MIDPOINT, Quadrant

MAX_POINTS = 500  # a readable scatter; the table below it pages through every partnership
COLOURS = {
    Quadrant.STRATEGIC: "#c62828",
    Quadrant.LEVERAGE: "#1565c0",
    Quadrant.BOTTLENECK: "#ef6c00",
    Quadrant.NON_CRITICAL: "#2e7d32",
}
CORNERS = [
    (Quadrant.STRATEGIC, 4.9, 4.9, "right"),
    (Quadrant.LEVERAGE, 4.9, 1.1, "right"),
    (Quadrant.BOTTLENECK, 1.1, 4.9, "left"),
    (Quadrant.NON_CRITICAL, 1.1, 1.1, "left"),
]


def portfolio_chart(points: list[Any], title: str) -> dict[str, Any]:
    import altair as alt  # heavy (~1 s to import): only a chart pays for it

    rows = [
        {
            "partnership": p.partnership.name,
            "profit_impact": float(p.profit_impact),
            "supply_risk": float(p.supply_risk),
            "quadrant": LABELS[Quadrant(p.quadrant)],
            "assessed": p.assessed_on.isoformat(),
        }
        for p in points
    ]
    domain = [LABELS[q] for q in Quadrant]
    scale = alt.Scale(domain=[1, 5], nice=False)
    dots = (
        alt.Chart(alt.Data(values=rows))
        .mark_circle(size=120, opacity=0.85)
        .encode(
            x=alt.X("profit_impact:Q", title="Profit impact", scale=scale),
            y=alt.Y("supply_risk:Q", title="Supply risk", scale=scale),
            color=alt.Color(
                "quadrant:N",
                title="Quadrant",
                scale=alt.Scale(domain=domain, range=[COLOURS[q] for q in Quadrant]),
            ),
            tooltip=[
                alt.Tooltip("partnership:N"),
                alt.Tooltip("profit_impact:Q", format=".2f"),
                alt.Tooltip("supply_risk:Q", format=".2f"),
                alt.Tooltip("quadrant:N"),
                alt.Tooltip("assessed:N"),
            ],
        )
    )
    middle = float(MIDPOINT)
    vertical = (
        alt.Chart(alt.Data(values=[{"x": middle}]))
        .mark_rule(strokeDash=[4, 4], color="#57606a")
        .encode(x="x:Q")
    )
    horizontal = (
        alt.Chart(alt.Data(values=[{"y": middle}]))
        .mark_rule(strokeDash=[4, 4], color="#57606a")
        .encode(y="y:Q")
    )
    corners = [
        alt.Chart(alt.Data(values=[{"x": x, "y": y, "t": LABELS[q]}]))
        .mark_text(align=align, fontWeight="bold", color=COLOURS[q], opacity=0.6)  # type: ignore[arg-type]
        .encode(x="x:Q", y="y:Q", text="t:N")
        for q, x, y, align in CORNERS
    ]
    chart = alt.layer(vertical, horizontal, *corners, dots).properties(width="container", height=360)
    return finish(chart, title=title)
