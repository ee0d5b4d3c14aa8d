"""Customer insight through the services: the SQL ranking agrees with the reference engine, the
short list explains itself, proposals go through the demands flow, and privacy holds — from the
customer and between two suppliers."""

import datetime
import random

import pytest
from django.utils import timezone

from concord.access.roles import Visibility
from concord.commitments.models import DemandStatus
from concord.commitments.services import demands
from concord.core.errors import Forbidden, NotFound, ValidationFailed
from concord.insight import fit, ranking, selectors
from concord.insight.models import CustomerGoal, InstalledItem, Offering, Proposal
from concord.insight.services import portfolio, profile, proposals
from concord.invitations import services as invitations
from tests.world import World, soon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _blank_profile(world: World) -> None:
    """These tests build the profile and portfolio they need: the world's own are removed."""
    Offering.unscoped.all().delete()
    InstalledItem.unscoped.all().delete()
    CustomerGoal.unscoped.all().delete()


THEMES = ["cost", "uptime", "quality", "sustainability", "safety"]


def _profile(w: World) -> None:
    lead = w.user("supplier_lead")
    eos = timezone.localdate() + datetime.timedelta(days=90)
    profile.item_create(
        actor=lead,
        partnership=w.partnership,
        technology="Analyser",
        make="Acme",
        model="AX-200",
        quantity=14,
        status="ageing",
        end_of_support_on=eos,
        notes="They hate the touch screen",
    )
    profile.item_create(actor=lead, partnership=w.partnership, technology="LIMS", make="Labco", model="7")
    profile.customer_goal_create(
        actor=lead,
        partnership=w.partnership,
        title="Fewer stops",
        theme="uptime",
        importance=5,
        goal=w.goal_shared,
    )
    profile.customer_goal_create(
        actor=lead, partnership=w.partnership, title="Lower cost", theme="cost", importance=2
    )
    profile.constraints_save(actor=lead, partnership=w.partnership, budget_month=4)


def _offering(w: World, name: str, **fields: object) -> Offering:
    return portfolio.offering_create(
        actor=w.user("supplier_lead"), organisation=w.supplier, name=name, **fields
    )


def test_recommendations_explain_themselves_and_leave_out_what_cannot_fit(world: World) -> None:
    _profile(world)
    best = _offering(world, "AX-300 analyser", themes=["uptime"], replaces="Acme AX-200", lead_time_days=20)
    _offering(world, "Cost audit", themes=["cost"], cost_band=1)
    _offering(world, "Old pump", themes=["uptime"], lifecycle="end_of_sale")
    needs = _offering(world, "Cloud LIMS add-on", themes=["quality", "uptime"], prerequisites="LIMS cloud")
    found = selectors.recommendations(actor=world.user("supplier_member"), partnership=world.partnership)
    assert [r.offering.name for r in found.items] == ["AX-300 analyser", "Cost audit"]
    first = found.items[0]
    assert first.offering == best
    assert first.reasons.startswith("Replaces 14 × Analyser reaching end of support in ")
    assert f"supports the shared goal ‘{world.goal_shared.title}’" in first.reasons
    assert "fits the April budget cycle" in first.reasons
    assert found.excluded == {fit.END_OF_SALE: 1, fit.PREREQUISITE: 1}
    why = selectors.fit_of(
        actor=world.user("supplier_lead"), partnership=world.partnership, offering_pk=needs.pk
    )
    assert why.text == "Needs lims cloud, not in the customer's installed base."


def test_sql_ranking_agrees_with_the_reference(world: World) -> None:
    _profile(world)
    rng = random.Random(17)
    keys = ["analyser", "acme ax-200", "labco 7", "lims", "pump", "valve"]
    made = []
    for n in range(60):
        made.append(
            _offering(
                world,
                f"Offer {n}",
                themes=rng.sample(THEMES, rng.randint(0, 3)),
                replaces=", ".join(rng.sample(keys, rng.randint(0, 2))),
                compatible_with=", ".join(rng.sample(keys, rng.randint(0, 1))),
                incompatible_with="valve" if rng.random() < 0.1 else "",
                prerequisites=rng.choice(["", "", "lims", "pump"]),
                cost_band=rng.randint(1, 5),
                lead_time_days=rng.choice([5, 60, 200]),
                lifecycle=rng.choice(["new", "mainstream", "mainstream", "end_of_sale"]),
            )
        )
    actor = world.user("supplier_lead")
    found, customer, _goals, weights = selectors.scored(actor, world.partnership, world.supplier.pk)
    reference = [fit.assess(o, customer, weights) for o in selectors.offers(actor, made).values()]
    in_sql = {
        pk: (g, i, t, c, s, x)
        for pk, g, i, t, c, s, x in found.values_list(
            "id", "f_goals", "f_installed", "f_timing", "f_cost_benefit", "f_score", "f_excluded"
        )
    }
    for a in reference:
        assert in_sql[a.pk] == (a.goals, a.installed, a.timing, a.cost_benefit, a.score, a.excluded)
    expected = [a.pk for a in fit.rank(selectors.offers(actor, made).values(), customer, weights, 10)]
    assert [a.pk for a in ranking.shortlist(found, 10)] == expected


def test_weights_change_the_order(world: World) -> None:
    _profile(world)
    _offering(world, "Replacement", themes=["quality"], replaces="analyser")
    _offering(world, "Uptime service", themes=["uptime", "cost"])

    def names() -> list[str]:
        found = selectors.recommendations(actor=world.user("supplier_lead"), partnership=world.partnership)
        return [r.offering.name for r in found.items]

    portfolio.weights_save(
        actor=world.user("supplier_lead"),
        organisation=world.supplier,
        goals=0,
        installed_base=10,
        timing=0,
        cost_benefit=0,
    )
    assert names()[0] == "Replacement"
    portfolio.weights_save(
        actor=world.user("supplier_lead"),
        organisation=world.supplier,
        version=1,
        goals=10,
        installed_base=0,
        timing=0,
        cost_benefit=0,
    )
    assert names()[0] == "Uptime service"
    with pytest.raises(Forbidden):
        portfolio.weights_save(actor=world.user("supplier_member"), organisation=world.supplier, goals=1)
    with pytest.raises(ValidationFailed):
        portfolio.weights_save(
            actor=world.user("supplier_lead"), organisation=world.supplier, version=2, goals=11
        )


def test_a_proposal_is_a_demand_the_customer_answers_and_the_answer_shows_later(world: World) -> None:
    _profile(world)
    offering = _offering(world, "AX-300 analyser", themes=["uptime"], replaces="analyser")
    made = proposals.proposal_make(
        actor=world.user("supplier_member"),
        partnership=world.partnership,
        offering_id=offering.pk,
        title="Replace the AX-200 analysers",
        description="Reaching end of support in spring.",
    )
    demand = made.demand
    assert (demand.owner_id, demand.to_org_id, demand.visibility) == (
        world.supplier.pk,
        world.buyer.pk,
        Visibility.SHARED,
    )
    seen = selectors.proposal_list(actor=world.user("buyer_viewer"), partnership=world.partnership)
    assert [p.offering_name for p in seen] == ["AX-300 analyser"]
    demands.demand_answer(
        actor=world.user("buyer_lead"),
        demand=demand,
        version=demand.version,
        kind="no",
        rationale="Budget goes to the new line this year",
    )
    demand.refresh_from_db()
    assert demand.status == DemandStatus.NO
    again = selectors.recommendations(actor=world.user("supplier_lead"), partnership=world.partnership)
    before = again.items[0].before
    assert [p.demand.status for p in before] == [DemandStatus.NO]
    assert before[0].demand.answers.all()[0].rationale == "Budget goes to the new line this year"


def test_the_customer_never_reads_the_profile_or_the_portfolio(world: World) -> None:
    _profile(world)
    offering = _offering(world, "AX-300 analyser", themes=["uptime"], replaces="analyser")
    buyer = world.user("buyer_lead")
    assert not selectors.item_list(actor=buyer, partnership=world.partnership).exists()
    assert not selectors.customer_goal_list(actor=buyer, partnership=world.partnership).exists()
    assert not Offering.objects.restrict(buyer).exists()
    with pytest.raises(Forbidden):
        selectors.recommendations(actor=buyer, partnership=world.partnership)
    with pytest.raises(NotFound):
        selectors.offering_get(actor=buyer, pk=offering.pk)
    with pytest.raises(Forbidden):
        profile.item_create(actor=buyer, partnership=world.partnership, technology="Spy")
    with pytest.raises(NotFound):
        selectors.recommendations(actor=world.user("outsider"), partnership=world.partnership)


def test_one_supplier_never_sees_another_suppliers_anything(world: World) -> None:
    """A second supplier joins the same partnership: profiles, portfolios, weights and the
    recommendations of each stay its own."""
    _profile(world)
    mine = _offering(world, "AX-300 analyser", themes=["uptime"], replaces="analyser")
    invitation = invitations.invite_partner(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        email=world.user("outsider").email,
        supplier_name="Rival Co",
    )
    rival_org = invitations.invitation_accept(actor=world.user("outsider"), invitation=invitation)
    rival = world.user("outsider")
    world.partnership.refresh_from_db()
    theirs = portfolio.offering_create(
        actor=rival, organisation=rival_org, name="Rival analyser", themes=["uptime"]
    )
    profile.item_create(actor=rival, partnership=world.partnership, technology="Rival view")
    assert list(
        selectors.item_list(actor=rival, partnership=world.partnership).values_list("technology", flat=True)
    ) == ["Rival view"]
    assert not CustomerGoal.objects.restrict(rival).exists()
    assert list(Offering.objects.restrict(rival)) == [theirs]
    assert list(Offering.objects.restrict(world.user("supplier_lead"))) == [mine]
    found = selectors.recommendations(actor=rival, partnership=world.partnership)
    assert [r.offering for r in found.items] == []  # the rival knows nothing of the customer yet
    with pytest.raises(NotFound):
        proposals.proposal_make(
            actor=rival, partnership=world.partnership, offering_id=mine.pk, title="Steal"
        )
    with pytest.raises(NotFound):
        selectors.fit_of(actor=rival, partnership=world.partnership, offering_pk=mine.pk)
    assert InstalledItem.unscoped.filter(owner=world.supplier).count() == 2


def test_shared_goals_only_for_shared_records(world: World) -> None:
    lead = world.user("supplier_lead")
    with pytest.raises(ValidationFailed) as caught:
        profile.customer_goal_create(
            actor=lead, partnership=world.partnership, title="x", theme="cost", goal=world.goal_internal
        )
    assert "goal" in caught.value.errors


def test_bad_offerings_are_refused_whole(world: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        _offering(world, "Window", available_from=soon(10), available_until=soon(5))
    assert "available_until" in caught.value.errors
    with pytest.raises(ValidationFailed):
        _offering(world, "Themes", themes=["nonsense"])
    assert not Offering.unscoped.exists()
    assert not Proposal.unscoped.exists()
