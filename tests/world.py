"""A small world built through services, with one persona of each kind.

Alice-Bob-Charlie style: the buyer lead runs the partnership, the buyer viewer only reads, the
supplier lead and member work on the other side, the outsider belongs to an unrelated organisation
and must see nothing, the anonymous visitor is not signed in.
"""

from dataclasses import dataclass
from typing import Any

from django.test.utils import override_settings
from django.utils import timezone

from concord.access.models import Membership
from concord.access.roles import Role, TokenScope, Visibility
from concord.accounts.models import ApiToken, User
from concord.accounts.services import token_create, user_register
from concord.agreements import services as agreements
from concord.commitments.services import demands, ledger, plans
from concord.goals import services as goals
from concord.invitations import services as invitations
from concord.organisations.models import Invitation, Organisation
from concord.organisations.services import organisation_create
from concord.partnerships import services as partnerships
from concord.partnerships.models import Note, Partnership
from concord.scorecards import services as scorecards
from concord.vision import services as vision
from concord.vision.models import Submission, SubmissionRound, VisionRevision
from concord.vision.services import comments, document

PASSWORD = "a-long-test-passphrase"
BUYER_ANSWERS = {
    "outcomes": [{"outcome": "Secure supply of 2,000 L bags", "measure": "No stock-out in 12 months"}],
    "priorities": {"Cost": 40, "Speed / time-to-market": 10, "Quality": 30, "Risk & resilience": 20},
    "prediction": {"Cost": 20, "Growth / market access": 50, "Innovation": 30},
    "ways": {"cadence": "weekly", "reporting": "monthly"},
}
PERSONAS = ["buyer_lead", "buyer_viewer", "supplier_lead", "supplier_member", "outsider", "anon"]


@dataclass
class World:
    users: dict[str, User]
    buyer: Organisation
    supplier: Organisation
    other: Organisation
    partnership: Partnership
    buyer_shared: Note
    buyer_internal: Note
    supplier_internal: Note
    viewer_membership: Membership
    pending_invitation: Invitation
    lead_token: ApiToken
    lead_secret: str
    round: SubmissionRound
    buyer_submission: Submission
    vision_revision: VisionRevision
    # Issue 3, part 4: a drafting agreement with one clause, and the buyer's internal remarks on it.
    agreement: Any = None
    clause: Any = None
    clause_internal: Any = None
    comment_internal: Any = None
    # Issue 4: the supplier's shared goal (measured), the buyer's internal goal (measured), and the
    # buyer's shared scorecard of the supplier over the shared goal.
    goal_shared: Any = None
    goal_internal: Any = None
    measurement_internal: Any = None
    scorecard: Any = None
    # Issue 5: the buyer's open demand to the supplier, and a commitment the supplier gave.
    demand: Any = None
    commitment: Any = None
    # The buyer's internal meeting (the viewer attends) and the buyer lead's calendar feed.
    meeting: Any = None
    feed: Any = None
    feed_secret: str = ""
    notification: Any = None  # the buyer lead's
    plan: Any = None  # the buyer's shared action plan
    # Issue 15, risks: the buyer's shared risk owned by the supplier lead, and one internal risk
    # of each side (tests/risks make the internal ones' reviews overdue).
    risk: Any = None
    risk_internal: Any = None
    risk_supplier_internal: Any = None
    # Issue 15 (governance): the default escalation path and activities, a committee, and the
    # buyer's internal issue (at level 1).
    activity: Any = None
    level: Any = None
    committee: Any = None
    issue: Any = None
    lesson: Any = None  # the buyer lead's shared lesson, standing alone
    key_person: Any = None  # the supplier member in the directory (no level), named by the supplier lead
    right: Any = None  # the committee's decision right, without a value limit
    decision: Any = None  # the partnership managers' shared decision, taken today
    # Issue 14 (lifecycle): the buyer's due diligence on the supplier (an item expiring soon, with a
    # file), the buyer's internal segmentation, and the joint exit plan the supplier wrote.
    diligence_item: Any = None
    diligence_file: Any = None
    segmentation: Any = None
    exit_plan: Any = None
    # Issue 17: the supplier's internal installed-base item and customer goal, and an offering of
    # its portfolio (docs/insight.md).
    installed_item: Any = None
    customer_goal: Any = None
    offering: Any = None
    # Issue 14: the buyer's need (internal), a known supplier (the world's) and a new candidate,
    # one criterion scored by the lead.
    need: Any = None
    candidate: Any = None
    criterion: Any = None
    # Issue 16 (reviews): a draft survey round (threshold 2: two people a side answer in the
    # tests) and a performance review of the last quarter, both made by the buyer lead.
    survey_round: Any = None
    review: Any = None

    def user(self, persona: str) -> Any:
        return self.users.get(persona)


def make_user(email: str, name: str) -> User:
    return user_register(email=email, full_name=name, password=PASSWORD)


def join(admin: User, org: Organisation, person: User, role: str) -> None:
    invitation = invitations.invite_member(actor=admin, organisation=org, email=person.email, role=role)
    invitations.invitation_accept(actor=person, invitation=invitation)


@override_settings(MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}})
def build_world() -> World:
    users = {
        "buyer_lead": make_user("lead@buyer.test", "Bea Buyer"),
        "buyer_viewer": make_user("viewer@buyer.test", "Vic Viewer"),
        "supplier_lead": make_user("lead@supplier.test", "Sol Supplier"),
        "supplier_member": make_user("member@supplier.test", "Mo Member"),
        "outsider": make_user("someone@other.test", "Olga Outsider"),
    }
    lead = users["buyer_lead"]
    buyer = organisation_create(actor=lead, name="Buyer Co", kind="buyer")
    join(lead, buyer, users["buyer_viewer"], Role.VIEWER)
    partnership = partnerships.partnership_create(actor=lead, buyer=buyer, name="Bags")
    inv = invitations.invite_partner(
        actor=lead, partnership=partnership, email="lead@supplier.test", supplier_name="Supplier Co"
    )
    supplier = invitations.invitation_accept(actor=users["supplier_lead"], invitation=inv)
    join(users["supplier_lead"], supplier, users["supplier_member"], Role.MEMBER)
    other = organisation_create(actor=users["outsider"], name="Other Co", kind="both")
    other_partnership = partnerships.partnership_create(
        actor=users["outsider"], buyer=other, name="Unrelated"
    )
    partnerships.note_create(
        actor=users["outsider"],
        partnership=other_partnership,
        body="Not for you",
        visibility=Visibility.SHARED,
    )
    partnership.refresh_from_db()
    pending = invitations.invite_member(
        actor=lead, organisation=buyer, email="newcomer@buyer.test", role=Role.MEMBER
    )
    token, secret = token_create(actor=lead, name="laptop", scope=TokenScope.READ_WRITE)
    round_ = vision.round_open(actor=lead, partnership=partnership)
    world = World(
        users=users,
        buyer=buyer,
        supplier=supplier,
        other=other,
        partnership=partnership,
        buyer_shared=partnerships.note_create(
            actor=lead, partnership=partnership, body="Shared plan", title="Plan"
        ),
        buyer_internal=partnerships.note_create(
            actor=lead,
            partnership=partnership,
            body="Walk-away price 4 %",
            title="Secret",
            visibility=Visibility.INTERNAL,
        ),
        supplier_internal=partnerships.note_create(
            actor=users["supplier_lead"],
            partnership=partnership,
            body="Upsell filtration",
            title="Account plan",
            visibility=Visibility.INTERNAL,
        ),
        viewer_membership=Membership.unscoped.get(user=users["buyer_viewer"]),
        pending_invitation=pending,
        lead_token=token,
        lead_secret=secret,
        round=round_,
        buyer_submission=vision.submission_save(actor=lead, round_=round_, **BUYER_ANSWERS),
        vision_revision=document.vision_edit(
            actor=lead, partnership=partnership, base=None, sections={"purpose": "Secure supply together"}
        ),
    )
    _add_agreement(world)
    _add_goals(world)
    _add_demands(world)
    _add_meetings(world)
    _add_risks(world)
    _add_governance(world)
    _add_lifecycle(world)
    _add_insight(world)
    _add_selection(world)
    _add_reviews(world)
    return world


def _add_reviews(world: World) -> None:
    import datetime

    from django.utils import timezone

    from concord.reviews.services import reviews, survey

    lead, today = world.user("buyer_lead"), timezone.localdate()
    world.survey_round = survey.round_create(
        actor=lead, partnership=world.partnership, title="Q4 pulse", closes_on=soon(14), min_respondents=2
    )
    world.review = reviews.review_create(
        actor=lead,
        partnership=world.partnership,
        title="Q3 review",
        period_from=today - datetime.timedelta(days=90),
        period_to=today,
    )


def _add_risks(world: World) -> None:
    from concord.risks import services as risks

    lead, supplier = world.user("buyer_lead"), world.user("supplier_lead")
    world.risk = risks.risk_create(
        actor=lead,
        partnership=world.partnership,
        title="Single film line",
        category="supply",
        likelihood=3,
        impact=5,
        owner_person_id=supplier.pk,
        contingency="Switch to line 2\nAir-freight safety stock",
        next_review_on=soon(30),
    )
    world.risk_internal = risks.risk_create(
        actor=lead,
        partnership=world.partnership,
        title="Supplier may be acquired",
        category="financial",
        likelihood=2,
        impact=4,
        owner_person_id=lead.pk,
        contingency="Qualify a second film supplier",
        visibility=Visibility.INTERNAL,
    )
    world.risk_supplier_internal = risks.risk_create(
        actor=supplier,
        partnership=world.partnership,
        title="Buyer may dual-source",
        category="reputational",
        likelihood=4,
        impact=4,
        owner_person_id=supplier.pk,
        visibility=Visibility.INTERNAL,
    )


def _add_governance(world: World) -> None:
    from concord.governance.models import Activity, EscalationLevel
    from concord.governance.services import issues, structure

    lead = world.user("buyer_lead")
    structure.defaults_start(actor=lead, partnership=world.partnership)
    world.activity = Activity.unscoped.filter(partnership=world.partnership).order_by("position").first()
    world.level = EscalationLevel.unscoped.filter(partnership=world.partnership).order_by("rank").first()
    world.committee = structure.committee_create(actor=lead, partnership=world.partnership, name="Steering")
    world.issue = issues.issue_raise(
        actor=lead,
        partnership=world.partnership,
        title="Supplier capacity worry (internal)",
        description="Their second line is late",
        severity="medium",
        visibility=Visibility.INTERNAL,
    )
    from concord.governance.services import decisions
    from concord.lessons.services import lesson_add

    world.key_person = structure.key_person_add(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        person=world.user("supplier_member").pk,
        role_title="Quality engineer",
    )
    world.right = structure.right_add(actor=lead, committee=world.committee, scope="Second sources")
    world.decision = decisions.decision_record(
        actor=lead,
        partnership=world.partnership,
        text="Consignment stock at Leiden",
        rationale="Fewer stock-outs",
        decided_on=timezone.localdate(),
    )
    world.lesson = lesson_add(
        actor=lead,
        partnership=world.partnership,
        title="Pallet specification",
        what_happened="Bags arrived damaged",
        contributing_factors="The pallet specification was unclear",
        what_we_change="One shared pallet specification",
    )


PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _add_lifecycle(world: World) -> None:
    from concord.lifecycle.services import diligence, segmentation, stages

    lead = world.user("buyer_lead")
    world.diligence_item = diligence.item_create(
        actor=lead,
        owner=world.buyer,
        supplier=world.supplier,
        title="ISO 9001 certificate (quality)",
        category="certificate",
        expires_on=soon(10),
    )
    world.diligence_file = diligence.document_add(
        actor=lead, item=world.diligence_item, name="iso9001.pdf", content=PDF
    )
    world.diligence_item.refresh_from_db()
    world.segmentation = segmentation.segmentation_record(
        actor=lead,
        partnership=world.partnership,
        spend_share=4,
        business_impact=4,
        qualified_suppliers=4,
        switching_cost=3,
        market_scarcity=3,
        note="Single qualified film source",
    )
    world.exit_plan = stages.exit_plan_save(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        version=1,
        triggers="Change of control",
    )


def _add_insight(world: World) -> None:
    from concord.insight.services import portfolio, profile

    supplier = world.user("supplier_lead")
    world.installed_item = profile.item_create(
        actor=supplier,
        partnership=world.partnership,
        technology="Bag filler",
        make="Acme",
        model="F-200",
        quantity=3,
        status="ageing",
        notes="Line 2 filler jams weekly",
    )
    world.customer_goal = profile.customer_goal_create(
        actor=supplier, partnership=world.partnership, title="Fewer line stops", theme="uptime", importance=4
    )
    world.offering = portfolio.offering_create(
        actor=supplier,
        organisation=world.supplier,
        name="F-300 filler",
        themes=["uptime"],
        replaces="Acme F-200",
    )


def _add_selection(world: World) -> None:
    from concord.selection import services as selection

    lead = world.user("buyer_lead")
    world.need = selection.need_create(
        actor=lead, organisation=world.buyer, title="Second source for bags", purpose="Secure supply"
    )
    world.candidate = selection.candidate_add(actor=lead, need=world.need, organisation_id=world.supplier.pk)
    selection.candidate_add(
        actor=lead, need=world.need, name="New Bags Ltd", contact_email="sales@newbags.test"
    )
    world.criterion = world.need.criteria.first()
    selection.score_set(
        actor=lead, candidate=world.candidate, criterion=world.criterion, value=4, evidence="ISO 9001"
    )


def _add_meetings(world: World) -> None:
    import datetime

    from django.utils import timezone

    from concord.meetings import services as meetings

    lead = world.user("buyer_lead")
    world.meeting = meetings.meeting_schedule(
        actor=lead,
        partnership=world.partnership,
        title="Supplier strategy (internal)",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        visibility=Visibility.INTERNAL,
        attendee_ids=[world.user("buyer_viewer").pk],
    )
    world.feed, world.feed_secret = meetings.feed_create(actor=lead)
    from concord.notifications.models import Notification

    world.notification = Notification.unscoped.create(
        user=lead,
        partnership=world.partnership,
        kind="meeting_soon",
        key=f"meeting:{world.meeting.pk}:0",
        text="“Supplier strategy (internal)” soon.",
        url=f"/meetings/{world.meeting.pk}/",
    )


def soon(days: int = 14) -> Any:
    import datetime

    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=days)


def _add_demands(world: World) -> None:
    world.demand = demands.demand_raise(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        title="Monthly safety stock report",
        priority="high",
    )
    world.plan = plans.plan_create(
        actor=world.user("buyer_lead"), partnership=world.partnership, title="Safety stock to eight weeks"
    )
    world.commitment = ledger.commitment_give(
        actor=world.user("supplier_lead"),
        partnership=world.partnership,
        title="Qualify film line 2",
        promised_on=soon(30),
    )


def _add_goals(world: World) -> None:
    import datetime
    from decimal import Decimal

    lead, supplier = world.user("buyer_lead"), world.user("supplier_lead")
    day = datetime.date(2026, 1, 31)
    world.goal_shared = goals.goal_create(
        actor=supplier,
        partnership=world.partnership,
        title="On-time delivery",
        metric="OTD",
        unit="%",
        baseline=Decimal("90"),
        target=Decimal("98"),
        start_date=datetime.date(2026, 1, 1),
        due_date=datetime.date(2027, 12, 31),
    )
    goals.measurement_add(actor=supplier, goal=world.goal_shared, measured_on=day, value=Decimal("93"))
    world.goal_internal = goals.goal_create(
        actor=lead,
        partnership=world.partnership,
        title="Dual-source the film",
        target=Decimal("20"),
        start_date=datetime.date(2026, 1, 1),
        visibility=Visibility.INTERNAL,
    )
    world.measurement_internal = goals.measurement_add(
        actor=lead, goal=world.goal_internal, measured_on=day, value=Decimal("4")
    )
    world.scorecard = scorecards.scorecard_create(
        actor=lead,
        partnership=world.partnership,
        name="Supplier performance",
        definition=scorecard_definition(world),
    )


def scorecard_definition(world: World, weight: int = 100) -> dict[str, Any]:
    return {
        "kpis": [{"name": "otd", "goal_id": world.goal_shared.pk}],
        "criteria": [
            {"name": "Delivery", "weight": weight, "rule": "linear", "kpi": "otd", "worst": 85, "best": 99}
        ],
    }


def _add_agreement(world: World) -> None:
    lead = world.user("buyer_lead")
    world.agreement = agreements.agreement_create(
        actor=lead, partnership=world.partnership, title="Bag supply contract"
    )
    world.clause = agreements.clause_add(
        actor=lead, agreement=world.agreement, number="1", heading="Scope", text="Bags for bioreactors."
    )
    world.clause_internal = agreements.note_add(
        actor=lead, clause=world.clause, body="Our fallback: 2-year term", visibility=Visibility.INTERNAL
    )
    world.comment_internal = comments.comment_add(
        actor=lead,
        partnership=world.partnership,
        section="purpose",
        body="Push for resilience here",
        visibility=Visibility.INTERNAL,
    )
