"""Reads of the risk register, always starting from `Risk.objects.restrict(actor)`: the other
side's internal risks are never read, so they never show, nor count — in the list, the heat map,
the exposure figure, the home page or the glance card.

`exposure` is set-based: one query answers for any number of partnerships (the portfolio and the
later health index read it that way), from the reader's point of view.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum, Window
from django.urls import reverse

from concord.access.models import Party
from concord.access.policy import Found, get_for, require
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.lessons.models import CarrierKind
from concord.lessons.selectors import carried_by
from concord.partnerships.models import Partnership
from concord.partnerships.selectors import colleagues
from concord.risks import scoring
from concord.risks.models import LIVE, Risk, ScoreChange

TOP = 3  # risks on the overview's card


def risk_list(*, actor: User, partnership: Partnership) -> QuerySet[Risk]:
    """The risks the actor may read, highest score first (filters.RiskFilter; read in pages)."""
    require(actor, Action.VIEW, partnership)
    found = Risk.objects.restrict(actor).filter(partnership=partnership)
    return found.select_related("owner", "owner_party", "owner_person").order_by("-score", "-pk")


def risk_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Risk]:
    risks = Risk.objects.all().select_related(
        "partnership", "owner", "owner_party", "owner_person", "created_by", "plan"
    )
    return get_for(actor, risks, action, pk=pk)


def risk_titles(actor: User, ids: set[int]) -> dict[int, tuple[str, str]]:
    """{id: (title, url)} of the risks among `ids` the actor may read (lessons.carriers)."""
    rows = Risk.objects.restrict(actor).filter(pk__in=ids).values_list("pk", "title")
    return {pk: (title, reverse("risk", args=[pk])) for pk, title in rows}


def lessons_of(*, actor: User, risk: Risk) -> list[Any]:
    return carried_by(actor=actor, kind=CarrierKind.RISK, carrier_id=risk.pk)


def score_history(*, actor: User, risk: Risk) -> QuerySet[ScoreChange]:
    """Every rating of the risk, newest first (read in pages)."""
    found = ScoreChange.objects.restrict(actor).filter(risk=risk).select_related("changed_by")
    return found.order_by("-created_at", "-pk")


def heat_map(risks: QuerySet[Risk]) -> list[list[scoring.Cell]]:
    """The 5×5 counts of `risks` (a filtered list the reader may read): one query."""
    counts = risks.order_by().values_list("likelihood", "impact").annotate(n=Count("pk"))
    return scoring.grid(counts)


def overdue(risks: QuerySet[Risk], today: datetime.date) -> QuerySet[Risk]:
    """Live risks whose review date has passed."""
    return risks.filter(status__in=LIVE, next_review_on__lt=today)


@dataclass(frozen=True)
class Exposure:
    """A partnership's risk exposure as the reader sees it: 0–100 (scoring.exposure), from the
    scores of the `live` risks they may read; `recorded` counts every risk they may read."""

    exposure: int
    live: int
    recorded: int
    critical: int


NONE = Exposure(0, 0, 0, 0)


def exposure(*, actor: User, partnership_ids: Iterable[int]) -> dict[int, Exposure]:
    """The exposure of each partnership (absent ones have no risk the actor may read): one
    query for all of them, counting only the risks the actor may read."""
    live = Q(status__in=LIVE)
    rows = (
        Risk.objects.restrict(actor)
        .filter(partnership_id__in=list(partnership_ids))
        .order_by()
        .values("partnership_id")
        .annotate(
            total=Sum("score", filter=live),
            live=Count("pk", filter=live),
            recorded=Count("pk"),
            critical=Count("pk", filter=live & Q(score__gte=20)),
        )
    )
    return {
        r["partnership_id"]: Exposure(scoring.exposure(r["total"]), r["live"], r["recorded"], r["critical"])
        for r in rows
    }


@dataclass(frozen=True)
class Card:
    """The overview's card: the highest live risks, and the exposure of all the live ones."""

    top: list[Risk]
    exposure: int
    live: int


def risk_card(*, actor: User, partnership: Partnership) -> Card:
    """The TOP highest live risks the actor may read, with the sum and number of all of them
    (window aggregates, computed before the LIMIT): one query, the exposure as `exposure` gives it."""
    found = Risk.objects.restrict(actor).filter(partnership=partnership, status__in=LIVE)
    top: list[Any] = list(
        found.annotate(live_total=Window(Sum("score")), live_count=Window(Count("pk")))
        .select_related("owner_party")
        .order_by("-score", "-pk")[:TOP]
    )
    if not top:
        return Card([], 0, 0)
    return Card(top, scoring.exposure(top[0].live_total), top[0].live_count)


def owned_overdue(*, actor: User, today: datetime.date) -> QuerySet[Risk]:
    """Live risks the actor owns whose review is overdue, across every partnership (home page)."""
    found = Risk.objects.restrict(actor).filter(owner_person=actor)
    return overdue(found, today).select_related("partnership").order_by("next_review_on", "pk")


def owner_people(*, actor: User, partnership: Partnership) -> list[User]:
    """Who may be named owner (choices of the forms): the actor's colleagues, and the other
    parties' partnership managers (the partner's staff list is not browsable). An internal risk
    takes only the recording organisation's people: the service checks it."""
    people = colleagues(actor=actor, partnership=partnership)
    known = {p.pk for p in people}
    parties = Party.objects.restrict(actor).filter(partnership_id=partnership.pk, manager__isnull=False)
    for party in parties.select_related("manager"):
        manager = party.manager
        if manager is not None and manager.pk not in known:
            people.append(manager)
            known.add(manager.pk)
    return people


def risk_people(*, actor: User, risk: Risk) -> list[User]:
    """Who may own `risk`: for an internal one the actor's colleagues only (the service checks
    they are of the owning organisation), for a shared one owner_people; and its present owner."""
    if risk.visibility == Visibility.INTERNAL:
        people = colleagues(actor=actor, partnership=risk.partnership)
    else:
        people = owner_people(actor=actor, partnership=risk.partnership)
    owner = risk.owner_person
    if owner is not None and owner.pk not in {p.pk for p in people}:
        people.append(owner)
    return people
