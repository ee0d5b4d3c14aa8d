"""Numbers of an evaluation as people read them."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def pct(value: Any) -> str:
    """A weight (0–1) as a percentage with one decimal; an em dash for none."""
    return "—" if value is None else f"{value * 100:.1f} %"


@register.filter
def score(value: Any) -> str:
    """A score on the 1–5 scale with two decimals; an em dash for none."""
    return "—" if value is None else f"{value:.2f}"


@register.filter
def signed_pct(value: Any) -> str:
    return "—" if value is None else f"{value * 100:+.1f} points"
