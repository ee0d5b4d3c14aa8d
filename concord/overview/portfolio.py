"""The rows of the portfolio page: each partnership of a page with the figures a category manager
scans the list for — the next meeting, demands and overdue commitments each way, each side's
reliability, the goals off track and the risk exposure.

Set-based: a page of 50 partnerships costs the same fixed number of queries as a page of 5,
whatever the size of the portfolio or of each partnership's history (one query per kind of
figure, grouped by partnership, over the page's ids only). Every figure is read through the
actor's scope, so one side's internal records never count in what the other side sees.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from concord.accounts.models import User
from concord.commitments.standing import Standing, standings
from concord.goals.progress import GoalStatus
from concord.goals.selectors import statuses_by_partnership
from concord.meetings.selectors import next_meetings
from concord.partnerships.models import Partnership
from concord.risks.selectors import exposure

OFF_TRACK = (GoalStatus.OFF_TRACK, GoalStatus.MISSED)


@dataclass(frozen=True)
class Row:
    partnership: Partnership
    next_meeting: datetime.datetime | None
    standing: Standing
    goals: dict[GoalStatus, int]
    exposure: int = 0  # risks.scoring.exposure of the live risks the reader may read (0–100)

    @property
    def goal_count(self) -> int:
        return sum(self.goals.values())

    @property
    def goals_off_track(self) -> int:
        return sum(self.goals.get(status, 0) for status in OFF_TRACK)

    @property
    def goals_at_risk(self) -> int:
        return self.goals.get(GoalStatus.AT_RISK, 0)


def rows(*, actor: User, partnerships: Iterable[Partnership]) -> list[Row]:
    """The page's partnerships (already read through the actor's scope) with their figures."""
    page = list(partnerships)
    ids = [p.pk for p in page]
    today = timezone.localdate()
    meetings = next_meetings(actor=actor, partnership_ids=ids)
    owed = standings(actor=actor, partnership_ids=ids, today=today)
    goals = statuses_by_partnership(actor=actor, partnership_ids=ids, today=today)
    exposed = exposure(actor=actor, partnership_ids=ids)  # one query for the page
    return [
        Row(p, meetings.get(p.pk), owed[p.pk], goals[p.pk], exposed[p.pk].exposure if p.pk in exposed else 0)
        for p in page
    ]
