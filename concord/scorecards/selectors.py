"""Reads of scorecards and their scores, inside the actor's reach; scoring is set-based."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from concord.access.linking import may_link_from
from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.goals.models import Goal
from concord.partnerships.models import Partnership
from concord.scorecards import compute
from concord.scorecards.models import Scorecard
from concord.scorecards.services import current_definition


def scorecard_list(*, actor: User, partnership: Partnership) -> QuerySet[Scorecard]:
    """Both sides' scorecards the actor may read, by direction (filtered by
    filters.ScorecardFilter, read in pages; score only the page with `results`)."""
    require(actor, Action.VIEW, partnership)
    cards = Scorecard.objects.restrict(actor).filter(partnership=partnership).select_related("owner")
    return cards.order_by("direction", "pk")


def scorecard_get(*, actor: User, pk: int) -> Found[Scorecard]:
    return get_for(actor, Scorecard.objects.select_related("partnership", "owner", "created_by"), pk=pk)


def _usable(actor: User, cards: list[Scorecard]) -> dict[int, set[int]]:
    """Goal ids each card may read (the linking rule), for all cards in one query. Whoever may read
    a card may read every goal it may use, so reading them in the actor's scope loses nothing."""
    if not cards:
        return {}
    goals = (
        Goal.objects.restrict(actor)
        .filter(partnership_id__in={c.partnership_id for c in cards})
        .only("pk", "partnership_id", "visibility", "owner_id")
    )
    usable: dict[int, set[int]] = {c.pk: set() for c in cards}
    for goal in goals:
        for card in cards:
            if card.partnership_id == goal.partnership_id and may_link_from(card, goal):
                usable[card.pk].add(goal.pk)
    return usable


def results(
    *, actor: User, cards: list[Scorecard], as_of: datetime.date | None = None
) -> dict[int, compute.Result]:
    """Scores of scorecards read through the actor's scope: 2 queries plus one per period kind."""
    usable = _usable(actor, cards)
    items = []
    for card in cards:
        definition = current_definition(card, usable[card.pk])
        if definition is not None:
            items.append((card.pk, definition))
    return compute.score_many(items, as_of or timezone.localdate())
