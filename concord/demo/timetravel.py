"""The demo's one shortcut: moving records it created back in time.

Services only accept promises, follow-ups and deliveries from today on, as people work; a demo
needs half a year of history on the day it is loaded. The demo creates everything through the
services and then shifts dates here. Nothing in the product calls this module.
"""

import datetime
from typing import Any

from django.utils import timezone

from concord.commitments.models import Answer, Commitment, Demand


def commitment(pk: int, *, promised_days_ago: int, delivered_days_ago: int | None) -> None:
    today = timezone.localdate()
    promised = today - datetime.timedelta(days=promised_days_ago)
    Commitment.unscoped.filter(pk=pk).update(
        promised_on=promised,
        due_on=promised,
        delivered_on=today - datetime.timedelta(days=delivered_days_ago)
        if delivered_days_ago is not None
        else None,
        created_at=timezone.now() - datetime.timedelta(days=promised_days_ago + 21),
    )


def follow_up(demand: Any, *, days_ago: int) -> None:
    Answer.unscoped.filter(demand=demand).update(
        follow_up_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def raised(demand: Any, *, days_ago: int) -> None:
    Demand.unscoped.filter(pk=demand.pk).update(created_at=timezone.now() - datetime.timedelta(days=days_ago))


def meeting_held(meeting: Any, *, days_ago: int) -> None:
    from concord.meetings.models import Meeting

    Meeting.unscoped.filter(pk=meeting.pk).update(
        starts_at=meeting.starts_at - datetime.timedelta(days=days_ago)
    )


def plan_started(plan: Any, *, days_ago: int, reviewed_days_ago: int | None = None) -> None:
    """Move a plan's start back, and its last review (the row and the plan's date) if given."""
    from concord.commitments.models import ActionPlan, PlanReview

    ActionPlan.unscoped.filter(pk=plan.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    if reviewed_days_ago is not None:
        reviewed = timezone.now() - datetime.timedelta(days=reviewed_days_ago)
        ActionPlan.unscoped.filter(pk=plan.pk).update(last_reviewed_at=reviewed)
        PlanReview.unscoped.filter(plan_id=plan.pk).update(created_at=reviewed)


def risk_review_due(risk: Any, *, days_ago: int) -> None:
    """A risk whose review date has passed (services only accept review dates from today on)."""
    from concord.risks.models import Risk

    Risk.unscoped.filter(pk=risk.pk).update(
        next_review_on=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def issue_raised(issue: Any, *, days_ago: int) -> None:
    """Move an issue's raising (and its arrival at its level) back in time."""
    from concord.governance.models import Issue

    Issue.unscoped.filter(pk=issue.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
        level_since=timezone.localdate() - datetime.timedelta(days=days_ago),
    )
