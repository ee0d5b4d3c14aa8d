"""The fit engine's rules on hand-built cases (pure), and its explanations."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from concord.insight import explain, fit

D = datetime.date
TODAY = D(2026, 11, 24)


def analysers(status: str = "current", eos: datetime.date | None = None, quantity: int = 14) -> fit.Item:
    keys = tuple(fit.item_keys("Analyser", "Acme", "AX-200", "3.1"))
    return fit.Item("Acme AX-200 3.1", "analyser", keys, quantity, status, eos)


def customer(
    items: list[fit.Item], weights: dict[str, int] | None = None, month: int | None = 4
) -> fit.Customer:
    return fit.Customer(
        today=TODAY, budget_month=month, theme_weights=weights or {"uptime": 5, "cost": 5}, items=items
    )


def test_normalising_lists_and_keys() -> None:
    assert fit.split_list(" Acme  AX-200 ; analyser,, ANALYSER\n") == ["acme ax-200", "analyser"]
    assert fit.item_keys("Analyser", "Acme", "AX-200", "3.1") == [
        "analyser",
        "acme ax-200",
        "acme ax-200 3.1",
    ]
    assert fit.item_keys("Network", "", "", "") == ["network"]


def test_budget_date_is_the_next_budget_month() -> None:
    assert fit.budget_date(TODAY, 4) == D(2027, 4, 1)
    assert fit.budget_date(TODAY, 12) == D(2026, 12, 1)
    assert fit.budget_date(TODAY, 11) == TODAY  # in the budget month itself: now
    assert fit.budget_date(TODAY, None) == TODAY


def test_urgency_grows_towards_end_of_support() -> None:
    on = D(2027, 4, 1)
    assert fit.urgency(analysers("current"), on) == fit.CURRENT
    assert fit.urgency(analysers("ageing"), on) == fit.AGEING
    assert fit.urgency(analysers("end_of_support"), on) == fit.FULL
    assert fit.urgency(analysers(eos=D(2027, 3, 1)), on) == fit.FULL  # passed by the budget date
    assert fit.urgency(analysers(eos=on + datetime.timedelta(days=365)), on) == 500
    assert fit.urgency(analysers("retired", eos=D(2027, 3, 1)), on) == 0


def test_hand_built_ranking() -> None:
    """Three offerings for a customer with analysers reaching end of support before its April
    budget, who cares for uptime and cost equally."""
    who = customer([analysers(eos=D(2027, 3, 15))])
    replacement = fit.Offer(1, ("uptime",), replaces=("acme ax-200",), cost_band=3, lead_time_days=30)
    saver = fit.Offer(2, ("cost",), cost_band=1)
    both = fit.Offer(3, ("cost", "uptime"), cost_band=5)
    weights = fit.Weights(4, 3, 2, 1)
    a = fit.assess(replacement, who, weights)
    assert (a.goals, a.installed, a.timing, a.cost_benefit) == (500, 1000, 1000, 525)
    assert a.score == 4 * 500 + 3 * 1000 + 2 * 1000 + 525
    ranked = fit.rank([saver, both, replacement], who, weights)
    assert [r.pk for r in ranked] == [1, 3, 2]
    # Weigh goals alone and the offering that serves both goals wins.
    assert [r.pk for r in fit.rank([saver, both, replacement], who, fit.Weights(1, 0, 0, 0))] == [3, 1, 2]


def test_ties_break_by_id() -> None:
    who = customer([])
    offers = [fit.Offer(pk, ("cost",)) for pk in (9, 3, 5)]
    assert [a.pk for a in fit.rank(offers, who, fit.Weights())] == [3, 5, 9]


def test_what_cannot_fit_is_left_out_with_its_reason() -> None:
    who = customer([analysers()])
    cases = {
        fit.END_OF_SALE: fit.Offer(1, ("cost",), lifecycle="end_of_sale"),
        fit.INCOMPATIBLE: fit.Offer(2, ("cost",), incompatible=("analyser",)),
        fit.PREREQUISITE: fit.Offer(3, ("cost",), prerequisites=("analyser", "lims 7")),
        fit.UNAVAILABLE: fit.Offer(4, ("cost",), available_until=TODAY - datetime.timedelta(days=1)),
        fit.NO_FIT: fit.Offer(5, ("safety",)),
        "": fit.Offer(6, ("safety",), prerequisites=("analyser",), compatible=("acme ax-200",)),
    }
    for reason, offer in cases.items():
        assert fit.assess(offer, who, fit.Weights()).excluded == reason
    assert [a.pk for a in fit.rank(cases.values(), who, fit.Weights())] == [6]
    assert explain.why_not(fit.PREREQUISITE, cases[fit.PREREQUISITE], who) == (
        "Needs lims 7, not in the customer's installed base."
    )


def test_late_delivery_costs_timing() -> None:
    who = customer([analysers(eos=TODAY + datetime.timedelta(days=20))])
    quick = fit.Offer(1, ("uptime",), replaces=("analyser",), lead_time_days=10)
    slow = fit.Offer(2, ("uptime",), replaces=("analyser",), lead_time_days=60)
    assert fit.assess(quick, who, fit.Weights()).timing == 1000
    assert fit.assess(slow, who, fit.Weights()).timing == 500


def test_the_recommendation_explains_itself() -> None:
    who = customer([analysers(eos=D(2027, 3, 15))])
    offer = fit.Offer(1, ("uptime",), replaces=("acme ax-200",), lead_time_days=30)
    goals = [explain.GoalRef("Fewer stops", "uptime", shared_goal="Reduce unplanned downtime by 20 %")]
    assert explain.reasons(offer, who, goals) == (
        "Replaces 14 × analyser reaching end of support in March 2027; supports the shared goal "
        "‘Reduce unplanned downtime by 20 %’; fits the April budget cycle; delivered in 30 days."
    )


@given(
    st.dictionaries(st.sampled_from(["cost", "uptime", "quality", "safety"]), st.integers(1, 5)),
    st.lists(st.sampled_from(["cost", "uptime", "quality", "safety", "speed"]), max_size=5),
)
def test_goal_coverage_stays_within_bounds(weights: dict[str, int], themes: list[str]) -> None:
    who = customer([], weights=weights)
    a = fit.assess(fit.Offer(1, tuple(themes)), who, fit.Weights())
    assert 0 <= a.goals <= fit.FULL
    if set(weights) <= set(themes) and weights:
        assert a.goals > fit.FULL - len(weights)  # all goals covered: all of it, bar rounding
