"""Reads of customer insight, each starting from the reader's scope (`restrict`).

The profile and the recommendations are the supplier side's (access.sides.require_insight_reader);
the customer reads the proposals shared with it, and profile records only where the supplier
shared one.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from concord.access.policy import Found, get_for
from concord.access.roles import Action
from concord.access.sides import require_insight_reader
from concord.accounts.models import User
from concord.commitments.models import Answer, Demand
from concord.insight import explain, fit, ranking
from concord.insight.models import (
    CustomerConstraints,
    CustomerGoal,
    FitWeights,
    InstalledItem,
    KeyRelation,
    Offering,
    OfferingKey,
    Proposal,
    Theme,
)
from concord.organisations.models import Organisation
from concord.partnerships.models import Partnership

SHORT_LIST = 10


def item_list(*, actor: User, partnership: Partnership) -> QuerySet[InstalledItem]:
    """The installed base the reader may see: the supplier's whole profile, the customer only
    what the supplier shared."""
    return InstalledItem.objects.restrict(actor).filter(partnership=partnership).select_related("owner")


def item_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[InstalledItem]:
    return get_for(actor, InstalledItem.objects.select_related("partnership", "owner"), action, pk=pk)


def customer_goal_list(*, actor: User, partnership: Partnership) -> QuerySet[CustomerGoal]:
    return (
        CustomerGoal.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("goal", "objective", "owner")
    )


def customer_goal_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[CustomerGoal]:
    return get_for(
        actor, CustomerGoal.objects.select_related("partnership", "goal", "objective"), action, pk=pk
    )


def constraints_get(*, actor: User, partnership: Partnership) -> CustomerConstraints | None:
    org = require_insight_reader(actor, partnership)
    return CustomerConstraints.objects.restrict(actor).filter(partnership=partnership, owner_id=org).first()


def offering_list(*, actor: User, organisation: Organisation) -> QuerySet[Offering]:
    return Offering.objects.restrict(actor).filter(organisation=organisation)


def offering_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Offering]:
    return get_for(actor, Offering.objects.select_related("organisation"), action, pk=pk)


def weights_get(*, actor: User, organisation: Organisation) -> FitWeights:
    """The organisation's weights as its member reads them, or the defaults (unsaved)."""
    found = FitWeights.objects.restrict(actor).filter(organisation=organisation).first()
    return found or FitWeights(organisation=organisation)


def proposal_list(*, actor: User, partnership: Partnership) -> QuerySet[Proposal]:
    """The proposals shared in the partnership, newest first, with their demand and its answers."""
    answers = Answer.objects.restrict(actor).select_related("answered_by")
    demands = Demand.objects.restrict(actor).prefetch_related(Prefetch("answers", queryset=answers))
    return (
        Proposal.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("owner", "created_by")
        .prefetch_related(Prefetch("demand", queryset=demands))
    )


# ---- the fit engine -------------------------------------------------------------------------------


def customer_of(
    *, actor: User, partnership: Partnership, org: int
) -> tuple[fit.Customer, list[explain.GoalRef]]:
    """What the supplier knows of the customer, in the engine's terms (three queries)."""
    items = [
        fit.Item(
            label=str(i),
            technology=i.technology,
            keys=tuple(fit.item_keys(i.technology, i.make, i.model, i.item_version)),
            quantity=i.quantity,
            status=i.status,
            end_of_support=i.end_of_support_on,
        )
        for i in InstalledItem.objects.restrict(actor).filter(partnership=partnership, owner_id=org)
    ]
    goals = list(customer_goal_list(actor=actor, partnership=partnership).filter(owner_id=org))
    weights: dict[str, int] = defaultdict(int)
    for g in goals:
        weights[g.theme] += g.importance
    constraints = (
        CustomerConstraints.objects.restrict(actor).filter(partnership=partnership, owner_id=org).first()
    )
    customer = fit.Customer(
        today=timezone.localdate(),
        budget_month=constraints.budget_month if constraints else None,
        theme_weights=dict(weights),
        items=items,
        themes=list(Theme.values),
    )
    refs = [
        explain.GoalRef(
            g.title,
            g.theme,
            g.goal.title if g.goal else "",
            str(g.objective) if g.objective else "",
        )
        for g in goals
    ]
    return customer, refs


def engine_weights(actor: User, organisation_id: int) -> fit.Weights:
    found = FitWeights.objects.restrict(actor).filter(organisation_id=organisation_id).first()
    w = found or FitWeights(organisation_id=organisation_id)
    return fit.Weights(w.goals, w.installed_base, w.timing, w.cost_benefit)


def offers(actor: User, offerings: list[Offering]) -> dict[int, fit.Offer]:
    """The engine's view of a few offerings (their keys read in one query)."""
    keys: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = OfferingKey.objects.restrict(actor).filter(offering__in=[o.pk for o in offerings]).order_by("id")
    for offering_id, relation, key in rows.values_list("offering_id", "relation", "key"):
        keys[offering_id][relation].append(key)
    return {
        o.pk: fit.Offer(
            pk=o.pk,
            themes=tuple(o.themes or []),
            replaces=tuple(keys[o.pk][KeyRelation.REPLACES]),
            compatible=tuple(keys[o.pk][KeyRelation.COMPATIBLE]),
            incompatible=tuple(keys[o.pk][KeyRelation.INCOMPATIBLE]),
            prerequisites=tuple(keys[o.pk][KeyRelation.PREREQUISITE]),
            cost_band=o.cost_band,
            lead_time_days=o.lead_time_days,
            available_from=o.available_from,
            available_until=o.available_until,
            lifecycle=o.lifecycle,
        )
        for o in offerings
    }


@dataclass
class Recommendation:
    offering: Offering
    assessment: fit.Assessment
    percent: int
    reasons: str
    before: list[Proposal] = field(default_factory=list)  # proposals of it made earlier


@dataclass
class Recommendations:
    items: list[Recommendation]
    excluded: dict[str, int]
    weights: fit.Weights
    customer: fit.Customer
    left_out: list[tuple[Offering, str]] = field(default_factory=list)  # on request: why not

    @property
    def excluded_lines(self) -> list[tuple[str, int]]:
        return [(fit.REASONS[r], n) for r, n in sorted(self.excluded.items())]


def scored(
    actor: User, partnership: Partnership, org: int
) -> tuple[QuerySet[Offering], fit.Customer, list[explain.GoalRef], fit.Weights]:
    customer, goals = customer_of(actor=actor, partnership=partnership, org=org)
    weights = engine_weights(actor, org)
    portfolio = Offering.objects.restrict(actor).filter(organisation_id=org)
    keys = OfferingKey.objects.restrict(actor)
    return ranking.scored(portfolio, keys, customer, weights), customer, goals, weights


def recommendations(
    *, actor: User, partnership: Partnership, limit: int = SHORT_LIST, left_out: int = 0
) -> Recommendations:
    """The short list for the customer of `partnership`, each with its reasons and what became of
    earlier proposals of the same offering; and how many offerings each reason left out."""
    org = require_insight_reader(actor, partnership)
    found, customer, goals, weights = scored(actor, partnership, org)
    best = ranking.shortlist(found, limit)
    by_pk = Offering.objects.restrict(actor).in_bulk([a.pk for a in best])
    engine = offers(actor, list(by_pk.values()))
    earlier: dict[int, list[Proposal]] = defaultdict(list)
    for p in proposal_list(actor=actor, partnership=partnership).filter(offering__in=list(by_pk)):
        if p.offering_id is not None:
            earlier[p.offering_id].append(p)
    items = [
        Recommendation(
            offering=by_pk[a.pk],
            assessment=a,
            percent=a.percent(weights),
            reasons=explain.reasons(engine[a.pk], customer, goals),
            before=earlier.get(a.pk, []),
        )
        for a in best
    ]
    sample = ranking.excluded_sample(found, left_out) if left_out else []
    names = Offering.objects.restrict(actor).in_bulk([pk for pk, _ in sample])
    why = [(names[pk], fit.REASONS[reason]) for pk, reason in sample if pk in names]
    return Recommendations(items, ranking.excluded_counts(found), weights, customer, why)


@dataclass(frozen=True)
class Verdict:
    offering: Offering
    assessment: fit.Assessment
    percent: int
    text: str  # the reasons it fits, or why it is left out


def fit_of(*, actor: User, partnership: Partnership, offering_pk: int) -> Verdict:
    """How one offering fits the customer, or why it is left out (the reason on request)."""
    org = require_insight_reader(actor, partnership)
    offering = get_for(actor, Offering.objects.filter(organisation_id=org), pk=offering_pk).obj
    customer, goals = customer_of(actor=actor, partnership=partnership, org=org)
    weights = engine_weights(actor, org)
    offer = offers(actor, [offering])[offering.pk]
    assessment = fit.assess(offer, customer, weights)
    if assessment.excluded:
        text = explain.why_not(assessment.excluded, offer, customer)
    else:
        text = explain.reasons(offer, customer, goals)
    return Verdict(offering, assessment, assessment.percent(weights), text)
