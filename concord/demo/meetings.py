"""Demo meetings and an action plan for the bioprocess partnership: last month's check-in with
minutes, a decision and an action; the next QBR with its agenda drafted from the live data; an
internal Helix preparation meeting the supplier never sees; and a joint plan toward the stock goal
that is overdue for review."""

import datetime

from django.utils import timezone

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.commitments.services import plans
from concord.demo import timetravel
from concord.goals.models import Goal
from concord.meetings import services
from concord.partnerships.models import Partnership


def _at(days: int, hour: int) -> datetime.datetime:
    local = timezone.localtime() + datetime.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def build(*, clara: User, sam: User, viktor: User, mia: User, partnership: Partnership) -> None:
    held = services.meeting_schedule(
        actor=clara,
        partnership=partnership,
        title="Monthly check-in",
        kind="check_in",
        starts_at=_at(1, 10),
        duration_minutes=45,
        location="https://meet.example/helix-aurora",
        attendee_ids=[viktor.pk],
    )
    services.attendees_add(actor=sam, meeting=held, user_ids=[mia.pk])
    timetravel.meeting_held(held, days_ago=22)
    held.refresh_from_db()
    services.meeting_record(
        actor=clara,
        meeting=held,
        version=held.version,
        minutes="Consignment stock reached 7.5 weeks; Leiden warehouse qualified.\n\n"
        "Batch cost is flat: Aurora proposes a joint kaizen on film usage.",
    )
    otif = Goal.unscoped.get(partnership=partnership, title__startswith="On-time")
    services.decision_add(
        actor=sam,
        meeting=held,
        text="Run a joint kaizen on film usage in January",
        rationale="Batch cost has not moved in eleven months; film is 40 % of it.",
        goal_id=otif.pk,
    )
    services.action_add(
        actor=clara,
        meeting=held,
        title="Send the kaizen charter",
        promised_on=timezone.localdate() + datetime.timedelta(days=9),
        owner_person_id=sam.pk,
    )
    services.meeting_schedule(
        actor=clara,
        partnership=partnership,
        title="Q4 business review",
        kind="qbr",
        starts_at=_at(9, 14),
        duration_minutes=120,
        location="Helix Basel, room Rhein",
        attendee_ids=[viktor.pk],
    )
    services.meeting_schedule(
        actor=clara,
        partnership=partnership,
        title="QBR preparation: our negotiation stance",
        kind="account",
        starts_at=_at(7, 9),
        visibility=Visibility.INTERNAL,
        attendee_ids=[viktor.pk],
    )
    stock = Goal.unscoped.get(partnership=partnership, title__startswith="Eight weeks")
    plan = plans.plan_create(
        actor=sam,
        partnership=partnership,
        title="Hold eight weeks of stock through the winter",
        goal_ids=[stock.pk],
    )
    for title, days, person in (
        ("Weekly stock count shared with Helix", 5, mia),
        ("Second film line on stand-by", 30, sam),
        ("Confirm the January forecast", 12, clara),
    ):
        plans.item_add(
            actor=sam,
            plan=plan,
            title=title,
            promised_on=timezone.localdate() + datetime.timedelta(days=days),
            owner_person_id=person.pk,
        )
    plans.plan_review(actor=sam, plan=plan, version=plan.version, note="Plan agreed in the check-in.")
    # Agreed in last month's check-in and not reviewed since: overdue for review (every 14 days).
    timetravel.plan_started(plan, days_ago=30, reviewed_days_ago=22)
