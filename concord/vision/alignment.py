"""The alignment report: pure functions over two parties' revealed submissions.

- Overall alignment = 100 − ½·Σ|a−b| over the dimensions: the overlap of the two 100-point
  distributions (100 = identical, 0 = no dimension in common).
- Rank agreement = Spearman's rank correlation with average ranks for ties; undefined (None) when
  either side gives every dimension the same points, since then there is no order to compare.
- Perception gaps compare what each side *predicted* of the other with the other's real answer,
  scored the same way as the overall alignment.
"""

import math
from dataclasses import dataclass, field
from typing import Any

from concord.vision import ways as ways_module

MISALIGNMENT_POINTS = 10  # a gap this large or larger is called out in plain language
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]


@dataclass(frozen=True)
class Row:
    dimension: str
    a: int
    b: int

    @property
    def gap(self) -> int:
        return self.a - self.b


@dataclass
class Report:
    a_name: str
    b_name: str
    rows: list[Row]
    alignment: float
    rank_correlation: float | None
    misalignments: list[str]
    perception: dict[str, Any] = field(default_factory=dict)
    ways: list[str] = field(default_factory=list)


def overlap(a: dict[str, int], b: dict[str, int], dimensions: list[str]) -> float:
    return round(100 - 0.5 * sum(abs(a.get(d, 0) - b.get(d, 0)) for d in dimensions), 1)


def average_ranks(values: list[int]) -> list[float]:
    """Rank 1 = most points; tied values share the average of their positions."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def spearman(a: list[int], b: list[int]) -> float | None:
    ra, rb = average_ranks(a), average_ranks(b)
    mean_a, mean_b = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(ra, rb, strict=True))
    var_a = sum((x - mean_a) ** 2 for x in ra)
    var_b = sum((y - mean_b) ** 2 for y in rb)
    if var_a == 0 or var_b == 0:
        return None
    return round(cov / math.sqrt(var_a * var_b), 3)


def _misalignments(rows: list[Row], a_name: str, b_name: str) -> list[str]:
    big = sorted((r for r in rows if abs(r.gap) >= MISALIGNMENT_POINTS), key=lambda r: -abs(r.gap))
    return [f"{a_name} puts {r.a} points on {r.dimension.lower()}, {b_name} {r.b}." for r in big[:5]]


def _position(points: dict[str, int], dimensions: list[str], dimension: str) -> str:
    ranks = average_ranks([points.get(d, 0) for d in dimensions])
    rank = ranks[dimensions.index(dimension)]
    tied = sum(1 for r in ranks if r == rank) > 1
    word = _ORDINALS[int(rank) - 1] if rank.is_integer() else f"{rank:g}th"
    return f"joint {word}" if tied else word


def perception_gap(
    predictor: str,
    predicted: dict[str, int],
    actual_owner: str,
    actual: dict[str, int],
    dimensions: list[str],
) -> dict[str, Any]:
    """How well `predictor` guessed `actual_owner`'s points, with the headline in words."""
    if not predicted:
        return {"predictor": predictor, "accuracy": None, "headline": f"{predictor} made no prediction."}
    guessed_top = max(dimensions, key=lambda d: (predicted.get(d, 0), -dimensions.index(d)))
    real_top = max(dimensions, key=lambda d: (actual.get(d, 0), -dimensions.index(d)))
    if guessed_top == real_top:
        headline = f"{predictor} correctly believed {actual_owner} cares most about {guessed_top.lower()}."
    else:
        headline = (
            f"{predictor} believed {actual_owner} cares most about {guessed_top.lower()}; "
            f"{actual_owner} put it {_position(actual, dimensions, guessed_top)}."
        )
    return {
        "predictor": predictor,
        "about": actual_owner,
        "accuracy": overlap(predicted, actual, dimensions),
        "headline": headline,
        "rows": [
            {"dimension": d, "predicted": predicted.get(d, 0), "actual": actual.get(d, 0)} for d in dimensions
        ],
    }


def ways_mismatches(a_name: str, a: dict[str, str], b_name: str, b: dict[str, str]) -> list[str]:
    lines = []
    for question in ways_module.QUESTIONS:
        va, vb = a.get(question.key), b.get(question.key)
        if va and vb and va != vb:
            first = question.verb.format(party=a_name, phrase=ways_module.phrase(question.key, va))
            second = question.verb.format(party=b_name, phrase=ways_module.phrase(question.key, vb))
            lines.append(f"{first}; {second}.")
    return lines


def report(dimensions: list[str], a_name: str, a: Any, b_name: str, b: Any) -> Report:
    """`a` and `b` are objects with priorities, prediction and ways (revealed submissions)."""
    rows = [Row(d, a.priorities.get(d, 0), b.priorities.get(d, 0)) for d in dimensions]
    return Report(
        a_name=a_name,
        b_name=b_name,
        rows=rows,
        alignment=overlap(a.priorities, b.priorities, dimensions),
        rank_correlation=spearman([r.a for r in rows], [r.b for r in rows]),
        misalignments=_misalignments(rows, a_name, b_name),
        perception={
            "a_about_b": perception_gap(a_name, a.prediction, b_name, b.priorities, dimensions),
            "b_about_a": perception_gap(b_name, b.prediction, a_name, a.priorities, dimensions),
        },
        ways=ways_mismatches(a_name, a.ways, b_name, b.ways),
    )
