"""A round's results as the Reviews tab shows them, built from the per-side figures of
reviews.perception: who is which side, and the gaps both ways. Pure: rows in, figures out."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from concord.reviews import perception
from concord.reviews.perception import SideResult

SIDES = ("buyer", "supplier")


@dataclass(frozen=True)
class RoundResults:
    """Results of one round: each side's figures (hidden under the threshold), the perception
    gaps of each side (what the other said − what this side predicted), and the 0–100 score."""

    closed: bool
    dimensions: list[dict[str, str]]
    sides: dict[str, SideResult]
    gaps: dict[str, dict[str, float | None]]  # side -> dimension -> gap of that side's prediction
    score: float | None

    @property
    def respondents(self) -> dict[str, int]:
        return {side: found.respondents for side, found in self.sides.items()}

    def rows(self) -> list[dict[str, Any]]:
        """One row a dimension for the page, the API and the report."""
        found = []
        for d in self.dimensions:
            key = d["key"]
            row: dict[str, Any] = {"key": key, "label": d["label"]}
            for side in SIDES:
                result = self.sides[side]
                row[f"{side}_is"] = perception.rounded(result.is_means.get(key))
                row[f"{side}_predicted"] = perception.rounded(result.other_means.get(key))
                row[f"{side}_gap"] = perception.rounded(self.gaps[side].get(key))
                row[f"{side}_comments"] = list(result.comments.get(key, []))
            found.append(row)
        return found


def build(
    *,
    dimensions: list[dict[str, str]],
    threshold: int,
    closed: bool,
    side_of: Mapping[int, str],
    responses: Iterable[tuple[int, Mapping[str, Any]]],
) -> RoundResults:
    """Results from (organisation id, answers) rows. An open round shows only how many answered
    each side: figures that move with each new answer would tell what that answer was."""
    keys = [d["key"] for d in dimensions]
    by_side: dict[str, list[Mapping[str, Any]]] = {side: [] for side in SIDES}
    for organisation_id, answers in responses:
        side = side_of.get(organisation_id)
        if side in by_side:
            by_side[side].append(answers)
    sides = {
        side: perception.side_result(rows, keys, threshold)
        if closed
        else SideResult(len(rows), max(threshold, perception.MIN_THRESHOLD), False)
        for side, rows in by_side.items()
    }
    gaps = {
        "buyer": perception.gaps(sides["buyer"], sides["supplier"], keys),
        "supplier": perception.gaps(sides["supplier"], sides["buyer"], keys),
    }
    score = perception.round_score([sides[s] for s in SIDES]) if closed else None
    return RoundResults(closed, dimensions, sides, gaps, score)


def summary(found: RoundResults) -> dict[str, Any]:
    """The plain JSON a review's snapshot keeps of a round (only what the threshold lets show)."""
    return {
        "score": perception.rounded(found.score, 1),
        "respondents": found.respondents,
        "shown": {side: found.sides[side].shown for side in SIDES},
        "means": {side: perception.rounded(found.sides[side].overall) for side in SIDES},
        "dimensions": [{k: v for k, v in row.items() if not k.endswith("_comments")} for row in found.rows()],
    }


def order_sides(parties: Sequence[tuple[int, str]]) -> dict[int, str]:
    """{organisation id: side} from (organisation id, side) pairs."""
    return dict(parties)
