"""The Reviews tab's charts (core.charts: one Vega-Lite spec for the page and the files): each
side's survey mean across rounds, and a round's per-dimension means of both sides."""

from typing import Any

from concord.core.charts import finish
from concord.reviews.results import RoundResults
from concord.reviews.selectors import Trend

COLOURS = {"Buyer": "#1f6feb", "Supplier": "#bf8700"}


def trend_chart(trends: list[Trend]) -> dict[str, Any]:
    """Each side's mean of how it is (1–5) per closed round, oldest first; a side under the
    threshold has no point for that round."""
    import altair as alt  # heavy to import: only a chart pays for it

    rows = [
        {"round": t.round.title, "order": i, "side": side.title(), "mean": round(result.overall, 2)}
        for i, t in enumerate(trends)
        for side, result in t.results.sides.items()
        if result.overall is not None
    ]
    colour = alt.Color(
        "side:N", title=None, scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values()))
    )
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("round:N", title=None, sort=alt.EncodingSortField("order")),
            y=alt.Y("mean:Q", title="Mean, how it is (1–5)", scale=alt.Scale(domain=[1, 5])),
            color=colour,
            tooltip=[alt.Tooltip("round:N"), alt.Tooltip("side:N"), alt.Tooltip("mean:Q")],
        )
        .properties(width="container", height=220)
    )
    return finish(chart, title="Survey trend")


def dimensions_chart(results: RoundResults | dict[str, Any]) -> dict[str, Any]:
    """Both sides' means per dimension (from a round's results, or a review's frozen summary)."""
    import altair as alt

    rows_in = results.rows() if isinstance(results, RoundResults) else results.get("dimensions", [])
    rows = [
        {"dimension": r["label"], "side": side.title(), "mean": r[f"{side}_is"]}
        for r in rows_in
        for side in ("buyer", "supplier")
        if r.get(f"{side}_is") is not None
    ]
    colour = alt.Color(
        "side:N", title=None, scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values()))
    )
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", title=None),
            yOffset=alt.YOffset("side:N"),
            x=alt.X("mean:Q", title="Mean, how it is (1–5)", scale=alt.Scale(domain=[0, 5])),
            color=colour,
            tooltip=[alt.Tooltip("dimension:N"), alt.Tooltip("side:N"), alt.Tooltip("mean:Q")],
        )
        .properties(width="container")
    )
    return finish(chart, title="Survey by dimension")
