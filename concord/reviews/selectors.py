"""Reads of the Reviews tab, starting from the actor's scope.

Survey answers are never read one by one for anyone but their answerer (`my_response`, through
the Sealed rule). Results are aggregates: the responses of a round the actor may read are read
with the unscoped manager *only* to be folded into per-side figures under the round's threshold
(reviews.results) — no row of them leaves this module.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber

from concord.access.models import Party
from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.commitments.models import Commitment
from concord.partnerships.models import Partnership
from concord.reviews import results
from concord.reviews.models import Review, RoundStatus, SurveyResponse, SurveyRound
from concord.reviews.results import RoundResults
from concord.risks.selectors import owner_people


def sides_of(partnership_ids: Iterable[int]) -> dict[int, dict[int, str]]:
    """{partnership id: {organisation id: side}} in one query."""
    found: dict[int, dict[int, str]] = defaultdict(dict)
    rows = Party.unscoped.filter(partnership_id__in=list(partnership_ids))
    for pid, org, side in rows.values_list("partnership_id", "organisation_id", "side"):
        found[pid][org] = side
    return found


# ---- survey rounds -------------------------------------------------------------------------------


def round_list(*, actor: User, partnership: Partnership) -> QuerySet[SurveyRound]:
    """The partnership's rounds, newest first, with how many answered (filters.RoundFilter)."""
    require(actor, Action.VIEW, partnership)
    found = SurveyRound.objects.restrict(actor).filter(partnership=partnership)
    return found.annotate(answered=Count("responses")).order_by("-created_at", "-pk")


def round_get(*, actor: User, pk: int) -> Found[SurveyRound]:
    return get_for(actor, SurveyRound.objects.select_related("partnership", "created_by"), pk=pk)


def my_response(*, actor: User, round_: SurveyRound) -> SurveyResponse | None:
    """The actor's own answer to the round (the Sealed rule finds it by their key), if any."""
    return SurveyResponse.objects.restrict(actor).filter(round=round_).first()


def _results(round_: SurveyRound, side_of: dict[int, str], rows: Iterable[tuple[int, Any]]) -> RoundResults:
    return results.build(
        dimensions=round_.dimensions,
        threshold=round_.min_respondents,
        closed=round_.status == RoundStatus.CLOSED,
        side_of=side_of,
        responses=rows,
    )


def round_results(*, actor: User, round_: SurveyRound) -> RoundResults:
    """A round's per-side results and gaps (two queries), for a reader of the round."""
    require(actor, Action.VIEW, round_)
    rows = SurveyResponse.unscoped.filter(round=round_).values_list("organisation_id", "answers")
    return _results(round_, sides_of([round_.partnership_id])[round_.partnership_id], rows)


@dataclass(frozen=True)
class Trend:
    round: SurveyRound
    results: RoundResults


def trends(*, actor: User, partnership: Partnership, limit: int = 12) -> list[Trend]:
    """The last `limit` closed rounds, oldest first, with their results: three queries."""
    require(actor, Action.VIEW, partnership)
    rounds = list(
        SurveyRound.objects.restrict(actor)
        .filter(partnership=partnership, status=RoundStatus.CLOSED)
        .order_by("-closed_on", "-pk")[:limit]
    )
    rows: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    responses = SurveyResponse.unscoped.filter(round__in=rounds)
    for round_id, org, answers in responses.values_list("round_id", "organisation_id", "answers"):
        rows[round_id].append((org, answers))
    side_of = sides_of([partnership.pk])[partnership.pk]
    return [Trend(r, _results(r, side_of, rows[r.pk])) for r in reversed(rounds)]


def latest_closed(*, actor: User, partnership: Partnership, on_or_before: datetime.date | None = None) -> Any:
    """The latest closed round (closed on or before a day), or None."""
    found = SurveyRound.objects.restrict(actor).filter(partnership=partnership, status=RoundStatus.CLOSED)
    if on_or_before is not None:
        found = found.filter(closed_on__lte=on_or_before)
    return found.order_by("-closed_on", "-pk").first()


@dataclass(frozen=True)
class SurveyHealth:
    """What the health index takes from the survey: the latest closed round's 0–100 score."""

    partnership_id: int
    round_id: int
    closed_on: datetime.date
    score: float


def survey_health(partnership_ids: Sequence[int]) -> dict[int, SurveyHealth]:
    """For each partnership, its latest closed round's mean "how it is" over both sides on 0–100
    (reviews.perception.round_score) — only where both sides reached the round's threshold;
    absent otherwise. Three queries whatever the number of partnerships: the latest closed rounds
    (a window per partnership), their responses, the parties. Results of a closed round are joint
    (both sides read them), so no reader is needed; the caller passes the partnerships its reader
    may see."""
    if not partnership_ids:
        return {}
    latest = (
        SurveyRound.unscoped.filter(partnership_id__in=list(partnership_ids), status=RoundStatus.CLOSED)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("partnership_id"),
                order_by=[F("closed_on").desc(), F("pk").desc()],
            )
        )
        .filter(rank=1)
        .only("pk", "partnership_id", "closed_on", "dimensions", "min_respondents", "status")
    )
    rounds = list(latest)
    if not rounds:
        return {}
    rows: dict[int, list[tuple[int, Any]]] = defaultdict(list)
    responses = SurveyResponse.unscoped.filter(round__in=[r.pk for r in rounds])
    for round_id, org, answers in responses.values_list("round_id", "organisation_id", "answers"):
        rows[round_id].append((org, answers))
    sides = sides_of({r.partnership_id for r in rounds})
    found = {}
    for round_ in rounds:
        score = _results(round_, sides[round_.partnership_id], rows[round_.pk]).score
        if score is not None and round_.closed_on is not None:
            found[round_.partnership_id] = SurveyHealth(
                round_.partnership_id, round_.pk, round_.closed_on, round(score, 1)
            )
    return found


# ---- performance reviews -------------------------------------------------------------------------


def review_list(*, actor: User, partnership: Partnership) -> QuerySet[Review]:
    """The partnership's reviews, latest period first (filters.ReviewFilter)."""
    require(actor, Action.VIEW, partnership)
    found = Review.objects.restrict(actor).filter(partnership=partnership)
    return found.select_related("buyer_signed_by", "supplier_signed_by").order_by("-period_to", "-pk")


def review_get(*, actor: User, pk: int) -> Found[Review]:
    reviews = Review.objects.select_related(
        "partnership", "previous", "plan", "created_by", "buyer_signed_by", "supplier_signed_by"
    )
    return get_for(actor, reviews, pk=pk)


def action_people(*, actor: User, review: Review) -> list[User]:
    """Who may own an improvement action: the actor's colleagues and the parties' managers (the
    risks' rule for owners: the partner's staff list is not browsable)."""
    return owner_people(actor=actor, partnership=review.partnership)


def action_items(*, actor: User, review: Review) -> list[Commitment]:
    """The review's improvement actions: the items of its plan the actor may read."""
    if review.plan_id is None:
        return []
    found = Commitment.objects.restrict(actor).filter(plan_id=review.plan_id)
    return list(found.select_related("owner", "owner_person").order_by("promised_on", "pk"))


def waiting_rounds(*, actor: User) -> QuerySet[SurveyRound]:
    """Open rounds of the partnerships the actor reads that they have not answered yet (their
    home page): soonest to close first. Who answered is known only by the sealed key."""
    from concord.core.sealing import seal

    answered = SurveyResponse.unscoped.filter(respondent=seal("survey", actor.pk)).values("round_id")
    found = SurveyRound.objects.restrict(actor).filter(status=RoundStatus.OPEN)
    return found.exclude(pk__in=answered).order_by("closes_on", "pk")
