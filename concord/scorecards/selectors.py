"""Reads of scorecards and their scores, inside the actor's reach; scoring is set-based."""

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from concord.access import scoping
from concord.access.policy import require
from concord.access.roles import Action, Visibility
from concord.core.errors import NotFound
from concord.goals.models import Goal
from concord.partnerships.models import Partnership
from concord.scorecards import compute
from concord.scorecards.models import Scorecard
from concord.scorecards.services import current_definition


def scorecard_list(*, actor: Any, partnership: Partnership) -> QuerySet[Scorecard]:
    require(actor, Action.VIEW, partnership)
    return scoping.records_for(actor, Scorecard.objects.filter(partnership=partnership)).select_related(
        "owner"
    )


def scorecard_get(*, actor: Any, pk: int) -> Scorecard:
    found = (
        scoping.records_for(actor, Scorecard.objects.filter(pk=pk))
        .select_related("partnership", "owner", "created_by")
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def _usable(cards: list[Scorecard]) -> dict[int, set[int]]:
    """Goal ids each card may read, for all cards in one query."""
    if not cards:
        return {}
    rows = Goal.objects.filter(
        Q(partnership_id__in={c.partnership_id for c in cards})
        & (Q(visibility=Visibility.SHARED) | Q(owner_id__in={c.owner_id for c in cards}))
    ).values_list("pk", "partnership_id", "visibility", "owner_id")
    usable: dict[int, set[int]] = {c.pk: set() for c in cards}
    for goal_id, partnership_id, visibility, owner_id in rows:
        for card in cards:
            if card.partnership_id != partnership_id:
                continue
            if visibility == Visibility.SHARED or (
                card.visibility == Visibility.INTERNAL and owner_id == card.owner_id
            ):
                usable[card.pk].add(goal_id)
    return usable


def results(cards: list[Scorecard], as_of: datetime.date | None = None) -> dict[int, compute.Result]:
    """Scores of scorecards already read through scoping: 2 queries plus one per period kind."""
    usable = _usable(cards)
    items = []
    for card in cards:
        definition = current_definition(card, usable[card.pk])
        if definition is not None:
            items.append((card.pk, definition))
    return compute.score_many(items, as_of or timezone.localdate())
