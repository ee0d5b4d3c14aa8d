"""Recommendations in plain language, from the fit engine's numbers (pure: no database).

"Replaces 14 analysers reaching end of support in March 2027; supports the shared goal 'Reduce
unplanned downtime by 20 %'; fits the April budget cycle; delivered in 30 days."
"""

import datetime
from dataclasses import dataclass

from concord.insight import fit

STATUS_WORDS = {"end_of_support": "at end of support", "ageing": "ageing", "current": "in service"}


@dataclass(frozen=True)
class GoalRef:
    """A customer goal as a reason: its title and, when linked, the shared goal it stands for."""

    title: str
    theme: str
    shared_goal: str = ""
    objective: str = ""

    @property
    def words(self) -> str:
        if self.shared_goal:
            return f"supports the shared goal ‘{self.shared_goal}’"
        if self.objective:
            return f"supports the vision objective ‘{self.objective}’"
        return f"supports the customer's goal ‘{self.title}’"


def _month(day: datetime.date) -> str:
    return f"{fit.month_name(day.month)} {day.year}"


def _replaced(offer: fit.Offer, customer: fit.Customer) -> str:
    wanted = set(offer.replaces)
    items = [i for i in customer.items if i.status != "retired" and wanted & set(i.keys)]
    if not items:
        return ""
    quantity = sum(i.quantity for i in items)
    technologies = sorted({i.technology for i in items})
    what = technologies[0] if len(technologies) == 1 else ", ".join(technologies)
    dated = [i.end_of_support for i in items if i.end_of_support is not None]
    if dated:
        first = min(dated)
        when = "reached end of support in" if first <= customer.today else "reaching end of support in"
        return f"Replaces {quantity} × {what} {when} {_month(first)}"
    worst = max(items, key=lambda i: fit.urgency(i, customer.on))
    return f"Replaces {quantity} × {what} ({STATUS_WORDS.get(worst.status, worst.status)})"


def _compatible(offer: fit.Offer, customer: fit.Customer) -> str:
    present = customer.present
    hits = [k for k in offer.compatible if k in present]
    return f"works with what is installed ({', '.join(hits[:3])})" if hits else ""


def _timing(offer: fit.Offer, customer: fit.Customer) -> list[str]:
    words = []
    if customer.budget_month is not None:
        cycle = f"the {fit.month_name(customer.budget_month)} budget cycle"
        words.append(
            f"fits {cycle}" if fit.available_on(offer, customer.on) else f"not available for {cycle}"
        )
    elif not fit.available_on(offer, customer.on):
        words.append("not available now")
    slacks = [customer.slack[k] for k in offer.replaces if k in customer.slack]
    if slacks and offer.lead_time_days > min(slacks):
        words.append(f"its lead time of {offer.lead_time_days} days ends after the end of support")
    else:
        words.append(f"delivered in {offer.lead_time_days} days")
    return words


def reasons(offer: fit.Offer, customer: fit.Customer, goals: list[GoalRef]) -> str:
    """Why `offer` is recommended to `customer`, in one sentence."""
    parts = [_replaced(offer, customer), _compatible(offer, customer)]
    themes = set(offer.themes)
    served = [g for g in goals if g.theme in themes]
    parts += [g.words for g in served[:3]]
    if len(served) > 3:
        parts.append(f"and {len(served) - 3} more of the customer's goals")
    parts += _timing(offer, customer)
    text = "; ".join(p for p in parts if p)
    return (text[:1].upper() + text[1:] + ".") if text else ""


def why_not(reason: str, offer: fit.Offer, customer: fit.Customer) -> str:
    """Why an excluded offering is left out, naming what is in the way."""
    present = customer.present
    if reason == fit.INCOMPATIBLE:
        hits = [k for k in offer.incompatible if k in present]
        return f"Incompatible with {', '.join(hits)}, installed at the customer."
    if reason == fit.PREREQUISITE:
        missing = [k for k in offer.prerequisites if k not in present]
        return f"Needs {', '.join(missing)}, not in the customer's installed base."
    if reason == fit.UNAVAILABLE and offer.available_until is not None:
        return f"No longer available (until {offer.available_until.isoformat()})."
    return fit.REASONS.get(reason, "")
