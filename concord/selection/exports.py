"""The needs and a need's ranking as spreadsheets (core.exports does the writing and the cap)."""

from typing import Any

from concord.core.exports import Column, label, person


def _score(row: Any) -> Any:
    return round(row.score, 3) if row.score is not None else None


NEED_COLUMNS = [
    Column("Id", lambda n: n.pk),
    Column("Need", lambda n: n.title),
    Column("Organisation", lambda n: n.owner.name),
    Column("What we want from partnering", lambda n: n.purpose),
    Column("Capability gaps", lambda n: n.gaps),
    Column("Category", lambda n: n.category),
    Column("Annual spend", lambda n: n.annual_spend),
    Column("Currency", lambda n: n.currency),
    Column("Needed by", lambda n: n.needed_by),
    Column("Weighting", lambda n: label(n, "weighting")),
    Column("Status", lambda n: label(n, "status")),
    Column("Candidates", lambda n: n.candidate_count),
    Column("Chosen", lambda n: n.chosen.name if n.chosen else None),
    Column("Recorded by", lambda n: person(n.created_by)),
    Column("Recorded (UTC)", lambda n: n.created_at),
]


def _mean(i: int) -> Any:
    return lambda r: round(r.cells[i].summary.mean, 3) if r.cells[i].summary else None


def _spread(i: int) -> Any:
    return lambda r: r.cells[i].summary.spread if r.cells[i].summary else None


def _disagreement(i: int) -> Any:
    return lambda r: bool(r.cells[i].summary and r.cells[i].summary.disagreement)


def ranking_columns(criteria: list[Any]) -> list[Column]:
    """One row per candidate (a Row of evaluation.py): rank, weighted score, then the mean, the
    spread and the disagreement flag on each criterion."""
    columns = [
        Column("Rank", lambda r: r.rank),
        Column("Candidate", lambda r: r.candidate.name),
        Column("Kind", lambda r: "known supplier" if r.candidate.organisation_id else "new organisation"),
        Column("Weighted score (1-5)", _score),
        Column("Criteria not scored", lambda r: r.missing),
    ]
    for i, criterion in enumerate(criteria):
        columns += [
            Column(f"{criterion.name}: mean", _mean(i)),
            Column(f"{criterion.name}: range", _spread(i)),
            Column(f"{criterion.name}: disagreement", _disagreement(i)),
        ]
    return columns
