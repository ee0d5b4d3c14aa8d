"""Lessons carried by issues (the record itself is the `lessons` app's: one kind of blameless
lesson for issues, missed commitments, risks that fired and reviews). Anyone who can see the issue
and writes for a party may draw a lesson from it; an internal issue carries only internal lessons
(lessons.services checks that for every carrier)."""

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.governance.models import Issue
from concord.lessons import services as lessons
from concord.lessons.models import CarrierKind, Lesson


def issue_lesson_add(
    *,
    actor: User,
    issue: Issue,
    title: str,
    what_happened: str,
    contributing_factors: str,
    what_we_change: str,
    visibility: str = Visibility.SHARED,
) -> Lesson:
    return lessons.lesson_add(
        actor=actor,
        partnership=issue.partnership,
        title=title,
        what_happened=what_happened,
        contributing_factors=contributing_factors,
        what_we_change=what_we_change,
        visibility=visibility,
        carrier_kind=CarrierKind.ISSUE,
        carrier=issue,
    )
