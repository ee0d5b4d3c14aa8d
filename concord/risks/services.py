"""Use cases of the risk register: record a risk, change it (ratings, owner, plans, review date,
status), fire its trigger (the contingency plan becomes an action plan in one step), and remind
owners of reviews gone overdue (the daily job).

- Who writes: contributors of a party record risks for their organisation (`writer_org`); the
  author, an admin of that organisation or the person named owner change them (rule OwnedRecord).
- The owner is a person and their organisation (`owner_party`): any party's person for a shared
  risk, only the recording organisation's for an internal one — an internal risk owned by the
  other side would be a record its owner could not read.
- Every rating (the first and each change of likelihood or impact) is kept as a ScoreChange, in
  the same transaction as the audit event, so the score history is complete by construction.
- The visibility is chosen when the risk is recorded and does not change afterwards: turning a
  shared risk internal would hide it from people who already read it and may own it.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from concord.access.linking import item_owners
from concord.access.members import belongs_to, organisations_by_person, parties_by_partnership
from concord.access.policy import readable_by_person, require, require_contributor_inside, writer_org
from concord.access.rights import parties_of
from concord.access.roles import Action, Visibility
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.commitments.models import ActionPlan
from concord.commitments.services import plans
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.lessons import services as lesson_services
from concord.lessons.models import CarrierKind, Lesson
from concord.notifications.models import NotificationKind
from concord.notifications.services import Reminder, store_reminders
from concord.partnerships.models import Partnership
from concord.risks.models import CONTINGENCY, LIVE, Category, Risk, RiskStatus, ScoreChange
from concord.risks.steps import MAX_STEPS, steps

OWNER = "Choose a person of a party who may read the risk (of your organisation for an internal one)."
PAST_REVIEW = "The next review cannot be in the past."
NOT_FIRED_HERE = "A risk is marked fired by firing its trigger, which turns its contingency into a plan."
TOO_MANY_STEPS = f"A contingency becomes at most {MAX_STEPS} items: merge some lines."
RESPOND_BY = "The items cannot be due in the past."


def _owner_party(partnership: Partnership, visibility: str, owner_id: int, person_id: int) -> int:
    """The organisation of the owner person among those that may own the risk."""
    allowed = (
        [owner_id]
        if visibility == Visibility.INTERNAL
        else [p.organisation_id for p in parties_of(partnership)]
    )
    found = next((org for org in allowed if belongs_to(person_id, org)), None)
    if found is None:
        raise ValidationFailed.single("owner_person_id", OWNER)
    return found


def _rated(risk: Risk, actor: User) -> ScoreChange:
    change = ScoreChange(
        risk=risk, likelihood=risk.likelihood, impact=risk.impact, score=risk.score, changed_by=actor
    )
    return tracked_create(actor=actor, instance=change)


def risk_create(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    owner_person_id: int,
    category: str = Category.OTHER,
    description: str = "",
    likelihood: int = 3,
    impact: int = 3,
    mitigation: str = "",
    contingency: str = "",
    trigger: str = "",
    next_review_on: datetime.date | None = None,
    status: str = RiskStatus.OPEN,
    visibility: str = Visibility.SHARED,
) -> Risk:
    """Record a risk of the actor's organisation, owned by a person who may read it."""
    owner_id = writer_org(actor, partnership)
    if status == RiskStatus.FIRED:
        raise ValidationFailed.single("status", NOT_FIRED_HERE)
    if next_review_on is not None and next_review_on < timezone.localdate():
        raise ValidationFailed.single("next_review_on", PAST_REVIEW)
    risk = Risk(
        partnership=partnership,
        owner_id=owner_id,
        visibility=visibility,
        created_by=actor,
        title=title,
        category=category,
        description=description,
        likelihood=likelihood,
        impact=impact,
        owner_party_id=_owner_party(partnership, visibility, owner_id, owner_person_id),
        owner_person_id=owner_person_id,
        mitigation=mitigation,
        contingency=contingency,
        trigger=trigger,
        next_review_on=next_review_on,
        status=status,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=risk)
        _rated(risk, actor)
    return risk


def risk_update(
    *,
    actor: User,
    risk: Risk,
    version: int | None,
    title: str | Unset = UNSET,
    category: str | Unset = UNSET,
    description: str | Unset = UNSET,
    likelihood: int | Unset = UNSET,
    impact: int | Unset = UNSET,
    owner_person_id: int | Unset = UNSET,
    mitigation: str | Unset = UNSET,
    contingency: str | Unset = UNSET,
    trigger: str | Unset = UNSET,
    next_review_on: datetime.date | Unset | None = UNSET,
    status: str | Unset = UNSET,
) -> Risk:
    """Change what is sent; a new rating is kept in the score history, a new owner person brings
    their organisation as the owner party. A review is an edit: set the next review date."""
    require(actor, Action.CHANGE, risk)
    changes = given(
        title=title,
        category=category,
        description=description,
        likelihood=likelihood,
        impact=impact,
        mitigation=mitigation,
        contingency=contingency,
        trigger=trigger,
        next_review_on=next_review_on,
        status=status,
    )
    if changes.get("status") == RiskStatus.FIRED and risk.status != RiskStatus.FIRED:
        raise ValidationFailed.single("status", NOT_FIRED_HERE)
    moved = changes.get("next_review_on", risk.next_review_on)
    if moved != risk.next_review_on and moved is not None and moved < timezone.localdate():
        raise ValidationFailed.single("next_review_on", PAST_REVIEW)
    if isinstance(owner_person_id, int) and owner_person_id != risk.owner_person_id:
        changes["owner_person_id"] = owner_person_id
        changes["owner_party_id"] = _owner_party(
            risk.partnership, risk.visibility, risk.owner_id, owner_person_id
        )
    rescored = any(k in changes and changes[k] != getattr(risk, k) for k in ("likelihood", "impact"))
    with transaction.atomic():
        updated = tracked_update(actor=actor, instance=risk, version=version, changes=changes)
        if rescored:
            _rated(updated, actor)
    return updated


def _item_owner(risk: Risk, plan: ActionPlan, actor: User) -> int:
    """Who owns the plan's items: the risk's owner person if they may own one, else the actor."""
    person = risk.owner_person_id
    if person is not None and any(belongs_to(person, org) for org in item_owners(plan)):
        return person
    return actor.pk


def risk_fire(
    *,
    actor: User,
    risk: Risk,
    version: int | None,
    respond_by: datetime.date,
    plan_title: str = "",
    review_every_days: int = 7,
) -> Risk:
    """The trigger fired: in one step the contingency plan becomes an action plan (one item a line,
    owned by the risk's owner person, due `respond_by`), of the risk's visibility, linked from the
    risk, and the risk is marked fired. Nothing is written unless all of it is."""
    require(actor, Action.CHANGE, risk)
    require(actor, Action.CONTRIBUTE, risk.partnership)
    if risk.status not in (RiskStatus.OPEN, RiskStatus.MITIGATING):
        raise InvalidState("Only an open or mitigating risk can fire.")
    todo = steps(risk.contingency)
    if not todo:
        raise ValidationFailed.single("contingency", CONTINGENCY)
    if len(todo) > MAX_STEPS:
        raise ValidationFailed.single("contingency", TOO_MANY_STEPS)
    if respond_by < timezone.localdate():
        raise ValidationFailed.single("respond_by", RESPOND_BY)
    if risk.visibility == Visibility.INTERNAL and writer_org(actor, risk.partnership) != risk.owner_id:
        # an internal risk's plan must be its owner's, or the other organisation would read it
        raise InvalidState("Fire an internal risk as a member of the organisation that owns it.")
    with transaction.atomic():
        plan = plans.plan_create(
            actor=actor,
            partnership=risk.partnership,
            title=(plan_title or f"Contingency: {risk.title}")[:200],
            review_every_days=review_every_days,
            visibility=risk.visibility,
        )
        owner = _item_owner(risk, plan, actor)
        for step in todo:
            plans.item_add(actor=actor, plan=plan, title=step, promised_on=respond_by, owner_person_id=owner)
        return tracked_update(
            actor=actor,
            instance=risk,
            version=version,
            changes={"status": RiskStatus.FIRED, "fired_on": timezone.localdate(), "plan": plan},
        )


def review_reminders(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    """Live risks whose review date has passed: their owner person (else their author), if they
    may still read the risk (`members`: each person's organisations). One query for the risks,
    one for the parties. Registered with the notifications' daily reminders (tasks.py)."""
    risks = list(
        Risk.unscoped.filter(status__in=LIVE, next_review_on__lt=day).only(
            "pk",
            "title",
            "partnership_id",
            "owner_id",
            "visibility",
            "owner_person_id",
            "created_by_id",
            "next_review_on",
        )
    )
    parties = parties_by_partnership({r.partnership_id for r in risks})
    found = []
    for risk in risks:
        person = risk.owner_person_id or risk.created_by_id
        assert risk.next_review_on is not None
        if person is None or not readable_by_person(
            risk, person_orgs=members.get(person, set()), party_orgs=parties.get(risk.partnership_id, set())
        ):
            continue
        found.append(
            Reminder(
                person,
                risk.partnership_id,
                NotificationKind.RISK_REVIEW_OVERDUE,
                f"risk:{risk.pk}:review:{risk.next_review_on.isoformat()}",
                f"Review overdue: the risk “{risk.title}” (set for {risk.next_review_on:%d %b}).",
                reverse("risk", args=[risk.pk]),
            )
        )
    return found


def remind_reviews(day: datetime.date) -> int:
    """Only the day's reminders of overdue risk reviews (the daily run makes them with the others);
    idempotent (0 on a second run)."""
    risks = Risk.unscoped.filter(status__in=LIVE, next_review_on__lt=day)
    people = risks.values_list("owner_person_id", "created_by_id")
    members = organisations_by_person({p for pair in people for p in pair if p is not None})
    return store_reminders(review_reminders(day, members))


NOT_FIRED = "Lessons are drawn from risks whose trigger fired."


def risk_lesson_add(
    *,
    actor: User,
    risk: Risk,
    title: str,
    what_happened: str,
    contributing_factors: str,
    what_we_change: str,
    visibility: str = Visibility.SHARED,
) -> Lesson:
    """A blameless lesson carried by a risk that fired: contributors of any party who can see the
    risk (of the owner's organisation for an internal one) write it; an internal risk carries only
    internal lessons (lessons.services)."""
    require_contributor_inside(actor, risk)
    if risk.fired_on is None:
        raise InvalidState(NOT_FIRED)
    return lesson_services.lesson_add(
        actor=actor,
        partnership=risk.partnership,
        title=title,
        what_happened=what_happened,
        contributing_factors=contributing_factors,
        what_we_change=what_we_change,
        visibility=visibility,
        carrier_kind=CarrierKind.RISK,
        carrier=risk,
    )
