"""Choosing partners through the services and the real HTTP surface: needs with default criteria,
AHP weights with their consistency warning, evaluators who disagree, the ranking, the decision
that opens the partnership (existing supplier) or invites a new one, and privacy: nobody outside
the buying organisation learns that a need exists."""

from typing import Any

import pytest
from django.core import mail

from concord.access.models import Party
from concord.access.roles import Role, Side
from concord.core.errors import Forbidden, InvalidState, NotFound, ValidationFailed
from concord.organisations.models import Invitation
from concord.selection import selectors, services
from concord.selection.models import Need, NeedStatus, Weighting
from tests.world import World, join, make_user


def _lead(world: World) -> Any:
    return world.user("buyer_lead")


def _need(world: World, **fields: Any) -> Need:
    return services.need_create(
        actor=_lead(world), organisation=world.buyer, title="Film supplier", purpose="Second source", **fields
    )


def test_a_need_starts_with_the_default_criteria_equally_weighted(world: World) -> None:
    need = _need(world)
    found = selectors.evaluation(actor=_lead(world), need=need)
    assert [c.name for c in found.criteria][:3] == ["Track record", "Reputation", "Resources & capacity"]
    assert len(found.criteria) == 8
    assert found.weights == pytest.approx([1 / 8] * 8)


def test_viewers_read_but_do_not_write(world: World) -> None:
    viewer = world.user("buyer_viewer")
    assert selectors.need_get(actor=viewer, pk=world.need.pk).obj == world.need
    with pytest.raises(Forbidden):
        services.candidate_add(actor=viewer, need=world.need, name="Mine")
    with pytest.raises(Forbidden):
        services.score_set(actor=viewer, candidate=world.candidate, criterion=world.criterion, value=5)


@pytest.mark.parametrize("persona", ["supplier_lead", "supplier_member", "outsider"])
def test_no_one_outside_the_buying_organisation_reaches_a_need(world: World, persona: str) -> None:
    user = world.user(persona)
    with pytest.raises(NotFound):
        selectors.need_get(actor=user, pk=world.need.pk)
    assert not selectors.need_list(actor=user).exists()
    with pytest.raises(NotFound):
        services.score_set(actor=user, candidate=world.candidate, criterion=world.criterion, value=5)


def test_the_candidate_supplier_sees_nothing_anywhere(world: World, client_for: Any) -> None:
    client = client_for("supplier_lead")
    need = world.need.pk
    for url in [
        f"/selection/needs/{need}/",
        f"/selection/needs/{need}/compare/",
        f"/api/v1/selection/needs/{need}/candidates",
        f"/api/v1/selection/needs/{need}/evaluation",
        f"/api/v1/selection/needs/{need}/scores",
    ]:
        assert client.get(url).status_code == 404, url
    listed = client.get("/api/v1/selection/needs").json()
    assert listed["count"] == 0
    export = client.get("/selection/needs/export.csv").content.decode()
    assert "Second source for bags" not in export
    assert "Second source for bags" not in client.get("/selection/needs/").content.decode()


def test_only_known_suppliers_may_be_named(world: World) -> None:
    need = _need(world)
    with pytest.raises(ValidationFailed) as caught:
        services.candidate_add(actor=_lead(world), need=need, organisation_id=world.other.pk)
    assert "organisation" in caught.value.errors
    known = selectors.known_suppliers(actor=_lead(world), need=need)
    assert known == [(world.supplier.pk, "Supplier Co")]


def test_ahp_weights_with_a_consistency_warning_through_the_api(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    need = _need(world, weighting=Weighting.AHP)
    a, b, c = selectors.criteria_of(actor=_lead(world), need=need)[:3]
    # A over B ×9, B over C ×9, but C over A ×9: a cycle, as inconsistent as it gets.
    for first, second, favours in [(a, b, "first"), (b, c, "first"), (a, c, "second")]:
        answer = client.post(
            f"/api/v1/selection/needs/{need.pk}/comparisons",
            {"first": first.pk, "second": second.pk, "favours": favours, "intensity": 9},
            content_type="application/json",
        )
        assert answer.status_code == 200, answer.content
    found = client.get(f"/api/v1/selection/needs/{need.pk}/evaluation").json()
    consistency = found["consistency"]
    assert consistency["cr"] >= 0.10 and not consistency["acceptable"]
    assert consistency["judged"] == 3 and consistency["pairs"] == 28
    named = {(j["first_id"], j["second_id"]) for j in consistency["inconsistent"]}
    assert named & {(a.pk, b.pk), (b.pk, c.pk), (a.pk, c.pk)}
    page = client.get(f"/selection/needs/{need.pk}/").content.decode()
    assert 'data-consistency="warning"' in page


def test_a_reversed_pair_is_stored_in_the_need_s_order(world: World) -> None:
    need = _need(world, weighting=Weighting.AHP)
    a, b = selectors.criteria_of(actor=_lead(world), need=need)[:2]
    stored = services.comparison_set(
        actor=_lead(world), need=need, first=b, second=a, favours="first", intensity=5
    )
    assert (stored.first_id, stored.second_id, stored.favours) == (a.pk, b.pk, "second")
    assert stored.value == pytest.approx(1 / 5)


def test_evaluators_disagree_and_the_ranking_follows_the_means(world: World) -> None:
    lead = _lead(world)
    colleague = make_user("eva@buyer.test", "Eva Evaluator")
    join(lead, world.buyer, colleague, Role.MEMBER)
    need = _need(world)
    criteria = selectors.criteria_of(actor=lead, need=need)
    for criterion in criteria[1:]:
        services.criterion_update(actor=lead, criterion=criterion, points=0)
    one = services.candidate_add(actor=lead, need=need, name="One")
    two = services.candidate_add(actor=lead, need=need, name="Two")
    services.score_set(actor=lead, candidate=one, criterion=criteria[0], value=5, evidence="References")
    services.score_set(
        actor=colleague, candidate=one, criterion=criteria[0], value=1, evidence="Late deliveries"
    )
    services.score_set(actor=lead, candidate=two, criterion=criteria[0], value=4)
    found = selectors.evaluation(actor=lead, need=need)
    first, second = found.ranked
    assert first.candidate == two and first.score == 4.0
    assert second.candidate == one and second.score == 3.0
    assert second.disagreements == [0]
    again = services.score_set(actor=colleague, candidate=one, criterion=criteria[0], value=5)
    assert again.value == 5  # scoring again changes one's own score
    assert selectors.evaluation(actor=lead, need=need).leader.candidate == one  # type: ignore[union-attr]


def test_choosing_a_known_supplier_opens_the_partnership(world: World) -> None:
    lead = _lead(world)
    need = services.need_decide(
        actor=lead,
        need=world.need,
        candidate=world.candidate,
        version=world.need.version,
        rationale="Best fit",
    )
    assert need.status == NeedStatus.DECIDED and need.chosen == world.candidate
    parties = Party.unscoped.filter(partnership=need.partnership)
    supplier = parties.get(side=Side.SUPPLIER)
    assert supplier.organisation_id == world.supplier.pk and supplier.manager is None
    assert parties.get(side=Side.BUYER).organisation_id == world.buyer.pk
    with pytest.raises(InvalidState):
        services.candidate_add(actor=lead, need=need, name="Late")


def test_choosing_a_new_organisation_invites_it(world: World, client_for: Any) -> None:
    new = world.need.candidates.get(name="New Bags Ltd")
    mail.outbox.clear()
    with pytest.MonkeyPatch.context():
        answer = client_for("buyer_lead").post(
            f"/api/v1/selection/needs/{world.need.pk}/decision",
            {"version": world.need.version, "candidate": new.pk, "rationale": "Innovation"},
            content_type="application/json",
        )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    invitation = Invitation.unscoped.get(partnership_id=body["partnership_id"])
    assert invitation.email == "sales@newbags.test" and invitation.supplier_name == "New Bags Ltd"


def test_a_stale_decision_is_a_conflict_and_leaves_nothing_behind(world: World, client_for: Any) -> None:
    from concord.partnerships.models import Partnership

    before = Partnership.unscoped.count()
    answer = client_for("buyer_lead").post(
        f"/api/v1/selection/needs/{world.need.pk}/decision",
        {"version": world.need.version + 5, "candidate": world.candidate.pk, "rationale": "Fit"},
        content_type="application/json",
    )
    assert answer.status_code == 409
    assert Partnership.unscoped.count() == before


def test_only_admins_decide(world: World) -> None:
    member = make_user("m@buyer.test", "Mem Ber")
    join(_lead(world), world.buyer, member, Role.MEMBER)
    with pytest.raises(Forbidden):
        services.need_decide(
            actor=member, need=world.need, candidate=world.candidate, version=None, rationale="x"
        )


def test_a_new_candidate_without_an_address_cannot_be_chosen(world: World) -> None:
    nameless = services.candidate_add(actor=_lead(world), need=world.need, name="No Mail Ltd")
    with pytest.raises(ValidationFailed) as caught:
        services.need_decide(
            actor=_lead(world), need=world.need, candidate=nameless, version=None, rationale="x"
        )
    assert "email" in caught.value.errors


def test_bad_input_is_field_errors(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    answer = client.post(
        f"/api/v1/selection/needs/{world.need.pk}/scores",
        {"candidate": world.candidate.pk, "criterion": world.criterion.pk, "value": 6},
        content_type="application/json",
    )
    assert answer.status_code == 422
    both = client.post(
        f"/api/v1/selection/needs/{world.need.pk}/candidates",
        {"organisation": world.supplier.pk, "name": "Also this"},
        content_type="application/json",
    )
    assert both.status_code == 422 and both.json()["errors"][0]["field"] == "__all__"


def test_the_pages_render(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    for url in [
        "/selection/needs/",
        f"/selection/needs/{world.need.pk}/",
        f"/selection/needs/{world.need.pk}/scores/",
        f"/selection/needs/{world.need.pk}/compare/",
    ]:
        answer = client.get(url)
        assert answer.status_code == 200, url
    assert "ISO 9001" in client.get(f"/selection/needs/{world.need.pk}/compare/").content.decode()
    posted = client.post(
        f"/selection/needs/{world.need.pk}/scores/",
        {"candidate": world.candidate.pk, "criterion": world.criterion.pk, "value": "2", "evidence": "Audit"},
    )
    assert posted.status_code == 302
    assert selectors.scores_of(actor=_lead(world), need=world.need)[0].value == 2


def test_scores_awaited_from_an_evaluator(world: World) -> None:
    lead = _lead(world)
    awaited = selectors.awaiting_scores(actor=lead)
    assert list(awaited) == [world.need]  # two candidates × eight criteria, one scored
    need = world.need
    for candidate in need.candidates.all():
        for criterion in need.criteria.all():
            services.score_set(actor=lead, candidate=candidate, criterion=criterion, value=3)
    assert not selectors.awaiting_scores(actor=lead).exists()
    assert not selectors.awaiting_scores(actor=world.user("buyer_viewer")).exists()  # viewers do not score
    assert not selectors.awaiting_scores(actor=world.user("supplier_lead")).exists()
