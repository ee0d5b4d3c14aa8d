"""The frozen snapshot of a performance review: the figures of the period, read once when the
review is created and stored on it as JSON, so later edits of goals, scorecards or commitments
do not change what both sides signed.

A review is a joint document: **only shared records** enter it — shared goals, shared
scorecards (both directions), shared commitments (the reliability index counts only those by its
own rule), shared risks and shared wins. An internal record of either side never does, whoever
creates the review. The survey enters as per-side aggregates under the round's threshold.

Each part reuses its app's own computation: goals.progress.assess_goal, scorecards.compute,
commitments.status.reliability, reviews.results; nothing is re-implemented here.
"""

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Q

from concord.access.models import Party
from concord.access.roles import Visibility
from concord.commitments.models import Commitment
from concord.commitments.status import Status, reliability, status
from concord.goals.models import Goal, Measurement, SuccessEvent
from concord.goals.progress import GoalStatus, assess_goal
from concord.partnerships.models import Partnership
from concord.reviews import perception
from concord.reviews.models import RoundStatus, SurveyResponse, SurveyRound
from concord.reviews.results import build, summary
from concord.risks import scoring
from concord.risks.models import LIVE, Risk
from concord.scorecards import compute
from concord.scorecards.models import Scorecard
from concord.scorecards.services import current_definition

SHARED = Visibility.SHARED
LISTED = 50  # at most this many rows of a kind (the counts are whole)


def _number(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _goals(partnership: Partnership, end: datetime.date) -> dict[str, Any]:
    goals = list(Goal.unscoped.filter(partnership=partnership, visibility=SHARED).select_related("owner"))
    points: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    measured = Measurement.unscoped.filter(goal__in=goals, measured_on__lte=end).order_by(
        "goal_id", "measured_on"
    )
    for goal_id, day, value in measured.values_list("goal_id", "measured_on", "value"):
        points[goal_id].append((day, value))
    rows = []
    counts: dict[str, int] = defaultdict(int)
    for goal in sorted(goals, key=lambda g: (g.title.casefold(), g.pk)):
        found = assess_goal(goal, points[goal.pk], end)
        counts[found.status.value] += 1
        latest = points[goal.pk][-1][1] if points[goal.pk] else None
        rows.append(
            {
                "title": goal.title,
                "owner": goal.owner.name,
                "status": found.status.value,
                "progress": found.progress,
                "latest": _number(latest),
                "target": _number(goal.target),
                "unit": goal.unit,
            }
        )
    return {"count": len(goals), "by_status": dict(counts), "rows": rows[:LISTED]}


def _scorecards(partnership: Partnership, end: datetime.date) -> list[dict[str, Any]]:
    cards = list(
        Scorecard.unscoped.filter(partnership=partnership, visibility=SHARED).order_by("direction", "pk")
    )
    items = [(c.pk, d) for c in cards if (d := current_definition(c)) is not None]
    scored = compute.score_many(items, end)
    rows = []
    for card in cards:
        result = scored.get(card.pk)
        rows.append(
            {
                "name": card.name,
                "direction": card.direction,
                "direction_label": card.get_direction_display(),
                "overall": None if result is None else result.overall,
                "standing": "" if result is None else result.standing,
            }
        )
    return rows


def _reliability(
    partnership: Partnership, start: datetime.date, end: datetime.date, names: dict[int, str]
) -> dict[str, Any]:
    window = (end - start).days + 1
    commitments = list(
        Commitment.unscoped.filter(
            partnership=partnership, visibility=SHARED, promised_on__gte=start, promised_on__lte=end
        ).only("pk", "owner_id", "visibility", "promised_on", "due_on", "delivered_on", "given_up_on")
    )
    found = reliability(commitments, list(names), end, window)
    return {
        str(org): {"organisation": names[org], "due": len(r.due), "on_time": r.on_time, "index": r.index}
        for org, r in found.items()
    }


def _survey(partnership: Partnership, side_of: dict[int, str]) -> dict[str, Any] | None:
    latest = (
        SurveyRound.unscoped.filter(partnership=partnership, status=RoundStatus.CLOSED)
        .order_by("-closed_on", "-pk")
        .first()
    )
    if latest is None:
        return None
    rows = SurveyResponse.unscoped.filter(round=latest).values_list("organisation_id", "answers")
    found = build(
        dimensions=latest.dimensions,
        threshold=latest.min_respondents,
        closed=True,
        side_of=side_of,
        responses=rows,
    )
    return {
        "round_id": latest.pk,
        "title": latest.title,
        "closed_on": str(latest.closed_on),
        **summary(found),
    }


def _risks(partnership: Partnership) -> dict[str, Any]:
    live = list(
        Risk.unscoped.filter(partnership=partnership, visibility=SHARED, status__in=LIVE)
        .select_related("owner_party")
        .order_by("-score", "pk")
    )
    rows = [
        {
            "title": r.title,
            "score": r.score,
            "band": scoring.band(r.score),
            "status": r.status,
            "owner": r.owner_party.name,
        }
        for r in live
    ]
    return {
        "live": len(live),
        "exposure": scoring.exposure(sum(r.score for r in live)),
        "rows": rows[:LISTED],
    }


def _wins(
    partnership: Partnership, start: datetime.date, end: datetime.date, names: dict[int, str]
) -> dict[str, Any]:
    events = SuccessEvent.unscoped.filter(
        partnership=partnership, visibility=SHARED, occurred_on__gte=start, occurred_on__lte=end
    ).order_by("occurred_on", "pk")
    kept = Commitment.unscoped.filter(
        Q(delivered_on__gte=start, delivered_on__lte=end), partnership=partnership, visibility=SHARED
    ).order_by("delivered_on", "pk")
    on_time = [c for c in kept if status(c, end) == Status.KEPT_ON_TIME]
    by_party: dict[str, int] = defaultdict(int)
    for c in on_time:
        by_party[names.get(c.owner_id, "")] += 1
    return {
        "events": [{"on": str(e.occurred_on), "kind": e.kind, "text": e.text} for e in events[:LISTED]],
        "goals_achieved": sum(1 for e in events if e.kind == "goal_achieved"),
        "kept_on_time": len(on_time),
        "kept_by_party": dict(by_party),
        "kept": [
            {"title": c.title, "on": str(c.delivered_on), "party": names.get(c.owner_id, "")}
            for c in on_time[:LISTED]
        ],
    }


def take(partnership: Partnership, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """Everything the review freezes, as plain JSON."""
    parties = list(Party.unscoped.filter(partnership=partnership).select_related("organisation"))
    names = {p.organisation_id: p.organisation.name for p in parties}
    side_of = {p.organisation_id: p.side for p in parties}
    goals = _goals(partnership, end)
    return {
        "period": {"from": str(start), "to": str(end)},
        "parties": {p.side: {"id": p.organisation_id, "name": p.organisation.name} for p in parties},
        "goals": goals,
        "scorecards": _scorecards(partnership, end),
        "reliability": _reliability(partnership, start, end, names),
        "survey": _survey(partnership, side_of),
        "risks": _risks(partnership),
        "wins": _wins(partnership, start, end, names),
    }


def figures(snap: dict[str, Any]) -> dict[str, float | None]:
    """The headline numbers a review is compared on with the previous one (its deltas)."""
    goals = snap.get("goals", {})
    achieved = goals.get("by_status", {}).get(GoalStatus.ACHIEVED.value, 0)
    cards = [c["overall"] for c in snap.get("scorecards", []) if c.get("overall") is not None]
    found: dict[str, float | None] = {
        "goals_achieved": achieved,
        "scorecard_mean": perception.rounded(perception.mean(cards)),
        "risks_live": snap.get("risks", {}).get("live"),
        "risk_exposure": snap.get("risks", {}).get("exposure"),
        "wins": len(snap.get("wins", {}).get("events", [])) + snap.get("wins", {}).get("kept_on_time", 0),
        "survey_score": (snap.get("survey") or {}).get("score"),
    }
    parties = snap.get("parties", {})
    for side, party in parties.items():
        entry = snap.get("reliability", {}).get(str(party["id"]), {})
        found[f"reliability_{side}"] = entry.get("index")
    return found


LABELS = {
    "goals_achieved": "Goals achieved",
    "scorecard_mean": "Scorecards (mean overall score)",
    "reliability_buyer": "Reliability of the buyer (%)",
    "reliability_supplier": "Reliability of the supplier (%)",
    "survey_score": "Survey score (0–100)",
    "risks_live": "Live shared risks",
    "risk_exposure": "Risk exposure (0–100)",
    "wins": "Wins",
}


def deltas(current: dict[str, Any], previous: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each headline figure now, before and the change (None where either is missing)."""
    now = figures(current)
    before = figures(previous) if previous else {}
    rows = []
    for key, label in LABELS.items():
        a, b = now.get(key), before.get(key)
        change = None if a is None or b is None else round(float(a) - float(b), 2)
        rows.append({"key": key, "label": label, "now": a, "before": b, "change": change})
    return rows
