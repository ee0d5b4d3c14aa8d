"""The home page's "my goals off track or missing a value" reads only the goals that may concern
their owner: the database's filter (goals.selectors._concern_q) must pick exactly the goals the
rule itself (progress.overdue_measurement and the stored status) picks, at the edges of every
frequency's expected period."""

import datetime
import itertools
from decimal import Decimal

from concord.core import periods
from concord.goals import services as goals
from concord.goals.models import Goal
from concord.goals.progress import expected_period, overdue_measurement
from concord.goals.selectors import NEEDS_OWNER, _concern_q, owned_concerns
from concord.goals.statuses import CLOSED
from tests.world import World

DAYS = [datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), datetime.date(2026, 7, 9)]
OFFSETS = [None, -1, 0, 1]  # the latest value: none, the day before the expected period, its first day, after


def _by_the_rule(actor_pk: int, today: datetime.date) -> set[int]:
    found = set()
    for goal in Goal.unscoped.filter(owner_person_id=actor_pk):
        closed = goal.status in CLOSED
        overdue = overdue_measurement(
            frequency=goal.frequency, start=goal.start_date, latest=goal.latest_on, today=today, closed=closed
        )
        if goal.status in NEEDS_OWNER or overdue is not None:
            found.add(goal.pk)
    return found


def test_the_database_picks_exactly_the_goals_the_rule_picks(world: World) -> None:
    lead = world.user("buyer_lead")
    made = []
    for frequency, start, latest in itertools.product(periods.FREQUENCY_PERIOD, [-1, 0, 1], OFFSETS):
        goal = goals.goal_create(
            actor=lead,
            partnership=world.partnership,
            title=f"{frequency} {start} {latest}",
            target=Decimal("5"),
            frequency=frequency,
            start_date=datetime.date(2020, 1, 1),
        )
        made.append((goal.pk, frequency, start, latest))
    for today in DAYS:
        for pk, frequency, start, latest in made:
            expected = expected_period(frequency, today)
            end = periods.end_of(periods.FREQUENCY_PERIOD[frequency], expected)
            Goal.unscoped.filter(pk=pk).update(
                start_date=end + datetime.timedelta(days=start),
                latest_on=None if latest is None else expected + datetime.timedelta(days=latest),
            )
        picked = {concern.pk for concern in owned_concerns(actor=lead, today=today)}
        assert picked == _by_the_rule(lead.pk, today), today
        read = Goal.objects.restrict(lead).filter(owner_person_id=lead.pk).filter(_concern_q(today))
        assert set(read.values_list("pk", flat=True)) == picked, today  # and reads no more than that
        assert picked & {pk for pk, *_ in made}  # the edges were reached: some concern, some not
        assert {pk for pk, *_ in made} - picked
