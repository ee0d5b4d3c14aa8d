"""The agenda drafted from live data when a meeting is created (Markdown; editable afterwards).

It reads only what every attendee of the meeting may see — what the meeting may link to
(access.linking): for an external (joint) meeting, shared records only; for an internal meeting,
shared records plus the owning organisation's internal ones. So a joint agenda can never carry one
side's internal goal, note or action.

Items: goals off track, at risk or missed; actions and commitments overdue; demands waiting for an
answer and maybes past their follow-up date; documents awaiting signature (the vision revision
signed by some parties, agreements in negotiation). Risks join when the risk register exists.
"""

import datetime
from typing import Any

from django.db.models import Q

from concord.access.linking import linkable
from concord.agreements.models import Agreement, AgreementStatus
from concord.commitments.models import Answer, Commitment, Demand, DemandStatus
from concord.commitments.status import Status, status
from concord.goals.models import Goal
from concord.goals.progress import GoalStatus
from concord.goals.selectors import describe
from concord.partnerships.models import Partnership
from concord.vision.models import RevisionStatus, VisionDocument
from concord.vision.services.document import current_revision, status_of

TROUBLE = (GoalStatus.OFF_TRACK, GoalStatus.AT_RISK, GoalStatus.MISSED)


def draft(partnership: Partnership, *, visibility: str, owner_id: int, today: datetime.date) -> str:
    scope = linkable(visibility, owner_id)
    sections = [
        ("Goals that need attention", _goals(partnership, scope, today)),
        ("Overdue actions and commitments", _overdue(partnership, scope, today)),
        ("Demands waiting for an answer", _demands(partnership, scope, today)),
        ("Awaiting signature", _signatures(partnership)),
    ]
    lines = ["*Drafted from the partnership's live data; edit freely.*", ""]
    for number, (heading, items) in enumerate(sections, start=1):
        lines.append(f"## {number}. {heading}")
        lines.extend(f"- {item}" for item in items or ["Nothing here today."])
        lines.append("")
    lines += [f"## {len(sections) + 1}. Any other business", "- …", ""]
    return "\n".join(lines)


def _goals(partnership: Partnership, scope: Q, today: datetime.date) -> list[str]:
    goals = list(Goal.unscoped.filter(partnership=partnership).filter(scope).prefetch_related("objectives"))
    found = []
    for view in describe(goals, today):
        if view.assessment.status in TROUBLE:
            found.append(f"**{view.goal.title}** — {view.assessment.label}: {view.assessment.reason}")
    return found


def _overdue(partnership: Partnership, scope: Q, today: datetime.date) -> list[str]:
    rows = Commitment.unscoped.filter(partnership=partnership, delivered_on__isnull=True, due_on__lt=today)
    found = []
    for c in rows.filter(scope).select_related("owner", "owner_person"):
        if status(c, today) == Status.BROKEN:
            who = c.owner_person.get_full_name() if c.owner_person else c.owner.name
            found.append(f"**{c.title}** ({who}, {c.owner.name}) — due {c.due_on:%d %b %Y}")
    return found


def _demands(partnership: Partnership, scope: Q, today: datetime.date) -> list[str]:
    waiting = Demand.unscoped.filter(partnership=partnership).filter(scope).select_related("owner", "to_org")
    found = []
    for d in waiting.filter(status=DemandStatus.OPEN):
        found.append(
            f"**{d.title}** — {d.owner.name} asks {d.to_org.name}, open since {d.created_at:%d %b %Y}"
        )
    late: dict[int, Any] = {}
    for answer in Answer.unscoped.filter(
        demand__in=waiting.filter(status=DemandStatus.MAYBE), follow_up_on__lt=today
    ).select_related("demand__to_org"):
        late[answer.demand_id] = answer  # the latest answer wins (answers come in order)
    for answer in late.values():
        if answer.demand.status == DemandStatus.MAYBE:
            found.append(
                f"**{answer.demand.title}** — maybe from {answer.demand.to_org.name}, "
                f"follow-up was due {answer.follow_up_on:%d %b %Y}"
            )
    return found


def _signatures(partnership: Partnership) -> list[str]:
    found = []
    document = VisionDocument.unscoped.filter(partnership=partnership).first()
    revision = current_revision(document) if document else None
    parties = {p.organisation_id for p in partnership.parties.all()}
    if revision is not None and status_of(revision, parties) == RevisionStatus.AWAITING:
        found.append(f"Shared Vision revision {revision.number} — signed by some parties, not all")
    for agreement in Agreement.unscoped.filter(partnership=partnership, status=AgreementStatus.NEGOTIATION):
        found.append(f"**{agreement.title}** — in negotiation")
    return found
