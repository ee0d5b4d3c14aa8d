"""Scorecard history (score per period against the standing bands) and the standing of each period.
One Vega-Lite spec for the page and the SVG/PNG download."""

from typing import Any

from concord.core.charts import finish
from concord.scorecards.compute import Result

PALETTE = [
    "#c62828",
    "#ef6c00",
    "#f9a825",
    "#7cb342",
    "#2e7d32",
    "#1565c0",
    "#6a1b9a",
    "#00838f",
    "#4e342e",
    "#37474f",
]
NO_DATA = "No data"
WIDTH = 640  # concatenated views cannot fill their container; the figure scrolls on narrow screens


def history_chart(result: Result, title: str) -> dict[str, Any]:
    import altair as alt  # heavy (~1 s to import): only a chart pays for it

    labels = [s.label for s in result.definition.standings]
    colours = (PALETTE[: len(labels)] if len(labels) > 1 else ["#2e7d32"]) + ["#d0d7de"]
    rows = [
        {
            "period": p.label,
            "order": i,
            "score": p.score,
            "standing": p.standing or NO_DATA,
        }
        for i, p in enumerate(result.periods)
    ]
    data = alt.Data(values=rows)
    x = alt.X("period:N", sort=alt.SortField("order"), title=None, axis=alt.Axis(labelAngle=-40))
    colour = alt.Color(
        "standing:N", title="Standing", scale=alt.Scale(domain=[*labels, NO_DATA], range=colours)
    )
    tooltip = [alt.Tooltip("period:N"), alt.Tooltip("score:Q", format=".1f"), alt.Tooltip("standing:N")]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .transform_filter("datum.score !== null")
        .encode(
            x=x,
            y=alt.Y("score:Q", title="Score", scale=alt.Scale(domain=[0, 100])),
            color=colour,
            tooltip=tooltip,
        )
    )
    layers: list[Any] = [bars]
    if result.overall is not None:
        overall = alt.Data(values=[{"overall": result.overall, "text": f"Overall {result.overall:g}"}])
        layers.append(alt.Chart(overall).mark_rule(strokeDash=[6, 4], color="#24292f").encode(y="overall:Q"))
    top = alt.layer(*layers).properties(width=WIDTH, height=220)
    strip = (
        alt.Chart(data)
        .mark_rect()
        .encode(x=x, color=colour, tooltip=tooltip)
        .properties(width=WIDTH, height=18, title="Standing per period")
    )
    chart = alt.vconcat(top, strip).resolve_scale(color="shared")
    return finish(chart, title=title)
