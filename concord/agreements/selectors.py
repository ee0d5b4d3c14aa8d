"""Reads of agreements, clauses, traceability and negotiation notes, inside the actor's reach."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.agreements import similarity
from concord.agreements.models import Agreement, Clause, ClauseNote
from concord.partnerships.models import Partnership
from concord.vision.models import Objective
from concord.vision.selectors import current_objectives


def agreement_list(*, actor: Any, partnership: Partnership) -> QuerySet[Agreement]:
    require(actor, Action.VIEW, partnership)
    return (
        Agreement.objects.restrict(actor)
        .filter(partnership=partnership)
        .annotate(
            clause_count=Count("clauses", distinct=True),
            orphan_count=Count("clauses", filter=Q(clauses__objectives__isnull=True), distinct=True),
        )
    )


def agreement_get(*, actor: Any, pk: int) -> Found[Agreement]:
    agreements = Agreement.objects.select_related("partnership", "gate_override_by", "created_by")
    return get_for(actor, agreements, pk=pk)


def clause_get(*, actor: Any, pk: int) -> Found[Clause]:
    clauses = Clause.objects.select_related("agreement__partnership").prefetch_related("objectives")
    return get_for(actor, clauses, pk=pk)


def clause_list(*, agreement: Agreement) -> QuerySet[Clause]:
    """Clauses of an agreement already read through agreement_get."""
    return agreement.clauses.prefetch_related("objectives")


@dataclass
class Matrix:
    """Clauses × objectives, with what is out of line flagged."""

    objectives: list[Objective]
    rows: list[tuple[Clause, set[int]]]
    orphans: list[Clause] = field(default_factory=list)
    uncovered: list[Objective] = field(default_factory=list)


def traceability(*, actor: Any, agreement: Agreement) -> Matrix:
    objectives = current_objectives(actor=actor, partnership=agreement.partnership)
    rows = [(c, {o.pk for o in c.objectives.all()}) for c in clause_list(agreement=agreement)]
    covered = set().union(*(links for _, links in rows)) if rows else set()
    return Matrix(
        objectives=objectives,
        rows=rows,
        orphans=[c for c, links in rows if not links],
        uncovered=[o for o in objectives if o.pk not in covered],
    )


def clause_notes(*, actor: Any, clause: Clause) -> QuerySet[ClauseNote]:
    """Positions on the clause the actor may read: shared ones, and their own organisation's."""
    return ClauseNote.objects.restrict(actor).filter(clause=clause).select_related("owner", "created_by")


@dataclass(frozen=True)
class Suggested:
    objective: Objective
    score: float
    words: list[str]


def suggestions(*, actor: Any, clause: Clause) -> list[Suggested]:
    """Objectives the clause's words point to, with the words that matched (already-linked ones skipped)."""
    objectives = current_objectives(actor=actor, partnership=clause.agreement.partnership)
    linked = {o.pk for o in clause.objectives.all()}
    candidates = [o for o in objectives if o.pk not in linked]
    others = [
        f"{c.heading}\n{c.text}"
        for c in clause.agreement.clauses.exclude(pk=clause.pk).only("heading", "text")
    ]
    by_id = {o.pk: o for o in candidates}
    found = similarity.suggest(
        f"{clause.heading}\n{clause.text}",
        [(o.pk, f"{o.title}\n{o.description}") for o in candidates],
        corpus=others,
    )
    return [Suggested(by_id[s.objective_id], s.score, s.words) for s in found]
