"""Selection reads, each starting from `Model.objects.restrict(actor)`: needs, their candidates,
criteria, judgments and scores, the suppliers a need may name, and the evaluation."""

import datetime
from typing import Any

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from concord.access import sides
from concord.access.models import Party
from concord.access.policy import Found, get_for
from concord.access.roles import Action
from concord.accounts.models import User
from concord.lifecycle.selectors import SupplierRow, supplier_rows
from concord.selection.evaluation import Evaluation, evaluate
from concord.selection.models import Candidate, Comparison, Criterion, Need, NeedStatus, Score


def need_list(*, actor: User) -> QuerySet[Need]:
    """The needs of the person's organisations, newest first, with their candidates counted."""
    return (
        Need.objects.restrict(actor)
        .select_related("owner", "created_by", "chosen")
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by("-created_at", "-id")
    )


def need_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Need]:
    source = Need.objects.restrict(actor).select_related("owner", "created_by", "chosen", "decided_by")
    return get_for(actor, source, action, pk=pk)


def criterion_get(*, actor: User, pk: int) -> Found[Criterion]:
    return get_for(actor, Criterion.objects.restrict(actor).select_related("need"), Action.VIEW, pk=pk)


def candidate_get(*, actor: User, pk: int) -> Found[Candidate]:
    return get_for(actor, Candidate.objects.restrict(actor).select_related("need"), Action.VIEW, pk=pk)


def criteria_of(*, actor: User, need: Need) -> list[Criterion]:
    return list(Criterion.objects.restrict(actor).filter(need=need).order_by("position", "id"))


def candidates_of(*, actor: User, need: Need) -> QuerySet[Candidate]:
    return (
        Candidate.objects.restrict(actor)
        .filter(need=need)
        .select_related("organisation")
        .order_by("name", "id")
    )


def comparisons_of(*, actor: User, need: Need) -> list[Comparison]:
    return list(
        Comparison.objects.restrict(actor)
        .filter(need=need)
        .order_by("first__position", "first_id", "second__position", "second_id")
    )


def scores_of(*, actor: User, need: Need) -> list[Score]:
    return list(
        Score.objects.restrict(actor)
        .filter(candidate__need=need)
        .select_related("evaluator")
        .order_by("candidate_id", "criterion_id", "evaluator_id")
    )


def evaluation(*, actor: User, need: Need) -> Evaluation:
    """Weights, aggregates, ranking and sensitivity of a need: four queries whatever its size."""
    return evaluate(
        method=need.weighting,
        criteria=criteria_of(actor=actor, need=need),
        comparisons=comparisons_of(actor=actor, need=need),
        candidates=list(candidates_of(actor=actor, need=need)),
        scores=scores_of(actor=actor, need=need),
    )


def known_suppliers(*, actor: User, need: Need) -> list[tuple[int, str]]:
    """(id, name) of the suppliers the need's organisation already works with: the existing
    organisations it may name as candidates (access.sides.candidate_organisation_ids)."""
    rows = (
        Party.objects.restrict(actor)
        .filter(organisation_id__in=sides.candidate_organisation_ids(need.owner_id))
        .order_by("organisation__name", "organisation_id")
        .values_list("organisation_id", "organisation__name")
    )
    seen: dict[int, str] = {}
    for org_id, name in rows:
        seen.setdefault(org_id, name)
    return list(seen.items())


def buying_organisations(*, actor: User) -> list[Any]:
    """The organisations in whose name the person may record a need (members, not viewers)."""
    from concord.organisations.models import Organisation

    return list(
        Organisation.objects.restrict(actor, Action.CONTRIBUTE)
        .exclude(kind="supplier")
        .order_by("name", "id")
    )


def awaiting_scores(*, actor: User) -> QuerySet[Need]:
    """Open needs of the person's organisations with candidates they have not fully scored: the
    home page's "scores awaited from you". One query; each count is its own subquery per need, as
    joining candidates, criteria and scores at once would multiply their rows (130 ms at 1,000
    partnerships, for a section of ten lines)."""
    mine = Score.objects.restrict(actor).filter(evaluator=actor, candidate__need=OuterRef("pk"))
    return (
        Need.objects.restrict(actor, Action.CONTRIBUTE)
        .filter(status=NeedStatus.OPEN)
        .annotate(
            candidate_count=_per_need(Candidate.objects.restrict(actor).filter(need=OuterRef("pk")), "need"),
            criterion_count=_per_need(Criterion.objects.restrict(actor).filter(need=OuterRef("pk")), "need"),
            given=_per_need(mine, "candidate__need"),
        )
        .annotate(cells=F("candidate_count") * F("criterion_count"))
        .filter(cells__gt=0, given__lt=F("cells"))
        .order_by("-created_at", "-id")
    )


def _per_need(rows: QuerySet[Any], need: str) -> Coalesce:
    """How many of `rows` (already tied to the outer need) there are, as a subquery: 0 for none."""
    counted = rows.order_by().values(need).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def candidate_diligence(
    *, actor: User, need: Need, candidates: list[Candidate], today: datetime.date
) -> dict[int, SupplierRow]:
    """{candidate id: the buying organisation's due diligence on it in figures} for the candidates
    that are organisations Concord knows (one query; lifecycle keeps the checklist, per supplier
    organisation as the buyer sees it). A new organisation by name has none until it joins."""
    known = [(c.organisation_id, c.name) for c in candidates if c.organisation_id is not None]
    if not known:
        return {}
    figures = {
        row.supplier.pk: row
        for row in supplier_rows(actor=actor, owner=need.owner, suppliers=known, today=today)
    }
    return {c.pk: figures[c.organisation_id] for c in candidates if c.organisation_id in figures}
