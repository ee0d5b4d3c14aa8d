"""The fit engine, set-based: every offering of a portfolio scored and ranked in one SQL query.

The same integer arithmetic as fit.py (the reference, which explains the short list), written as
database expressions: the customer's side (theme coefficients, the urgency and slack of each key of
the installed base) is small and computed once in Python; the portfolio's side (100,000 offerings)
never enters Python — the database scores, filters, sorts (score, then id) and returns the top few.
Matching the installed base reads OfferingKey by its index (offering, relation, key).
"""

from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest

from concord.insight import fit
from concord.insight.models import THEME_BITS, KeyRelation, Lifecycle, Offering, OfferingKey

INT = IntegerField()


def _int(value: int) -> Value:
    return Value(value, output_field=INT)


def _keyed(keys: QuerySet[OfferingKey], relation: str, wanted: set[str] | dict[str, int]) -> Any:
    return keys.filter(offering=OuterRef("pk"), relation=relation, key__in=sorted(wanted))


def _by_key(values: dict[str, int]) -> Case:
    return Case(
        *[When(key=k, then=_int(v)) for k, v in sorted(values.items())], default=_int(0), output_field=INT
    )


def _per_offering(keys: Any, aggregate: Any) -> Subquery:
    return Subquery(keys.values("offering").annotate(v=aggregate).values("v")[:1], output_field=INT)


def _goals(customer: fit.Customer) -> Any:
    terms = [
        _int(points) * (F("theme_mask").bitand(THEME_BITS[theme]) / _int(THEME_BITS[theme]))
        for theme, points in sorted(customer.coefficients.items())
        if points
    ]
    total: Any = _int(0)
    for term in terms:
        total = total + term
    return total


def scored(
    offerings: QuerySet[Offering], keys: QuerySet[OfferingKey], customer: fit.Customer, weights: fit.Weights
) -> QuerySet[Offering]:
    """`offerings` annotated with each factor, the score and the reason it is excluded ("" when it
    fits). `keys` is the reader's scoped OfferingKey queryset."""
    present = customer.present
    replaced = _per_offering(
        _keyed(keys, KeyRelation.REPLACES, customer.urgency), Max(_by_key(customer.urgency))
    )
    slack = (
        _per_offering(_keyed(keys, KeyRelation.REPLACES, customer.slack), Min(_by_key(customer.slack)))
        if customer.slack
        else Value(None, output_field=INT)
    )
    met = _per_offering(_keyed(keys, KeyRelation.PREREQUISITE, present), Count("id"))
    on = customer.on
    available = Q(Q(available_from__isnull=True) | Q(available_from__lte=on)) & Q(
        Q(available_until__isnull=True) | Q(available_until__gte=on)
    )
    cost_factor = Case(
        *[When(cost_band=band, then=_int(f)) for band, f in fit.COST_FACTOR.items()], output_field=INT
    )
    return (
        offerings.annotate(
            f_goals=_goals(customer),
            f_replaced=Coalesce(replaced, _int(0)),
            f_compatible=Exists(_keyed(keys, KeyRelation.COMPATIBLE, present)),
            f_incompatible=Exists(_keyed(keys, KeyRelation.INCOMPATIBLE, present)),
            f_met=Coalesce(met, _int(0)),
            f_slack=slack,
        )
        .annotate(
            f_installed=Case(
                When(f_compatible=True, then=Greatest(F("f_replaced"), _int(fit.COMPATIBLE))),
                default=F("f_replaced"),
                output_field=INT,
            ),
            f_timing=Case(When(available, then=_int(500)), default=_int(0), output_field=INT)
            + Case(
                When(f_slack__isnull=True, then=_int(500)),
                When(lead_time_days__lte=F("f_slack"), then=_int(500)),
                default=_int(0),
                output_field=INT,
            ),
        )
        .annotate(f_cost_benefit=(F("f_goals") + F("f_installed")) * cost_factor / _int(200))
        .annotate(
            f_score=_int(weights.goals) * F("f_goals")
            + _int(weights.installed_base) * F("f_installed")
            + _int(weights.timing) * F("f_timing")
            + _int(weights.cost_benefit) * F("f_cost_benefit"),
            f_excluded=Case(
                When(lifecycle=Lifecycle.END_OF_SALE, then=Value(fit.END_OF_SALE)),
                When(f_incompatible=True, then=Value(fit.INCOMPATIBLE)),
                When(f_met__lt=F("prerequisite_count"), then=Value(fit.PREREQUISITE)),
                When(available_until__lt=customer.today, then=Value(fit.UNAVAILABLE)),
                When(Q(f_goals=0) & Q(f_installed=0), then=Value(fit.NO_FIT)),
                default=Value(""),
            ),
        )
    )


def shortlist(scored_offerings: QuerySet[Any], limit: int) -> list[fit.Assessment]:
    """The best `limit` fitting offerings, by score then id: one query, `limit` rows."""
    rows = (
        scored_offerings.filter(f_excluded="")
        .order_by("-f_score", "id")
        .values_list("id", "f_goals", "f_installed", "f_timing", "f_cost_benefit", "f_score")[:limit]
    )
    return [fit.Assessment(pk, g, i, t, c, s, "") for pk, g, i, t, c, s in rows]


def excluded_counts(scored_offerings: QuerySet[Any]) -> dict[str, int]:
    """How many offerings each reason excludes (one query): the answer to "why so few?"."""
    rows = scored_offerings.exclude(f_excluded="").values("f_excluded").annotate(n=Count("id")).order_by()
    return {r["f_excluded"]: r["n"] for r in rows}


def excluded_sample(scored_offerings: QuerySet[Any], limit: int) -> list[tuple[int, str]]:
    """Some of the offerings left out, with their reason (one query, `limit` rows, by name)."""
    rows = scored_offerings.exclude(f_excluded="").order_by("name", "id").values_list("id", "f_excluded")
    return list(rows[:limit])
