"""The health index's services: computed per (partnership, reader organisation) from what that
organisation may read, kept current when a source changes (on commit) and by the daily job, its
months kept as history, and the weights of each organisation (admins only, versioned)."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from concord.access.roles import Visibility
from concord.core.errors import Conflict, Forbidden, ValidationFailed
from concord.core.schedule import run_daily
from concord.goals import services as goals
from concord.health import index, selectors, services
from concord.health.models import HealthScore
from tests.reviews.helpers import BOTH, closed_round
from tests.world import World


def _row(world: World, org: Any) -> HealthScore:
    period = index.period_of(timezone.localdate())
    return HealthScore.unscoped.get(partnership=world.partnership, organisation=org, period=period)


def _goal(world: World, persona: str, visibility: str, value: str) -> Any:
    actor = world.user(persona)
    today = timezone.localdate()
    goal = goals.goal_create(
        actor=actor,
        partnership=world.partnership,
        title=f"{persona} {visibility}",
        baseline=Decimal("0"),
        target=Decimal("100"),
        start_date=today - datetime.timedelta(days=100),
        due_date=today + datetime.timedelta(days=100),
        visibility=visibility,
    )
    goals.measurement_add(actor=actor, goal=goal, measured_on=today, value=Decimal(value))
    return goal


def test_each_side_sees_an_index_from_what_it_may_read(world: World) -> None:
    services.recompute([world.partnership.pk])
    before = {org: _row(world, org).components for org in (world.buyer, world.supplier)}
    # the buyer's internal goal, far off track: it counts for the buyer only
    _goal(world, "buyer_lead", Visibility.INTERNAL, "1")
    services.recompute([world.partnership.pk])
    assert _row(world, world.supplier).components == before[world.supplier]
    assert _row(world, world.buyer).components != before[world.buyer]
    # and the supplier's internal one for the supplier only
    buyer_now = _row(world, world.buyer).components
    _goal(world, "supplier_lead", Visibility.INTERNAL, "1")
    services.recompute([world.partnership.pk])
    assert _row(world, world.buyer).components == buyer_now
    assert _row(world, world.supplier).components != before[world.supplier]


def test_internal_records_of_the_other_side_never_move_my_index(world: World) -> None:
    services.recompute([world.partnership.pk])
    supplier_before = _row(world, world.supplier).score
    for value in ("1", "2", "3"):
        _goal(world, "buyer_lead", Visibility.INTERNAL, value)
    services.recompute([world.partnership.pk])
    assert _row(world, world.supplier).score == supplier_before


def test_a_reader_reads_only_the_rows_of_its_own_organisation(world: World) -> None:
    services.recompute([world.partnership.pk])
    seen = selectors.explained(actor=world.user("supplier_member"), partnership=world.partnership)
    assert seen.organisation_id == world.supplier.pk
    assert set(
        HealthScore.objects.restrict(world.user("supplier_member")).values_list("organisation_id", flat=True)
    ) == {world.supplier.pk}


def test_the_survey_is_a_missing_source_until_a_round_closes_with_both_sides_answering(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    services.recompute([world.partnership.pk])
    found = selectors.explained(actor=world.user("buyer_lead"), partnership=world.partnership)
    assert index.LABELS[index.Component.SURVEY] in found.result.missing  # the world's round is a draft
    with django_capture_on_commit_callbacks(execute=True):  # closing the round recomputes by itself
        closed_round(world, BOTH)
    for persona in ("buyer_lead", "supplier_member"):
        found = selectors.explained(actor=world.user(persona), partnership=world.partnership)
        [survey] = [p for p in found.result.parts if p.key == index.Component.SURVEY.value]
        # both sides' "how it is": (4 + 2) / 2 = 3 and (5 + 3) / 2 = 4, each side half: 3.5 on 1–5
        assert survey.score == 62.5 and survey.label not in found.result.missing


def test_a_source_written_recomputes_the_index_once_committed(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    HealthScore.unscoped.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        _goal(world, "supplier_lead", Visibility.SHARED, "90")
    assert HealthScore.unscoped.filter(partnership=world.partnership).count() == 2


def test_a_note_does_not_recompute(world: World, django_capture_on_commit_callbacks: Any) -> None:
    from concord.partnerships.services import note_create

    HealthScore.unscoped.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        note_create(actor=world.user("buyer_lead"), partnership=world.partnership, body="hello")
    assert not HealthScore.unscoped.exists()


def test_the_daily_job_computes_every_partnership_and_keeps_earlier_months(world: World) -> None:
    today = timezone.localdate()
    last_month = index.previous_period(index.period_of(today))
    services.recompute([world.partnership.pk], today=last_month)
    HealthScore.unscoped.filter(period=last_month).update(score=12.5)
    run_daily.call(today.isoformat())
    assert HealthScore.unscoped.filter(period=index.period_of(today)).count() >= 2
    assert set(HealthScore.unscoped.filter(period=last_month).values_list("score", flat=True)) == {12.5}
    summary = selectors.summaries(actor=world.user("buyer_lead"), partnership_ids=[world.partnership.pk])
    row = summary[world.partnership.pk]
    assert row.score is not None and row.trend == round(row.score - 12.5, 1)


def test_weights_are_changed_by_admins_and_recombine_the_month(world: World) -> None:
    services.recompute([world.partnership.pk])
    lead = world.user("buyer_lead")
    weights = {c.value: 0 for c in index.Component} | {"risk": 100}
    saved = services.weights_set(actor=lead, organisation=world.buyer, version=1, **weights)
    assert saved.version == 2
    risk = next(p for p in _row(world, world.buyer).components if p["key"] == "risk")
    assert _row(world, world.buyer).score == risk["score"]
    with pytest.raises(Conflict):
        services.weights_set(actor=lead, organisation=world.buyer, version=1, goals=10)
    with pytest.raises(ValidationFailed):
        services.weights_set(actor=lead, organisation=world.buyer, version=2, **dict.fromkeys(weights, 0))
    with pytest.raises(Forbidden):
        services.weights_set(actor=world.user("buyer_viewer"), organisation=world.buyer, version=2, goals=5)
    # the supplier's index keeps the supplier's (default) weights
    assert selectors.weights_get(actor=world.user("supplier_lead"), organisation=world.supplier)[1] == 1
