"""Reads of goals and measurements inside the actor's reach, with their computed status.

The Goals tab is set-based: one query for the goals (with objectives prefetched) and one for all of
their measurements, whatever the number of goals; status, trend and overdue flags are computed in
memory from those rows.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from concord.access.models import Membership
from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.core import periods
from concord.core.errors import NotFound
from concord.goals import smart
from concord.goals.models import Goal, Measurement
from concord.goals.progress import (
    Assessment,
    GoalStatus,
    Overdue,
    assess_goal,
    expected_period,
    overdue_measurement,
)
from concord.goals.statuses import CLOSED
from concord.partnerships.models import Partnership
from concord.vision.models import Objective
from concord.vision.selectors import current_objectives


@dataclass(frozen=True)
class GoalView:
    """A goal with what the page and API show next to it."""

    goal: Goal
    points: list[tuple[datetime.date, Decimal]]
    assessment: Assessment
    overdue: Overdue | None
    findings: list[smart.Finding]

    @property
    def latest(self) -> tuple[datetime.date, Decimal] | None:
        return self.points[-1] if self.points else None


def visible_goals(*, actor: User, partnership: Partnership) -> QuerySet[Goal]:
    require(actor, Action.VIEW, partnership)
    return (
        Goal.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("owner", "owner_person")
        .prefetch_related(Prefetch("objectives", queryset=Objective.objects.restrict(actor).order_by("code")))
    )


def _points_by_goal(goal_ids: list[int]) -> dict[int, list[tuple[datetime.date, Decimal]]]:
    found: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    # The goals were read through the actor's scope; their measurements are read where they are.
    rows = Measurement.unscoped.filter(goal_id__in=goal_ids).order_by("goal_id", "measured_on")
    for goal_id, day, value in rows.values_list("goal_id", "measured_on", "value"):
        found[goal_id].append((day, value))
    return found


def describe(goals: list[Goal], today: datetime.date | None = None) -> list[GoalView]:
    """Status, overdue flag and SMART findings for goals read through visible_goals (2 queries)."""
    today = today or timezone.localdate()
    points = _points_by_goal([g.pk for g in goals])
    views = []
    for goal in goals:
        mine = points.get(goal.pk, [])
        result = assess_goal(goal, mine, today)
        latest = mine[-1][0] if mine else None
        overdue = overdue_measurement(
            frequency=goal.frequency,
            start=goal.start_date,
            latest=latest,
            today=today,
            closed=result.status in CLOSED,
        )
        findings = smart.check(goal, linked_objectives=len(goal.objectives.all()))
        views.append(GoalView(goal, mine, result, overdue, findings))
    return views


def goal_list(*, actor: User, partnership: Partnership) -> QuerySet[Goal]:
    """The goals of the Goals tab, by due date (undated ones last), then id; filtered by
    filters.GoalFilter, whose computed filters `goal_views` applies."""
    return visible_goals(actor=actor, partnership=partnership).order_by(
        F("due_date").asc(nulls_last=True), "pk"
    )


def goal_views(
    goals: Iterable[Goal], *, status: str | None = None, overdue: bool | None = None
) -> list[GoalView]:
    """Goals with their computed status, keeping their order; `status` and `overdue` (the filters
    that cannot be asked of the database) keep only the goals that match."""
    views = describe(list(goals))
    if status:
        views = [v for v in views if v.assessment.status == status]
    if overdue is not None:
        views = [v for v in views if (v.overdue is not None) == overdue]
    return views


def goal_get(*, actor: User, pk: int) -> Found[Goal]:
    goals = Goal.objects.select_related(
        "partnership", "owner", "owner_person", "created_by"
    ).prefetch_related(Prefetch("objectives", queryset=Objective.objects.restrict(actor).order_by("code")))
    return get_for(actor, goals, pk=pk)


def measurements(*, goal: Goal) -> QuerySet[Measurement]:
    """Measurements of a goal already read through goal_get, newest first (filtered by
    filters.MeasurementFilter, read in pages)."""
    return goal.measurements.select_related("entered_by").order_by("-measured_on", "-pk")


def measurement_get(*, actor: User, pk: int) -> Found[Measurement]:
    return get_for(actor, Measurement.objects.select_related("goal__partnership", "entered_by"), pk=pk)


def people_of(*, actor: User, organisation_id: int) -> QuerySet[User]:
    """People of an organisation the actor belongs to (who may own a goal of it)."""
    memberships = Membership.objects.restrict(actor).filter(organisation_id=organisation_id)
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("full_name")


def form_choices(*, actor: User, partnership: Partnership, owner_id: int) -> dict[str, list[Any]]:
    """What the goal forms offer (their run-time choices): the objectives of the vision in force and
    the people of the owning organisation."""
    return {
        "objectives": current_objectives(actor=actor, partnership=partnership),
        "people": list(people_of(actor=actor, organisation_id=owner_id)),
    }


def export_rows(
    *, actor: User, partnership: Partnership, goal_id: int | None = None
) -> QuerySet[Measurement]:
    """Every measurement of the goals the actor can see, for a spreadsheet (one query)."""
    goals = visible_goals(actor=actor, partnership=partnership)
    if goal_id is not None:
        goals = goals.filter(pk=goal_id)
    return (
        Measurement.objects.restrict(actor)
        .filter(goal__in=goals.values("pk"))
        .select_related("goal", "entered_by")
        .order_by("goal_id", "measured_on")
    )


def statuses_by_partnership(
    *, actor: User, partnership_ids: list[int], today: datetime.date | None = None
) -> dict[int, dict[GoalStatus, int]]:
    """How many of the goals the actor can read are in each status, per partnership — for a page
    of the portfolio: one counting query over the stored statuses (services/stored.py keeps them
    current; they are what the Goals tab computes), whatever the number of partnerships, goals
    or measurements. `today` is kept for callers; the stored status is today's."""
    found: dict[int, dict[GoalStatus, int]] = {pk: defaultdict(int) for pk in partnership_ids}
    counted = (
        Goal.objects.restrict(actor)
        .filter(partnership_id__in=partnership_ids)
        .values_list("partnership_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for partnership_id, status, n in counted:
        found[partnership_id][GoalStatus(status)] += n
    return found


@dataclass(frozen=True)
class Concern:
    """A goal that needs its owner: off track or missed, or a period without its value."""

    pk: int
    title: str
    partnership_id: int
    partnership_name: str
    status: GoalStatus
    overdue: Overdue | None


NEEDS_OWNER = (GoalStatus.MISSED, GoalStatus.OFF_TRACK)


def owned_concerns(*, actor: User, today: datetime.date | None = None) -> list[Concern]:
    """The goals the actor owns (owner person) that are off track or missed, or whose latest
    complete period has no value past its grace (the Goals tab's overdue flag): missed first, then
    off track, then the ones only missing a value, oldest goal first. Two queries whatever the
    number of goals: one query of light rows with their stored status and latest value's date."""
    today = today or timezone.localdate()
    fields = ("pk", "title", "partnership_id", "partnership__name", "status", "frequency", "start_date")
    goals = Goal.objects.restrict(actor).filter(owner_person_id=actor.pk).filter(_concern_q(today))
    goals = goals.order_by("pk")
    found = []
    for pk, title, partnership_id, name, stored, frequency, start, latest in goals.values_list(
        *fields, "latest_on"
    ):
        status = GoalStatus(stored)
        overdue = overdue_measurement(
            frequency=frequency, start=start, latest=latest, today=today, closed=status in CLOSED
        )
        if status in NEEDS_OWNER or overdue is not None:
            found.append(Concern(pk, title, partnership_id, name, status, overdue))
    rank = {GoalStatus.MISSED: 0, GoalStatus.OFF_TRACK: 1}
    return sorted(found, key=lambda c: (rank.get(c.status, 2), c.pk))


def _concern_q(today: datetime.date) -> Q:
    """The goals that may concern their owner, in the database: off track or missed, or open with
    no value for their frequency's expected period (`overdue_measurement` decides each of them
    exactly). A person who owns thousands of goals is read only the few that need them."""
    unvalued = Q()
    for frequency, kind in periods.FREQUENCY_PERIOD.items():
        expected = expected_period(frequency, today)
        since = Q(latest_on__isnull=True) | Q(latest_on__lt=expected)
        unvalued |= Q(frequency=frequency, start_date__lte=periods.end_of(kind, expected)) & since
    return Q(status__in=NEEDS_OWNER) | (unvalued & ~Q(status__in=CLOSED))


def person_by_email(email: str) -> User:
    """The account an operator's command acts as (`concord import-measurements --as EMAIL`): the
    command then has exactly that person's rights."""
    person = User.objects.filter(email__iexact=email.strip()).first()
    if person is None:
        raise NotFound(f"There is no account {email!r}.")
    return person
