"""The fit engine's rules, pure (no database): how one offering fits one customer.

Every factor is whole points from 0 to 1,000, so the database (ranking.py, which ranks a whole
portfolio set-based in SQL) and this module (which explains the short list and answers "why not?")
compute exactly the same numbers with integer arithmetic; tests/insight keep the two in agreement.

- goals: the share of the customer's goal weight (importance summed per theme) whose theme the
  offering benefits: Σ coefficient(theme) over its themes, coefficient = 1000·w/W rounded down.
- installed base: the urgency of the most urgent item it replaces (end of support reached or
  passed by the budget date 1,000; end of support within a year of it 1,000 → 500; ageing 600;
  current 200; retired items are not counted), and at least 300 when it is compatible with
  something installed.
- timing: 500 when it is available on the budget date, and 500 when, ordered today, its lead
  time delivers it before the earliest end of support of what it replaces (or it replaces
  nothing dated).
- cost/benefit: (goals + installed base) · cost factor / 200 (low cost 100 … very high 40).
- score: Σ weight · factor, weights 0–10 per supplier organisation.

An offering is excluded, with its reason, when it is at end of sale, incompatible with something
installed, needs something not installed, is no longer available, or fits nothing of the customer.
Order: the first of these reasons is the one given.
"""

import calendar
import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

FULL = 1000
HORIZON_DAYS = 365
AGEING, CURRENT, COMPATIBLE = 600, 200, 300
COST_FACTOR = {1: 100, 2: 85, 3: 70, 4: 55, 5: 40}
END_OF_SALE, INCOMPATIBLE, PREREQUISITE, UNAVAILABLE, NO_FIT = (
    "end_of_sale",
    "incompatible",
    "prerequisite",
    "unavailable",
    "no_fit",
)
REASONS = {
    END_OF_SALE: "At end of sale.",
    INCOMPATIBLE: "Incompatible with something installed at the customer.",
    PREREQUISITE: "Needs something the customer does not have installed.",
    UNAVAILABLE: "No longer available.",
    NO_FIT: "Fits none of the customer's goals and replaces or works with nothing installed.",
}
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", (text or "").strip().lower())


def split_list(text: str) -> list[str]:
    """A comma- or semicolon-separated list as people write it: normalised, without repeats."""
    seen: dict[str, None] = {}
    for part in re.split(r"[,;\n]", text or ""):
        key = normalise(part)
        if key:
            seen.setdefault(key[:200], None)
    return list(seen)


def item_keys(technology: str, make: str, model: str, version: str) -> list[str]:
    """What an offering's list may name to match an installed item: its technology ("analyser"),
    its make and model ("acme ax-200"), or its make, model and version ("acme ax-200 3.1")."""
    keys = [normalise(technology)]
    if model:
        keys.append(normalise(f"{make} {model}"))
        if version:
            keys.append(normalise(f"{make} {model} {version}"))
    return [k for k in dict.fromkeys(keys) if k]


def budget_date(today: datetime.date, month: int | None) -> datetime.date:
    """The next budget decision: the first day of the budget month (today in that month itself);
    without a budget month, today."""
    if month is None or month == today.month:
        return today
    year = today.year if month > today.month else today.year + 1
    return datetime.date(year, month, 1)


def month_name(month: int) -> str:
    return calendar.month_name[month]


@dataclass(frozen=True)
class Item:
    """An installed item as the engine sees it."""

    label: str
    technology: str
    keys: tuple[str, ...]
    quantity: int
    status: str
    end_of_support: datetime.date | None = None


def urgency(item: Item, on: datetime.date) -> int:
    """How pressing replacing `item` is on the budget date `on` (0–1,000)."""
    if item.status == "retired":
        return 0
    points = {"end_of_support": FULL, "ageing": AGEING}.get(item.status, CURRENT)
    if item.end_of_support is not None:
        days = (item.end_of_support - on).days
        if days <= 0:
            points = FULL
        elif days <= HORIZON_DAYS:
            points = max(points, FULL - days * 500 // HORIZON_DAYS)
    return points


@dataclass
class Customer:
    """Everything about one customer the engine needs, read once."""

    today: datetime.date
    budget_month: int | None
    theme_weights: dict[str, int]  # importance summed per theme
    items: list[Item]
    themes: list[str] = field(default_factory=list)  # every theme, in bit order

    def __post_init__(self) -> None:
        self.on = budget_date(self.today, self.budget_month)
        total = sum(self.theme_weights.values())
        self.coefficients = {t: FULL * w // total for t, w in self.theme_weights.items() if total and w}
        self.urgency: dict[str, int] = {}
        self.slack: dict[str, int] = {}
        for item in self.items:
            if item.status == "retired":
                continue
            for key in item.keys:
                self.urgency[key] = max(self.urgency.get(key, 0), urgency(item, self.on))
                if item.end_of_support is not None:
                    days = (item.end_of_support - self.today).days
                    self.slack[key] = min(self.slack.get(key, days), days)

    @property
    def present(self) -> set[str]:
        return set(self.urgency)


@dataclass(frozen=True)
class Offer:
    """An offering as the engine sees it (keys normalised)."""

    pk: int
    themes: tuple[str, ...]
    replaces: tuple[str, ...] = ()
    compatible: tuple[str, ...] = ()
    incompatible: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    cost_band: int = 3
    lead_time_days: int = 30
    available_from: datetime.date | None = None
    available_until: datetime.date | None = None
    lifecycle: str = "mainstream"


@dataclass(frozen=True)
class Weights:
    goals: int = 4
    installed_base: int = 3
    timing: int = 2
    cost_benefit: int = 1

    @property
    def total(self) -> int:
        return self.goals + self.installed_base + self.timing + self.cost_benefit


@dataclass(frozen=True)
class Assessment:
    pk: int
    goals: int
    installed: int
    timing: int
    cost_benefit: int
    score: int
    excluded: str  # one of REASONS, or "" when it fits

    def percent(self, weights: Weights) -> int:
        """The score as a share of the best possible under these weights."""
        return round(100 * self.score / (FULL * weights.total)) if weights.total else 0


def available_on(offer: Offer, day: datetime.date) -> bool:
    starts = offer.available_from is None or offer.available_from <= day
    return starts and (offer.available_until is None or offer.available_until >= day)


def assess(offer: Offer, customer: Customer, weights: Weights) -> Assessment:
    """How `offer` fits `customer` (the reference for ranking.py's SQL)."""
    present = customer.present
    goals = sum(customer.coefficients.get(t, 0) for t in set(offer.themes))
    replaced = [customer.urgency[k] for k in offer.replaces if k in customer.urgency]
    installed = max(replaced, default=0)
    if any(k in present for k in offer.compatible):
        installed = max(installed, COMPATIBLE)
    slacks = [customer.slack[k] for k in offer.replaces if k in customer.slack]
    on_time = not slacks or offer.lead_time_days <= min(slacks)
    timing = 500 * available_on(offer, customer.on) + 500 * on_time
    cost_benefit = (goals + installed) * COST_FACTOR[offer.cost_band] // 200
    score = (
        weights.goals * goals
        + weights.installed_base * installed
        + weights.timing * timing
        + weights.cost_benefit * cost_benefit
    )
    return Assessment(
        offer.pk, goals, installed, timing, cost_benefit, score, _excluded(offer, customer, goals, installed)
    )


def _excluded(offer: Offer, customer: Customer, goals: int, installed: int) -> str:
    present = customer.present
    if offer.lifecycle == END_OF_SALE:
        return END_OF_SALE
    if any(k in present for k in offer.incompatible):
        return INCOMPATIBLE
    if any(k not in present for k in offer.prerequisites):
        return PREREQUISITE
    if offer.available_until is not None and offer.available_until < customer.today:
        return UNAVAILABLE
    if goals == 0 and installed == 0:
        return NO_FIT
    return ""


def rank(offers: Iterable[Offer], customer: Customer, weights: Weights, limit: int = 10) -> list[Assessment]:
    """The short list: fitting offers by score, best first, ties by id (the reference ranking)."""
    fitting = [a for a in (assess(o, customer, weights) for o in offers) if not a.excluded]
    return sorted(fitting, key=lambda a: (-a.score, a.pk))[:limit]
