"""The report pack of a performance review as Markdown: the one text behind the HTML page and the
PDF (core.pdf), from the frozen snapshot, the deltas against the previous review, both
narratives, the improvement actions and the signatures. Pure: a review and its actions in, text
out. User text in table cells has its pipes escaped so a title cannot break the table."""

from collections.abc import Iterable
from typing import Any

from concord.reviews.snapshot import deltas

STATUS = {
    "achieved": "achieved",
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "missed": "missed",
    "no_data": "no data",
}


def cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value).replace("|", "\\|").replace("\n", " ")


def signed(value: Any) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + cell(float(value))


def _table(header: list[str], rows: Iterable[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return [*lines, ""]


def _survey(snap: dict[str, Any]) -> list[str]:
    survey = snap.get("survey")
    if not survey:
        return ["No survey round had closed when the review was made.", ""]
    lines = [
        f"Round “{cell(survey['title'])}”, closed {survey['closed_on']}; "
        f"score {cell(survey.get('score'))} / 100.",
        "",
    ]
    for side in ("buyer", "supplier"):
        if not survey["shown"][side]:
            lines.append(f"- {side.title()} side: not enough responses ({survey['respondents'][side]}).")
    lines.append("")
    rows = [
        [
            d["label"],
            d["buyer_is"],
            d["supplier_is"],
            d["buyer_predicted"],
            d["buyer_gap"],
            d["supplier_predicted"],
            d["supplier_gap"],
        ]
        for d in survey["dimensions"]
    ]
    header = [
        "Dimension",
        "Buyer says",
        "Supplier says",
        "Buyer predicted",
        "Gap",
        "Supplier predicted",
        "Gap",
    ]
    return lines + _table(header, rows)


def markdown(review: Any, actions: Iterable[Any] = ()) -> str:
    snap = review.snapshot
    previous = review.previous
    parties = snap.get("parties", {})
    lines = [
        f"# {cell(review.title)}",
        "",
        f"Period {snap['period']['from']} to {snap['period']['to']} · "
        + " and ".join(cell(p["name"]) for p in parties.values()),
        "",
        "## Headline figures",
        "",
        *(
            _table(
                [
                    "Figure",
                    "This review",
                    f"Previous ({cell(previous.title)})" if previous else "Previous",
                    "Change",
                ],
                (
                    [d["label"], d["now"], d["before"], signed(d["change"])]
                    for d in deltas(snap, previous.snapshot if previous else None)
                ),
            )
        ),
        "## Goals",
        "",
        *_table(
            ["Goal", "Owner", "Status", "Progress %", "Latest", "Target"],
            (
                [
                    g["title"],
                    g["owner"],
                    STATUS.get(g["status"], g["status"]),
                    g["progress"],
                    g["latest"],
                    g["target"],
                ]
                for g in snap["goals"]["rows"]
            ),
        ),
        "## Scorecards",
        "",
        *_table(
            ["Scorecard", "Direction", "Overall", "Standing"],
            ([c["name"], c["direction_label"], c["overall"], c["standing"]] for c in snap["scorecards"]),
        ),
        "## Commitment reliability",
        "",
        *_table(
            ["Party", "Due in the period", "Kept on time", "Reliability %"],
            ([r["organisation"], r["due"], r["on_time"], r["index"]] for r in snap["reliability"].values()),
        ),
        "## Relationship survey",
        "",
        *_survey(snap),
        "## Shared risks",
        "",
        f"{snap['risks']['live']} live shared risks; exposure {snap['risks']['exposure']} / 100.",
        "",
        *_table(
            ["Risk", "Score", "Band", "Owner"],
            ([r["title"], r["score"], r["band"], r["owner"]] for r in snap["risks"]["rows"]),
        ),
        "## Wins",
        "",
        f"{snap['wins']['goals_achieved']} goals achieved and {snap['wins']['kept_on_time']} "
        "commitments kept on time in the period.",
        "",
        *(f"- {w['on']}: {cell(w['text'])}" for w in snap["wins"]["events"]),
        "",
        "## Narratives",
        "",
        "### Buyer",
        "",
        review.narrative_buyer or "_Not written._",
        "",
        "### Supplier",
        "",
        review.narrative_supplier or "_Not written._",
        "",
        "## Improvement actions",
        "",
        *_table(["Action", "Owner", "Due"], ([a.title, a.owner.name, a.promised_on] for a in actions)),
        "## Signatures",
        "",
        f"- Buyer: {_signature(review.buyer_signed_by, review.buyer_signed_on)}",
        f"- Supplier: {_signature(review.supplier_signed_by, review.supplier_signed_on)}",
        "",
    ]
    return "\n".join(lines)


def _signature(person: Any, day: Any) -> str:
    if day is None:
        return "not signed yet"
    name = person.get_full_name() if person is not None else "a lead"
    return f"signed by {cell(name)} on {day}"
