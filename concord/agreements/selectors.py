"""Reads of agreements, clauses, traceability and negotiation notes, inside the actor's reach."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.agreements import similarity
from concord.agreements.models import Agreement, Clause, ClauseNote
from concord.partnerships.models import Partnership
from concord.vision.models import Objective
from concord.vision.selectors import current_objectives


def agreement_list(*, actor: User, partnership: Partnership) -> QuerySet[Agreement]:
    """The partnership's agreements, newest first, with their clause and orphan counts (filtered
    by filters.AgreementFilter, read in pages)."""
    require(actor, Action.VIEW, partnership)
    return (
        Agreement.objects.restrict(actor)
        .filter(partnership=partnership)
        .annotate(
            clause_count=Count("clauses", distinct=True),
            orphan_count=Count("clauses", filter=Q(clauses__objectives__isnull=True), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


def with_clauses(agreements: QuerySet[Agreement], *, actor: User) -> QuerySet[Agreement]:
    """Agreements (a filtered agreement_list) with their clauses in order and the clauses'
    objectives, for the export: three queries for any number of agreements read together."""
    objectives = Prefetch("objectives", queryset=Objective.objects.restrict(actor).order_by("code"))
    clauses = Clause.objects.restrict(actor).order_by("position", "pk").prefetch_related(objectives)
    return agreements.select_related("created_by").prefetch_related(Prefetch("clauses", queryset=clauses))


def agreement_get(*, actor: User, pk: int) -> Found[Agreement]:
    agreements = Agreement.objects.select_related("partnership", "gate_override_by", "created_by")
    return get_for(actor, agreements, pk=pk)


def clause_get(*, actor: User, pk: int) -> Found[Clause]:
    clauses = Clause.objects.select_related("agreement__partnership").prefetch_related("objectives")
    return get_for(actor, clauses, pk=pk)


def clause_list(*, agreement: Agreement) -> QuerySet[Clause]:
    """Clauses of an agreement already read through agreement_get, in order (filtered by
    filters.ClauseFilter, read in pages: the clause list and the traceability matrix's rows)."""
    return agreement.clauses.prefetch_related("objectives").order_by("position", "pk")


def supports_an_objective() -> Exists:
    """True for a clause linked to at least one objective; an orphan clause is linked to none."""
    return Exists(Clause.objectives.through.objects.filter(clause_id=OuterRef("pk")))


@dataclass(frozen=True)
class Coverage:
    """How an agreement's clauses cover the vision: the objectives in force (the traceability
    matrix's columns), those no clause supports, and how many clauses support none."""

    objectives: list[Objective]
    uncovered: list[Objective]
    orphan_count: int


def coverage(*, actor: User, agreement: Agreement) -> Coverage:
    """Three queries, however many clauses: the summary above every page of clauses."""
    objectives = current_objectives(actor=actor, partnership=agreement.partnership)
    links = agreement.clauses.filter(objectives__isnull=False).order_by()  # no order: DISTINCT ids
    covered = set(links.values_list("objectives", flat=True).distinct())
    orphans = agreement.clauses.filter(~supports_an_objective()).count()
    return Coverage(objectives, [o for o in objectives if o.pk not in covered], orphans)


def matrix_rows(clauses: Iterable[Clause]) -> list[tuple[Clause, set[int]]]:
    """Each clause of a page with the ids of the objectives it supports (read with it)."""
    return [(c, {o.pk for o in c.objectives.all()}) for c in clauses]


def clause_notes(*, actor: User, clause: Clause) -> QuerySet[ClauseNote]:
    """Positions on the clause the actor may read: shared ones, and their own organisation's. In
    the order they were stated, as a negotiation reads (filtered by filters.ClauseNoteFilter, read
    in pages)."""
    notes = ClauseNote.objects.restrict(actor).filter(clause=clause).select_related("owner", "created_by")
    return notes.order_by("created_at", "pk")


@dataclass(frozen=True)
class Suggested:
    objective: Objective
    score: float
    words: list[str]


def suggestions(*, actor: User, clause: Clause) -> list[Suggested]:
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
