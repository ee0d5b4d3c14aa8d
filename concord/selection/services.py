"""Selection use cases: needs, their criteria and weights, candidates, scores, and the decision.

Access first (access.policy), writes through audit.services (audit trail, model validation,
optimistic concurrency on the need). Everything is internal to the buying organisation.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from concord.access import policy, sides
from concord.access.roles import Action, Side
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_delete, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.invitations.services import invite_partner
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership
from concord.partnerships.services import partnership_create, party_add
from concord.selection.models import (
    DEFAULT_CRITERIA,
    Candidate,
    Comparison,
    Criterion,
    Favours,
    Need,
    NeedStatus,
    Score,
    Weighting,
)

DECIDED = "A partner has already been chosen for this need."


def _open(need: Need) -> None:
    if need.status != NeedStatus.OPEN:
        raise InvalidState(DECIDED if need.status == NeedStatus.DECIDED else "This need is closed.")


def need_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    purpose: str,
    gaps: str = "",
    category: str = "",
    annual_spend: Decimal | None = None,
    currency: str = "EUR",
    needed_by: datetime.date | None = None,
    weighting: str = Weighting.POINTS,
) -> Need:
    """A member (not a viewer) of the buying organisation records a need; it starts with the
    default criteria, equally weighted."""
    policy.require(actor, Action.CONTRIBUTE, organisation)
    need = Need(
        owner=organisation,
        title=title,
        purpose=purpose,
        gaps=gaps,
        category=category,
        annual_spend=annual_spend,
        currency=currency.upper(),
        needed_by=needed_by,
        weighting=weighting,
        created_by=actor,
    )
    with transaction.atomic():
        tracked_create(actor=actor, instance=need)
        for position, (name, description) in enumerate(DEFAULT_CRITERIA):
            criterion = Criterion(need=need, name=name, description=description, position=position)
            tracked_create(actor=actor, instance=criterion)
    return need


def need_update(
    *,
    actor: User,
    need: Need,
    version: int | None,
    title: str | Unset = UNSET,
    purpose: str | Unset = UNSET,
    gaps: str | Unset = UNSET,
    category: str | Unset = UNSET,
    annual_spend: Decimal | Unset | None = UNSET,
    currency: str | Unset = UNSET,
    needed_by: datetime.date | Unset | None = UNSET,
    weighting: str | Unset = UNSET,
) -> Need:
    """The author or an admin changes what is given; a stale version is a Conflict."""
    policy.require(actor, Action.CHANGE, need)
    changes = given(
        title=title,
        purpose=purpose,
        gaps=gaps,
        category=category,
        annual_spend=annual_spend,
        currency=currency.upper() if isinstance(currency, str) else currency,
        needed_by=needed_by,
        weighting=weighting,
    )
    return tracked_update(actor=actor, instance=need, version=version, changes=changes)


def need_close(*, actor: User, need: Need, version: int | None, rationale: str) -> Need:
    """Close an open need without choosing a partner (the reason is kept)."""
    policy.require(actor, Action.CHANGE, need)
    _open(need)
    changes = {
        "status": NeedStatus.CLOSED,
        "rationale": rationale,
        "decided_at": timezone.now(),
        "decided_by": actor,
    }
    return tracked_update(actor=actor, instance=need, version=version, changes=changes)


# ---- criteria and weights -------------------------------------------------------------------------


def criterion_add(
    *, actor: User, need: Need, name: str, description: str = "", points: int = 10
) -> Criterion:
    policy.require(actor, Action.CHANGE, need)
    _open(need)
    last = (
        Criterion.unscoped.filter(need=need).order_by("-position").values_list("position", flat=True).first()
    )
    position = 0 if last is None else last + 1
    criterion = Criterion(need=need, name=name, description=description, points=points, position=position)
    return tracked_create(actor=actor, instance=criterion)


def criterion_update(
    *,
    actor: User,
    criterion: Criterion,
    name: str | Unset = UNSET,
    description: str | Unset = UNSET,
    points: int | Unset = UNSET,
) -> Criterion:
    need = Need.unscoped.get(pk=criterion.need_id)
    policy.require(actor, Action.CHANGE, need)
    _open(need)
    changes = given(name=name, description=description, points=points)
    return tracked_update(actor=actor, instance=criterion, version=None, changes=changes)


def criterion_remove(*, actor: User, criterion: Criterion) -> None:
    """Remove a criterion with its judgments and scores (the trail keeps them)."""
    need = Need.unscoped.get(pk=criterion.need_id)
    policy.require(actor, Action.CHANGE, need)
    _open(need)
    if Criterion.unscoped.filter(need=need).count() <= 1:
        raise ValidationFailed.single("criterion", "A need keeps at least one criterion.")
    tracked_delete(actor=actor, instance=criterion)


def comparison_set(
    *, actor: User, need: Need, first: Criterion, second: Criterion, favours: str, intensity: int
) -> Comparison:
    """Record (or change) one AHP judgment: which of two criteria of the need matters more and how
    much on Saaty's 1–9 scale. The pair is kept in the need's order (first before second)."""
    policy.require(actor, Action.CHANGE, need)
    _open(need)
    if first.need_id != need.pk or second.need_id != need.pk:
        raise ValidationFailed.single("second", "Compare two criteria of this need.")
    if first.pk == second.pk:
        raise ValidationFailed.single("second", "Compare two different criteria.")
    if (second.position, second.pk) < (first.position, first.pk):
        first, second = second, first
        favours = Favours.SECOND if favours == Favours.FIRST else Favours.FIRST
    if intensity == 1:
        favours = Favours.FIRST  # equal importance has no side
    with transaction.atomic():
        found = Comparison.unscoped.select_for_update().filter(need=need, first=first, second=second).first()
        if found is not None:
            return tracked_update(
                actor=actor,
                instance=found,
                version=None,
                changes={"favours": favours, "intensity": intensity},
            )
        comparison = Comparison(need=need, first=first, second=second, favours=favours, intensity=intensity)
        return tracked_create(actor=actor, instance=comparison)


# ---- candidates and scores ------------------------------------------------------------------------


def candidate_add(
    *,
    actor: User,
    need: Need,
    organisation_id: int | None = None,
    name: str = "",
    contact_email: str = "",
    note: str = "",
) -> Candidate:
    """Name a candidate: a supplier the buying organisation already works with, or a new
    organisation by name (with whom to invite should it be chosen)."""
    policy.require(actor, Action.CONTRIBUTE, need)
    _open(need)
    organisation = None
    if organisation_id is not None:
        sides.require_candidate_organisation(need.owner_id, organisation_id)
        organisation = Organisation.unscoped.get(pk=organisation_id)
        name = organisation.name
    elif not name.strip():
        raise ValidationFailed.single("__all__", "Choose a known supplier or name a new organisation.")
    candidate = Candidate(
        need=need,
        organisation=organisation,
        name=name,
        contact_email=contact_email.lower(),
        note=note,
        created_by=actor,
    )
    return tracked_create(actor=actor, instance=candidate)


def candidate_remove(*, actor: User, candidate: Candidate) -> None:
    need = Need.unscoped.get(pk=candidate.need_id)
    policy.require(actor, Action.CHANGE, need)
    _open(need)
    tracked_delete(actor=actor, instance=candidate)


def score_set(
    *, actor: User, candidate: Candidate, criterion: Criterion, value: int, evidence: str = ""
) -> Score:
    """An evaluator scores a candidate on a criterion (1–5, with the evidence), as themselves;
    scoring again changes their score."""
    need = Need.unscoped.get(pk=candidate.need_id)
    sides.require_evaluator(actor, need)
    _open(need)
    if criterion.need_id != need.pk:
        raise ValidationFailed.single("criterion", "Choose a criterion of this need.")
    with transaction.atomic():
        found = (
            Score.unscoped.select_for_update()
            .filter(candidate=candidate, criterion=criterion, evaluator=actor)
            .first()
        )
        if found is not None:
            changes = {"value": value, "evidence": evidence}
            return tracked_update(actor=actor, instance=found, version=None, changes=changes)
        score = Score(
            candidate=candidate, criterion=criterion, evaluator=actor, value=value, evidence=evidence
        )
        return tracked_create(actor=actor, instance=score)


# ---- the decision ---------------------------------------------------------------------------------


def need_decide(
    *, actor: User, need: Need, candidate: Candidate, version: int | None, rationale: str, email: str = ""
) -> Need:
    """An admin of the buying organisation chooses the partner. A known supplier: the partnership
    is opened with it as the supplier party (its own admins name its partnership manager). A new
    organisation: the partnership is opened and the organisation invited through the invitation
    flow (to `email`, or the candidate's contact). The need records the choice and the partnership."""
    sides.require_decider(actor, need)
    _open(need)
    if candidate.need_id != need.pk:
        raise ValidationFailed.single("candidate", "Choose a candidate of this need.")
    email = (email or candidate.contact_email).strip()
    if candidate.organisation_id is None and not email:
        raise ValidationFailed.single("email", "Give the email address to invite the new organisation with.")
    with transaction.atomic():
        partnership = _open_partnership(actor, need, candidate, email)
        changes = {
            "status": NeedStatus.DECIDED,
            "chosen": candidate,
            "rationale": rationale,
            "decided_at": timezone.now(),
            "decided_by": actor,
            "partnership": partnership,
        }
        return tracked_update(actor=actor, instance=need, version=version, changes=changes)


def _open_partnership(actor: User, need: Need, candidate: Candidate, email: str) -> Partnership:
    buyer = Organisation.unscoped.get(pk=need.owner_id)
    partnership = partnership_create(
        actor=actor,
        buyer=buyer,
        name=f"{need.title} — {candidate.name}"[:200],
        category=need.category,
        description=need.purpose,
    )
    if candidate.organisation_id is not None:
        supplier = Organisation.unscoped.get(pk=candidate.organisation_id)
        party_add(
            actor=actor, partnership=partnership, organisation=supplier, side=Side.SUPPLIER, manager=None
        )
    else:
        invite_partner(actor=actor, partnership=partnership, email=email, supplier_name=candidate.name)
    return partnership
