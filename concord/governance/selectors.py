"""Reads of governance inside the actor's reach: the structure (RACI with its problems, the
directory with who has left, the escalation path, committees), issues and the lessons they carry;
the decision log is in log.py. Lists are querysets in a stable order ending with the primary key."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from concord.access.linking import linkable
from concord.access.members import organisations_by_person
from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.goals.models import Goal
from concord.governance import citing, raci
from concord.governance.models import (
    Activity,
    Assignment,
    Committee,
    DecisionRight,
    EscalationLevel,
    GovernanceDecision,
    Issue,
    IssueStatus,
    KeyPerson,
)
from concord.lessons.models import CarrierKind
from concord.lessons.selectors import carried_by
from concord.partnerships.models import Partnership
from concord.vision.models import Objective, VisionRevision


def levels_of(*, actor: User, partnership: Partnership) -> list[EscalationLevel]:
    require(actor, Action.VIEW, partnership)
    return list(
        EscalationLevel.objects.restrict(actor).filter(partnership=partnership).order_by("rank", "pk")
    )


def directory(*, actor: User, partnership: Partnership) -> list[KeyPerson]:
    """The key people of both sides, each marked `left` when they no longer belong to the
    organisation they stand for (two queries)."""
    require(actor, Action.VIEW, partnership)
    people = list(
        KeyPerson.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("person", "organisation", "level")
        .order_by("organisation__name", "person__full_name", "pk")
    )
    orgs = organisations_by_person({p.person_id for p in people})
    for entry in people:
        entry.left = entry.organisation_id not in orgs.get(entry.person_id, set())  # type: ignore[attr-defined]
    return people


@dataclass
class Matrix:
    """The RACI matrix: activities (rows) × key people (columns), its cells and its problems."""

    people: list[KeyPerson]
    activities: list[Activity]
    cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (activity, key person) → letter
    problems: dict[int, list[raci.Problem]] = field(default_factory=dict)

    def rows(self) -> list[tuple[Activity, list[str], list[raci.Problem]]]:
        return [
            (a, [self.cells.get((a.pk, p.pk), "") for p in self.people], self.problems.get(a.pk, []))
            for a in self.activities
        ]

    @property
    def problem_count(self) -> int:
        return sum(len(p) for p in self.problems.values())


def matrix(*, actor: User, partnership: Partnership, people: list[KeyPerson] | None = None) -> Matrix:
    """The RACI matrix with its problems (raci.py); three queries with the directory."""
    people = people if people is not None else directory(actor=actor, partnership=partnership)
    activities = list(
        Activity.objects.restrict(actor).filter(partnership=partnership).order_by("position", "pk")
    )
    found = Matrix(people, activities)
    left = {p.pk: getattr(p, "left", False) for p in people}
    names = {p.pk: p.person.get_full_name() or p.person.email for p in people}
    rows: dict[int, list[raci.Cell]] = {a.pk: [] for a in activities}
    cells = Assignment.objects.restrict(actor).filter(activity__partnership=partnership)
    for activity_id, person_id, role in cells.values_list("activity_id", "key_person_id", "role"):
        found.cells[(activity_id, person_id)] = role
        rows.setdefault(activity_id, []).append(raci.Cell(person_id, role, left.get(person_id, False)))
    found.problems = raci.matrix_problems(rows, names)
    return found


def activity_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Activity]:
    return get_for(actor, Activity.objects.select_related("partnership"), action, pk=pk)


def level_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[EscalationLevel]:
    return get_for(actor, EscalationLevel.objects.select_related("partnership"), action, pk=pk)


def key_person_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[KeyPerson]:
    return get_for(actor, KeyPerson.objects.select_related("partnership", "person"), action, pk=pk)


def right_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[DecisionRight]:
    return get_for(actor, DecisionRight.objects.select_related("committee__partnership"), action, pk=pk)


def decision_get(*, actor: User, pk: int) -> Found[GovernanceDecision]:
    decisions = GovernanceDecision.objects.select_related(
        "partnership", "owner", "committee", "right", "created_by", "superseded_by"
    )
    return get_for(actor, decisions, pk=pk)


def later_decisions(*, actor: User, decision: GovernanceDecision) -> list[GovernanceDecision]:
    """What may supersede `decision`: the partnership's decisions of the same day or later that the
    actor can see and the decision may point at (a shared one: shared ones), newest first."""
    found = (
        GovernanceDecision.objects.restrict(actor)
        .filter(partnership_id=decision.partnership_id, decided_on__gte=decision.decided_on)
        .filter(linkable(decision.visibility, decision.owner_id))
        .exclude(pk=decision.pk)
    )
    return list(found.order_by("-decided_on", "-pk")[:50])


def committee_list(*, actor: User, partnership: Partnership) -> QuerySet[Committee]:
    """The committees, with their members and rights (three queries however many)."""
    require(actor, Action.VIEW, partnership)
    members = KeyPerson.objects.restrict(actor).select_related("person", "organisation")
    return (
        Committee.objects.restrict(actor)
        .filter(partnership=partnership)
        .prefetch_related(Prefetch("members", queryset=members))
        .prefetch_related(Prefetch("rights", queryset=DecisionRight.objects.restrict(actor).order_by("pk")))
        .order_by("name", "pk")
    )


def committee_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Committee]:
    return get_for(actor, Committee.objects.select_related("partnership"), action, pk=pk)


def rights_of(*, actor: User, partnership: Partnership) -> list[tuple[int, str]]:
    """(id, "committee: scope up to limit") of every decision right, for the decision form."""
    rights = DecisionRight.objects.restrict(actor).filter(committee__partnership=partnership)
    return [
        (r.pk, f"{r.committee.name}: {r}")
        for r in rights.select_related("committee").order_by("committee__name", "pk")
    ]


def goal_choices(*, actor: User, partnership: Partnership) -> list[tuple[int, str]]:
    goals = Goal.objects.restrict(actor).filter(partnership=partnership).order_by("title", "pk")
    return list(goals.values_list("pk", "title"))


def _issues(actor: User) -> QuerySet[Issue]:
    return Issue.objects.restrict(actor).select_related("owner", "level", "created_by", "partnership")


def issue_list(*, actor: User, partnership: Partnership) -> QuerySet[Issue]:
    """The issues the actor may see: open ones first, newest first (filters.IssueFilter)."""
    require(actor, Action.VIEW, partnership)
    goals = Goal.objects.restrict(actor).order_by("title", "pk")
    return (
        _issues(actor)
        .filter(partnership=partnership)
        .prefetch_related(Prefetch("goals", queryset=goals))
        .order_by("status", "-created_at", "-pk")
    )


def issue_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Issue]:
    goals = Goal.objects.restrict(actor).order_by("title", "pk")
    issues = (
        _issues(actor)
        .select_related("cited_objective", "resolved_by")
        .prefetch_related(Prefetch("goals", queryset=goals))
    )
    return get_for(actor, issues, action, pk=pk)


def waiting_on(*, actor: User) -> QuerySet[Issue]:
    """Open issues at a level of the escalation path where the actor is a key person."""
    mine = KeyPerson.objects.restrict(actor).filter(person=actor, level__isnull=False).values("level_id")
    return _issues(actor).filter(status=IssueStatus.OPEN, level__in=mine).order_by("level_since", "pk")


def open_issue_counts(*, actor: User, partnership_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{partnership: (open, escalated)} of the issues the actor can see (one query)."""
    from django.db.models import Count, Q

    rows = (
        Issue.objects.restrict(actor)
        .filter(partnership_id__in=partnership_ids, status=IssueStatus.OPEN)
        .values("partnership_id")
        .annotate(open=Count("pk"), escalated=Count("pk", filter=Q(escalations__gt=0)))
        .order_by()
    )
    return {r["partnership_id"]: (r["open"], r["escalated"]) for r in rows}


def lessons_of(*, actor: User, issue: Issue) -> list[Any]:
    return carried_by(actor=actor, kind=CarrierKind.ISSUE, carrier_id=issue.pk)


def issue_titles(actor: User, ids: set[int]) -> dict[int, tuple[str, str]]:
    """{id: (title, url)} of the issues among `ids` the actor may read (lessons.carriers)."""
    rows = Issue.objects.restrict(actor).filter(pk__in=ids).values_list("pk", "title")
    return {pk: (title, reverse("issue", args=[pk])) for pk, title in rows}


def citations(*, actor: User, partnership: Partnership) -> list[tuple[str, str, str]]:
    """What a resolution may cite, read as the actor (citing.py; two queries)."""
    objectives = Objective.objects.restrict(actor).filter(partnership=partnership, retired=False)
    revisions = VisionRevision.objects.restrict(actor).filter(document__partnership=partnership)
    latest = revisions.order_by("-number", "-pk").first()
    section = (latest.sections or {}).get("principles", "") if latest else ""
    return citing.choices(objectives.order_by("code", "pk"), section)


def decision_choices(*, actor: User, partnership: Partnership) -> dict[str, Any]:
    """The run-time choices of forms.DecisionForm."""
    committees = committee_list(actor=actor, partnership=partnership)
    return {
        "committees": [(c.pk, c.name) for c in committees],
        "rights": rights_of(actor=actor, partnership=partnership),
        "principles": citing.principle_names(citations(actor=actor, partnership=partnership)),
        "objectives": [
            (o.pk, str(o))
            for o in Objective.objects.restrict(actor)
            .filter(partnership=partnership, retired=False)
            .order_by("code")
        ],
        "goals": goal_choices(actor=actor, partnership=partnership),
    }
