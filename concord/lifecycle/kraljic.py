"""Kraljic segmentation (Kraljic, "Purchasing must become supply management", HBR 1983): the
rule, pure and without the database.

Each factor is scored 1–5 in the direction of its axis: 5 means *high* profit impact (a large
share of spend, a strong effect on quality or the business) or *high* supply risk (few qualified
suppliers, a costly switch, a scarce market). An axis is the weighted mean of its factors, so it
is also on the 1–5 scale and its midpoint is 3.0.

The boundary rule: a point exactly on the midpoint counts as **high** (``score >= 3.0``). Every
point therefore falls in exactly one quadrant — a published implementation that uses strict
inequalities on both sides returns no quadrant on the line, which is the error to avoid. Scores
are rounded to two decimals before the comparison, so 2.999999 from floating arithmetic does not
fall below a line the person sees as 3.00.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

MIDPOINT = Decimal("3.00")
LOW, HIGH = 1, 5
CENT = Decimal("0.01")


class Axis(StrEnum):
    PROFIT_IMPACT = "profit_impact"
    SUPPLY_RISK = "supply_risk"


class Quadrant(StrEnum):
    STRATEGIC = "strategic"
    LEVERAGE = "leverage"
    BOTTLENECK = "bottleneck"
    NON_CRITICAL = "non_critical"


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    axis: Axis
    default_weight: int
    help: str


FACTORS = [
    Factor("spend_share", "Spend share", Axis.PROFIT_IMPACT, 50, "5: a large share of our spend."),
    Factor(
        "business_impact",
        "Impact on quality and business",
        Axis.PROFIT_IMPACT,
        50,
        "5: a failure would hurt our product quality or revenue badly.",
    ),
    Factor(
        "qualified_suppliers",
        "Number of qualified suppliers",
        Axis.SUPPLY_RISK,
        40,
        "5: only one qualified supplier (few suppliers is high risk).",
    ),
    Factor(
        "switching_cost", "Switching cost", Axis.SUPPLY_RISK, 30, "5: changing supplier is costly and slow."
    ),
    Factor("market_scarcity", "Market scarcity", Axis.SUPPLY_RISK, 30, "5: the market is short of supply."),
]
FACTOR_KEYS = [f.key for f in FACTORS]
DEFAULT_WEIGHTS = {f.key: f.default_weight for f in FACTORS}

LABELS = {
    Quadrant.STRATEGIC: "Strategic",
    Quadrant.LEVERAGE: "Leverage",
    Quadrant.BOTTLENECK: "Bottleneck",
    Quadrant.NON_CRITICAL: "Non-critical",
}
# The relationship type each quadrant suggests (partnerships.models.RelationshipType values) — a
# choice where Kraljic is silent (docs/lifecycle.md): leverage items are bought on competition over
# medium-term contracts (tactical); bottleneck items need their supply secured while dependence is
# reduced, a collaborative core with transactional safeguards (hybrid).
SUGGESTED_TYPE = {
    Quadrant.STRATEGIC: "strategic",
    Quadrant.LEVERAGE: "tactical",
    Quadrant.BOTTLENECK: "hybrid",
    Quadrant.NON_CRITICAL: "transactional",
}
TASKS = {
    Quadrant.STRATEGIC: [
        "Build a long-term partnership with joint goals and a shared vision.",
        "Analyse supply risk in depth and keep contingency plans.",
        "Forecast demand together and review the relationship at executive level.",
    ],
    Quadrant.LEVERAGE: [
        "Use purchasing power: competitive bidding and target pricing.",
        "Consolidate volume with preferred suppliers.",
        "Renegotiate or re-tender at the end of each contract term.",
    ],
    Quadrant.BOTTLENECK: [
        "Secure volume: longer contracts, safety stock, vendor-managed inventory.",
        "Develop backup suppliers or substitute specifications.",
        "Monitor the supplier's capacity and financial health.",
    ],
    Quadrant.NON_CRITICAL: [
        "Standardise the specification and simplify ordering (catalogues, purchasing cards).",
        "Bundle purchases and reduce the number of suppliers.",
        "Minimise the effort spent on the relationship.",
    ],
}


class WeightError(ValueError):
    """An axis whose weights add up to nothing cannot be scored."""


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def axis_score(axis: Axis, scores: dict[str, int], weights: dict[str, int]) -> Decimal:
    """The weighted mean of the axis's factor scores, 1.00–5.00, rounded to two decimals."""
    factors = [f for f in FACTORS if f.axis == axis]
    total = sum(weights[f.key] for f in factors)
    if total <= 0:
        raise WeightError(f"The weights of {axis.value.replace('_', ' ')} add up to zero.")
    weighted = sum(Decimal(weights[f.key]) * Decimal(scores[f.key]) for f in factors)
    return _round(weighted / Decimal(total))


def is_high(score: Decimal) -> bool:
    """On or above the midpoint is high: the boundary belongs to the high side."""
    return _round(score) >= MIDPOINT


def quadrant(profit_impact: Decimal, supply_risk: Decimal) -> Quadrant:
    impact, risk = is_high(profit_impact), is_high(supply_risk)
    if impact and risk:
        return Quadrant.STRATEGIC
    if impact:
        return Quadrant.LEVERAGE
    if risk:
        return Quadrant.BOTTLENECK
    return Quadrant.NON_CRITICAL


@dataclass(frozen=True)
class Placement:
    profit_impact: Decimal
    supply_risk: Decimal
    quadrant: Quadrant

    @property
    def suggested_type(self) -> str:
        return SUGGESTED_TYPE[self.quadrant]


def place(scores: dict[str, int], weights: dict[str, int]) -> Placement:
    """Where a supplier falls, from its factor scores (1–5 each) and the weights."""
    for key in FACTOR_KEYS:
        if not LOW <= scores[key] <= HIGH:
            raise ValueError(f"{key} must be scored {LOW}–{HIGH}.")
    impact = axis_score(Axis.PROFIT_IMPACT, scores, weights)
    risk = axis_score(Axis.SUPPLY_RISK, scores, weights)
    return Placement(impact, risk, quadrant(impact, risk))


def weight_problems(weights: dict[str, int]) -> dict[str, str]:
    """Field errors of a set of weights: whole numbers 0–100, each axis with some weight."""
    errors = {k: "Give a weight from 0 to 100." for k in FACTOR_KEYS if not 0 <= weights.get(k, -1) <= 100}
    if errors:
        return errors
    for axis in Axis:
        factors = [f for f in FACTORS if f.axis == axis]
        if sum(weights[f.key] for f in factors) <= 0:
            errors[factors[0].key] = f"Give at least one {axis.value.replace('_', ' ')} factor a weight."
    return errors
