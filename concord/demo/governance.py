"""Demo governance for the bioprocess partnership: the default escalation path and activities,
key people of both sides, a RACI matrix with a deliberate mistake (two people accountable for
approving agreement changes, nobody responsible for risks), a joint steering committee with its
decision rights and a decision it took outside a meeting, an issue escalated by the daily job, a
resolved issue that cites the vision's principle of equity, and a blameless lesson on it."""

import datetime
from decimal import Decimal

from django.utils import timezone

from concord.accounts.models import User
from concord.demo import timetravel
from concord.governance.models import Activity, EscalationLevel
from concord.governance.services import decisions, issues, lessons, structure
from concord.partnerships.models import Partnership
from concord.vision.models import Objective

RACI = {
    "Maintain the shared vision": {"clara": "A", "sam": "R", "mia": "I"},
    "Set and track joint goals and KPIs": {"clara": "A", "sam": "R", "mia": "R", "viktor": "C"},
    "Run quarterly business reviews": {"clara": "A", "sam": "R", "viktor": "I"},
    "Answer demands and keep commitments": {"sam": "A", "mia": "R", "clara": "I"},
    "Resolve issues and escalations": {"clara": "A", "sam": "R", "mia": "R"},
    # The deliberate mistakes the page shows: nobody responsible, and two accountable.
    "Manage partnership risks": {"clara": "A", "viktor": "C"},
    "Approve changes to the agreement": {"clara": "A", "sam": "A", "mia": "C"},
    "Drive continuous improvement": {"sam": "A", "mia": "R", "clara": "C"},
}


def build(*, clara: User, sam: User, viktor: User, mia: User, partnership: Partnership) -> None:
    structure.defaults_start(actor=clara, partnership=partnership)
    levels = list(EscalationLevel.unscoped.filter(partnership=partnership).order_by("rank"))
    people = {
        "clara": structure.key_person_add(
            actor=clara,
            partnership=partnership,
            person=clara.pk,
            role_title="Category manager",
            level=levels[1].pk,
        ),
        "viktor": structure.key_person_add(
            actor=clara,
            partnership=partnership,
            person=viktor.pk,
            role_title="Quality lead",
            level=levels[0].pk,
        ),
        "sam": structure.key_person_add(
            actor=sam,
            partnership=partnership,
            person=sam.pk,
            role_title="Key account manager",
            level=levels[1].pk,
        ),
        "mia": structure.key_person_add(
            actor=sam,
            partnership=partnership,
            person=mia.pk,
            role_title="Operations lead",
            level=levels[0].pk,
        ),
    }
    for activity in Activity.unscoped.filter(partnership=partnership):
        for who, role in RACI.get(activity.title, {}).items():
            structure.assignment_set(actor=clara, activity=activity, key_person=people[who].pk, role=role)
    steering = structure.committee_create(
        actor=clara,
        partnership=partnership,
        name="Joint steering committee",
        purpose="Direction, investments and escalations of the partnership.",
        cadence_days=91,
        members=[people["clara"].pk, people["sam"].pk],
    )
    capacity = structure.right_add(
        actor=clara, committee=steering, scope="Capacity investments", value_limit=Decimal("250000")
    )
    structure.right_add(actor=clara, committee=steering, scope="Specification changes of validated products")
    objective = Objective.unscoped.filter(partnership=partnership).order_by("code").first()
    decisions.decision_record(
        actor=sam,
        partnership=partnership,
        text="Co-fund a second film extrusion line at Aurora Leiden",
        rationale="Removes the single point of failure behind the 2,000 L bags; costs shared 50/50.",
        decided_on=timezone.localdate() - datetime.timedelta(days=12),
        decided_by="committee",
        committee=steering.pk,
        right=capacity.pk,
        value=Decimal("180000"),
        principle="Equity",
        objectives=[objective.pk] if objective else [],
    )
    _issues(clara=clara, sam=sam, mia=mia, partnership=partnership)


def _issues(*, clara: User, sam: User, mia: User, partnership: Partnership) -> None:
    late = issues.issue_raise(
        actor=mia,
        partnership=partnership,
        title="Film lot release delays at incoming inspection",
        description="Three film lots waited more than five days for release at Helix incoming "
        "inspection; Aurora's line planning slips with each.",
        severity="high",
    )
    timetravel.issue_raised(late, days_ago=5)
    issues.escalate(timezone.localdate())  # the daily job: nobody responded within 3 days
    price = issues.issue_raise(
        actor=clara,
        partnership=partnership,
        title="Index-linked price adjustment read two ways",
        description="Helix reads the polymer index clause as quarterly, Aurora as half-yearly.",
        severity="medium",
    )
    timetravel.issue_raised(price, days_ago=20)
    price.refresh_from_db()
    issues.issue_resolve(
        actor=sam,
        issue=price,
        version=price.version,
        resolution="Quarterly adjustment with a ±2 % band; both sides carry movements inside it.",
        citation="principle:Equity",
    )
    lessons.issue_lesson_add(
        actor=clara,
        issue=price,
        title="Write index clauses with a worked example",
        what_happened="Both sides read the same clause differently for two quarters before it surfaced.",
        contributing_factors="The clause had no worked example; finance on each side applied its own "
        "default period; nobody owned the first adjustment.",
        what_we_change="Every index clause carries a worked example, and the first adjustment is "
        "reviewed jointly in the QBR.",
    )
