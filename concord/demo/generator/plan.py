"""How much to generate: the scales of issue 12 and how totals spread over the partnerships.

Counts are totals for the whole portfolio. They are spread evenly, so every partnership holds
about the same (at every scale 20 goals with 12 monthly values each, 50 commitments, 5 meetings
and 10 notes): a partnership's pages cost the same at every scale and only the portfolio grows.
"""

from dataclasses import dataclass, fields, replace
from typing import Any

KINDS = ("partnerships", "goals", "measurements", "commitments", "meetings", "notes")


@dataclass(frozen=True)
class Counts:
    """Totals of each kind of record (one buying organisation always)."""

    partnerships: int
    goals: int
    measurements: int
    commitments: int
    meetings: int
    notes: int

    def scaled(self, divisor: int) -> "Counts":
        return Counts(**{f.name: getattr(self, f.name) // divisor for f in fields(self)})

    def overridden(self, **given: int | None) -> "Counts":
        """These counts with the explicitly given ones in their place."""
        return replace(self, **{k: v for k, v in given.items() if v is not None})

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


LARGE = Counts(
    partnerships=10_000,
    goals=200_000,
    measurements=2_400_000,
    commitments=500_000,
    meetings=50_000,
    notes=100_000,
)
SCALES = {"large": LARGE, "medium": LARGE.scaled(10), "small": LARGE.scaled(100)}


def share(total: int, parts: int, index: int) -> int:
    """Part `index` (0-based) of `total` split as evenly as whole numbers allow over `parts`."""
    base, extra = divmod(total, parts)
    return base + (1 if index < extra else 0)


def counts_for(scale: str, **given: Any) -> Counts:
    """The counts of a scale, with explicit counts (those not None) overriding it."""
    counts = SCALES[scale].overridden(**{k: given.get(k) for k in KINDS})
    if counts.partnerships < 1:
        raise ValueError("Generate at least one partnership.")
    if min(counts.as_dict().values()) < 0:
        raise ValueError("Counts cannot be negative.")
    if counts.measurements and not counts.goals:
        raise ValueError("Measurements belong to goals: give at least one goal.")
    return counts
