"""The KPI trend chart of a goal: measured values, the target line, the planned path from baseline to
target, and the forecast from the trend. One spec for the page and the SVG/PNG download."""

from typing import Any

from concord.core.charts import finish
from concord.goals.selectors import GoalView

COLOURS = {
    "Measured": "#1f6feb",
    "Target": "#2da44e",
    "Planned path": "#8c959f",
    "Forecast": "#bf8700",
}


def _rows(view: GoalView) -> list[dict[str, Any]]:
    goal, result = view.goal, view.assessment
    rows: list[dict[str, Any]] = [
        {"date": day.isoformat(), "value": float(value), "series": "Measured"} for day, value in view.points
    ]
    if goal.baseline is not None and goal.target is not None and goal.due_date:
        rows += [
            {"date": goal.start_date.isoformat(), "value": float(goal.baseline), "series": "Planned path"},
            {"date": goal.due_date.isoformat(), "value": float(goal.target), "series": "Planned path"},
        ]
    if result.forecast and view.points and goal.target is not None:
        last_day, last_value = view.points[-1]
        rows += [
            {"date": last_day.isoformat(), "value": float(last_value), "series": "Forecast"},
            {"date": result.forecast.isoformat(), "value": float(goal.target), "series": "Forecast"},
        ]
    return rows


def goal_chart(view: GoalView) -> dict[str, Any]:
    import altair as alt  # heavy (~1 s to import): only a chart pays for it

    goal = view.goal
    unit = f" ({goal.unit})" if goal.unit else ""
    data = alt.Data(values=_rows(view))
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=list(COLOURS), range=list(COLOURS.values())),
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y"))
    y = alt.Y("value:Q", title=(goal.metric or goal.title) + unit, scale=alt.Scale(zero=False))
    tooltip = [alt.Tooltip("series:N"), alt.Tooltip("date:T", format="%d %b %Y"), alt.Tooltip("value:Q")]
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=x,
            y=y,
            color=colour,
            strokeDash=alt.condition(alt.datum.series == "Measured", alt.value([1, 0]), alt.value([6, 4])),
            tooltip=tooltip,
        )
    )
    layers: list[Any] = [lines]
    if goal.target is not None:
        target = alt.Data(values=[{"value": float(goal.target), "series": "Target"}])
        layers.append(alt.Chart(target).mark_rule(strokeDash=[2, 2]).encode(y="value:Q", color=colour))
    chart = alt.layer(*layers).properties(width="container", height=260)
    return finish(chart, title=goal.title)
