"""The personal home page: what needs my attention across every partnership, through each side's
scope, bounded per section, a fixed number of queries, and the header's badge."""

import datetime
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone

from concord.access.roles import Visibility
from concord.commitments.models import ActionPlan, Commitment, Demand
from concord.commitments.services import demands, ledger, plans
from concord.goals import services as goals
from concord.meetings import services as meetings
from concord.overview.attention import LIMIT, Home, home
from concord.overview.waiting import BADGE_CAP, waiting_count
from concord.selection import services as selection
from concord.vision.services import document
from tests.guards import assert_flat_queries, count_queries
from tests.overview.growth import growing
from tests.world import World, make_user, soon


def _home(world: World, persona: str) -> Home:
    return home(world.user(persona))


def _titles(found: Home, key: str) -> list[str]:
    return [line.what for s in found.sections if s.key == key for line in s.lines]


def _section(found: Home, key: str) -> Any:
    return next(s for s in found.sections if s.key == key)


def _overdue(commitment: Commitment, days: int) -> None:
    """Move a commitment's dates back (services only accept promises from today on)."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    Commitment.unscoped.filter(pk=commitment.pk).update(promised_on=day, due_on=day)


def test_demands_asked_of_my_side_wait_on_me_and_not_on_the_asker(world: World) -> None:
    # The world: the buyer's open demand to the supplier.
    assert _titles(_home(world, "supplier_lead"), "demands") == [world.demand.title]
    assert _titles(_home(world, "supplier_member"), "demands") == [world.demand.title]
    assert _titles(_home(world, "buyer_lead"), "demands") == []
    line = _section(_home(world, "supplier_lead"), "demands").lines[0]
    assert line.url == f"/demands/{world.demand.pk}/" and line.partnership == "Bags"
    assert line.when == "asked today"


def test_a_maybe_waits_when_its_follow_up_is_within_a_week_or_past(world: World) -> None:
    supplier = world.user("supplier_lead")
    later = demands.demand_raise(actor=world.user("buyer_lead"), partnership=world.partnership, title="Later")
    for demand, follow_up in ((world.demand, soon(3)), (later, soon(20))):
        demands.demand_answer(
            actor=supplier,
            demand=demand,
            version=demand.version,
            kind="maybe",
            rationale="Depends on IT.",
            conditions="The ERP report is automated.",
            follow_up_on=follow_up,
        )
    found = _section(_home(world, "supplier_lead"), "demands")
    assert [line.what for line in found.lines] == [world.demand.title]
    assert found.lines[0].when.startswith("maybe; your answer due in 3 days")


def test_commitments_my_side_owes_soon_mine_first_and_the_partners_internal_ones_never(world: World) -> None:
    supplier, member = world.user("supplier_lead"), world.user("supplier_member")
    p = world.partnership
    ledger.commitment_give(actor=supplier, partnership=p, title="Later", promised_on=soon(20))
    ledger.commitment_give(
        actor=supplier, partnership=p, title="Colleague's", promised_on=soon(2), owner_person_id=member.pk
    )
    mine = ledger.commitment_give(
        actor=supplier, partnership=p, title="Mine", promised_on=soon(5), owner_person_id=supplier.pk
    )
    # The supplier's internal to-do (an item of an internal plan), overdue.
    internal = plans.plan_create(actor=supplier, partnership=p, title="Account plan", visibility="internal")
    todo = plans.item_add(
        actor=supplier,
        plan=internal,
        title="Upsell filtration",
        promised_on=soon(1),
        owner_person_id=member.pk,
    )
    _overdue(todo, 3)
    found = _section(_home(world, "supplier_lead"), "ours")
    assert [line.what for line in found.lines] == ["Mine", "Upsell filtration", "Colleague's"]
    assert [line.yours for line in found.lines] == [True, False, False]
    assert found.lines[1].late and "3 days overdue" in found.lines[1].when
    assert found.lines[0].url == f"/commitments/{mine.pk}/"
    # The buyer sees neither the supplier's internal to-do nor its count, in any section.
    buyer = _home(world, "buyer_lead")
    assert _titles(buyer, "theirs") == [] and _section(buyer, "theirs").total == 0
    assert "Upsell filtration" not in str([s.lines for s in buyer.sections])
    assert _titles(buyer, "ours") == []
    # The member's own item is an action item of theirs, not a line of "ours".
    assert _titles(_home(world, "supplier_member"), "actions") == ["Upsell filtration"]
    assert "Upsell filtration" not in _titles(_home(world, "supplier_member"), "ours")


def test_what_the_other_side_owes_us_overdue_shared_only(world: World) -> None:
    _overdue(world.commitment, 4)  # the supplier's shared commitment
    buyer_plan = plans.plan_create(
        actor=world.user("buyer_lead"), partnership=world.partnership, title="Ours", visibility="internal"
    )
    secret = plans.item_add(
        actor=world.user("buyer_lead"),
        plan=buyer_plan,
        title="Walk-away price check",
        promised_on=soon(1),
        owner_person_id=world.user("buyer_lead").pk,
    )
    _overdue(secret, 2)
    buyer = _home(world, "buyer_lead")
    assert _titles(buyer, "theirs") == [f"{world.commitment.title} (Supplier Co)"]
    assert _titles(buyer, "actions")[0] == "Walk-away price check"
    supplier = _home(world, "supplier_lead")
    assert _titles(supplier, "theirs") == []  # the buyer's internal to-do is not the supplier's business
    assert _titles(supplier, "ours") == [world.commitment.title]


def test_stale_plans_of_my_organisation_need_a_review(world: World) -> None:
    ActionPlan.unscoped.filter(pk=world.plan.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    buyer = _section(_home(world, "buyer_lead"), "actions")
    assert [line.what for line in buyer.lines] == [f"Review the plan “{world.plan.title}”"]
    assert buyer.lines[0].url == f"/plans/{world.plan.pk}/" and "16 days ago" in buyer.lines[0].when
    # The plan is the buyer's (shared): the supplier reads it but does not owe its review.
    assert _titles(_home(world, "supplier_lead"), "actions") == []
    plans.plan_review(actor=world.user("buyer_lead"), plan=world.plan, version=None, note="Fine")
    assert _titles(_home(world, "buyer_lead"), "actions") == []


def test_meetings_i_attend_this_week_and_never_the_other_sides_internal_ones(world: World) -> None:
    # The world: the buyer's internal meeting in two days (the lead and the viewer attend).
    for persona in ("buyer_lead", "buyer_viewer"):
        found = _section(_home(world, persona), "meetings")
        assert [line.what for line in found.lines] == [world.meeting.title]
        assert found.lines[0].url == f"/meetings/{world.meeting.pk}/" and found.lines[0].when == "in 2 days"
    assert _titles(_home(world, "supplier_lead"), "meetings") == []
    meetings.meeting_schedule(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        title="Next month",
        starts_at=timezone.now() + datetime.timedelta(days=20),
        attendee_ids=[],
    )
    assert len(_titles(_home(world, "buyer_lead"), "meetings")) == 1


def test_goals_i_own_off_track_or_without_their_value(world: World) -> None:
    # The world: each lead owns one goal, last measured in January (a monthly value is missing).
    assert _titles(_home(world, "buyer_lead"), "goals") == [world.goal_internal.title]
    assert _titles(_home(world, "supplier_lead"), "goals") == [world.goal_shared.title]
    assert _titles(_home(world, "supplier_member"), "goals") == []
    fresh = goals.goal_create(
        actor=world.user("buyer_lead"),
        partnership=world.partnership,
        title="Fresh",
        target=Decimal("5"),
        start_date=timezone.localdate(),
    )
    assert fresh.title not in _titles(_home(world, "buyer_lead"), "goals")  # nothing expected yet
    line = _section(_home(world, "buyer_lead"), "goals").lines[0]
    assert line.url == f"/goals/{world.goal_internal.pk}/" and "no value for" in line.when


def test_a_signature_awaits_the_admins_of_the_side_that_has_not_signed(world: World) -> None:
    assert _section(_home(world, "supplier_lead"), "signatures").total == 0
    document.vision_sign(
        actor=world.user("buyer_lead"), partnership=world.partnership, number=world.vision_revision.number
    )
    found = _section(_home(world, "supplier_lead"), "signatures")
    assert found.total == 1 and found.lines[0].url == f"/partnerships/{world.partnership.pk}/vision/"
    assert _section(_home(world, "supplier_member"), "signatures").total == 0  # not a signatory
    assert _section(_home(world, "buyer_lead"), "signatures").total == 0  # already signed


def test_a_section_shows_ten_lines_and_how_many_more_with_the_filtered_list(
    world: World, client_for: Any
) -> None:
    lead = world.user("buyer_lead")
    for n in range(LIMIT + 2):
        demands.demand_raise(actor=lead, partnership=world.partnership, title=f"Need {n:02d}")
    found = _section(_home(world, "supplier_lead"), "demands")
    assert len(found.lines) == LIMIT and found.total == LIMIT + 3 and found.more == 3
    assert found.lines[0].what == world.demand.title  # the oldest first
    assert found.more_url == f"/partnerships/{world.partnership.pk}/demands/?direction=asked"
    html = client_for("supplier_lead").get("/home/").content.decode()
    assert "and 3 more" in html and 'href="/partnerships/' in html


def test_a_section_counts_up_to_its_cap_and_then_says_at_least(
    world: World, client_for: Any, monkeypatch: Any
) -> None:
    """Past COUNT_CAP a section stops counting (a large buyer's side may owe tens of thousands):
    its badge says "N+", the line under it "at least", and the link goes to the portfolio, which
    counts per partnership, since the items read no longer tell whether they lie in one."""
    from concord.overview import lines

    cap = LIMIT + 3
    monkeypatch.setattr(lines, "COUNT_CAP", cap)
    lead = world.user("buyer_lead")
    for n in range(LIMIT + 1):  # with the world's own demand: one under the cap
        demands.demand_raise(actor=lead, partnership=world.partnership, title=f"Need {n:02d}")
    exact = _section(_home(world, "supplier_lead"), "demands")
    assert (exact.total, exact.capped) == (cap - 1, False)
    assert exact.more_url == f"/partnerships/{world.partnership.pk}/demands/?direction=asked"
    demands.demand_raise(actor=lead, partnership=world.partnership, title="Need 99")
    found = _section(_home(world, "supplier_lead"), "demands")
    assert (found.total, found.capped, len(found.lines), found.more_url) == (cap, True, LIMIT, "/")
    html = client_for("supplier_lead").get("/home/").content.decode()
    assert f'aria-label="at least {cap} in all">{cap}+</span>' in html
    assert "and at least 3 more" in html


def test_the_page_shows_each_side_its_own_and_the_badge_counts_what_waits(
    world: World, client_for: Any
) -> None:
    _overdue(world.commitment, 4)
    supplier = client_for("supplier_lead").get("/home/")
    html = supplier.content.decode()
    assert supplier.status_code == 200
    assert world.demand.title in html and world.commitment.title in html
    assert world.meeting.title not in html  # the buyer's internal meeting
    assert "Nothing waiting." in html
    # Demand to answer + the overdue commitment: the badge on the home page and on every other page.
    expected = waiting_count(world.user("supplier_lead"))
    assert expected == _home(world, "supplier_lead").waiting == 2
    badge = re.compile(r'Home <span class="badge warn" aria-label="(\d+) waiting on you">')
    assert badge.search(html).group(1) == "2"  # type: ignore[union-attr]
    other = client_for("supplier_lead").get("/").content.decode()
    assert badge.search(other).group(1) == "2"  # type: ignore[union-attr]
    buyer = client_for("buyer_lead").get("/home/").content.decode()
    assert world.meeting.title in buyer and world.commitment.title in buyer  # theirs, overdue
    assert waiting_count(world.user("buyer_lead")) == _home(world, "buyer_lead").waiting == 0
    assert not badge.search(buyer)
    # A stale plan is listed but not counted: its rule is computed in memory, not in the one query.
    ActionPlan.unscoped.filter(pk=world.plan.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert _section(_home(world, "buyer_lead"), "actions").total == 1
    assert waiting_count(world.user("buyer_lead")) == _home(world, "buyer_lead").waiting == 0
    # A signature asked of the supplier's admin counts.
    document.vision_sign(
        actor=world.user("buyer_lead"), partnership=world.partnership, number=world.vision_revision.number
    )
    assert waiting_count(world.user("supplier_lead")) == _home(world, "supplier_lead").waiting == 3


def test_someone_without_partnerships_gets_a_friendly_page(world: World, client_for: Any) -> None:
    from django.test import Client

    client = Client()
    client.force_login(make_user("new@nowhere.test", "Nina New"))
    html = client.get("/home/").content.decode()
    assert "not part of any partnership yet" in html and 'href="/"' in html
    assert "Nothing waiting" not in html


def test_signing_in_leads_home(world: World) -> None:
    from django.test import Client

    answer = Client().post(
        "/account/login/", {"username": "lead@supplier.test", "password": "a-long-test-passphrase"}
    )
    assert answer.status_code == 302 and answer["Location"] == "/home/"


def _grow(world: World) -> Any:
    """The portfolio's growth (a buyer goal measured off track) and what the home page's other
    sections read: the supplier's goal, demand and overdue commitment, a stale plan with an item."""

    def more(p: Any, lead: Any, supplier: Any) -> None:
        goals.goal_create(
            actor=supplier,
            partnership=p,
            title="Scrap",
            target=Decimal("2"),
            start_date=datetime.date(2025, 1, 1),
        )
        demands.demand_raise(actor=supplier, partnership=p, title="Forecast", priority="low")
        theirs = ledger.commitment_give(actor=supplier, partnership=p, title="Ship", promised_on=soon(3))
        _overdue(theirs, 2)
        plan = plans.plan_create(actor=lead, partnership=p, title="Plan", visibility=Visibility.INTERNAL)
        plans.item_add(actor=lead, plan=plan, title="Do", promised_on=soon(2), owner_person_id=lead.pk)
        ActionPlan.unscoped.filter(pk=plan.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
        # A need of the buyer with a candidate not yet scored (the "scores awaited" section).
        need = selection.need_create(actor=lead, organisation=world.buyer, title="Source", purpose="Supply")
        selection.candidate_add(actor=lead, need=need, name="Cand Ltd", contact_email="c@cand.test")

    return growing(world, measured=Decimal(9), more=more)


def test_an_open_survey_waits_on_everyone_of_both_sides_until_they_answer(world: World) -> None:
    from concord.reviews.services import survey
    from tests.reviews.helpers import answers, open_round

    assert _section(_home(world, "buyer_viewer"), "surveys").total == 0  # the world's round is a draft
    found = open_round(world, title="Pulse check")
    for persona in ("buyer_lead", "buyer_viewer", "supplier_lead", "supplier_member"):
        section = _section(_home(world, persona), "surveys")
        assert [line.what for line in section.lines] == ["Pulse check"], persona
        assert section.lines[0].url == f"/surveys/{found.pk}/"
    survey.response_save(actor=world.user("supplier_member"), round_=found, answers=answers(4, 3))
    assert _section(_home(world, "supplier_member"), "surveys").total == 0  # answered
    assert _section(_home(world, "supplier_lead"), "surveys").total == 1  # a colleague's answer is not theirs
    assert not _titles(_home(world, "outsider"), "surveys")


def test_the_home_page_costs_the_same_queries_however_many_partnerships(
    world: World, client_for: Any
) -> None:
    grow = _grow(world)
    for persona in ("buyer_lead", "supplier_lead"):
        client = client_for(persona)
        # 27: "Scores awaited from you" and "Health surveys awaiting my answer", one bounded query each.
        assert_flat_queries(lambda c=client: c.get("/home/"), grow, budget=27, step=3)
    found = _home(world, "buyer_lead")
    assert all(len(s.lines) <= LIMIT for s in found.sections)
    assert _section(found, "demands").total > LIMIT and _section(found, "theirs").total > LIMIT
    assert _section(found, "scores").total > LIMIT
    assert _section(found, "ours").more_url == "/"  # several partnerships: the portfolio counts them
    assert Demand.unscoped.count() > LIMIT


def test_the_badge_costs_the_same_queries_however_many_partnerships(world: World, client_for: Any) -> None:
    client = client_for("buyer_lead")
    base = count_queries(lambda: client_for("outsider").get("/account/calendar/"))
    assert_flat_queries(lambda: client.get("/account/calendar/"), _grow(world), budget=base + 1, step=3)


def test_every_demo_persona_finds_something_on_their_home_page(world: World) -> None:
    from django.test import Client

    from concord.accounts.models import User
    from concord.demo import workspace

    workspace.build()
    for login in workspace.LOGINS:
        person = User.objects.get(email=login.email)
        found = home(person)
        assert found.has_partnerships and any(s.lines for s in found.sections), login.email
        client = Client()
        client.force_login(person)
        page = client.get("/home/")
        assert page.status_code == 200 and page.content.decode().count("data-row") >= 1
    # Helix's internal preparation meeting is on Clara's page, never on Sam's.
    clara = home(User.objects.get(email="clara@helix.example"))
    assert _titles(clara, "meetings") == ["QBR preparation: our negotiation stance"]  # internal, Helix's
    sam = home(User.objects.get(email="sam@aurora.example"))
    assert _titles(sam, "meetings") == [] and _titles(sam, "theirs")


def test_scores_awaited_from_a_buyer_evaluator_and_never_shown_to_the_supplier(
    world: World, client_for: Any
) -> None:
    # The world: the buyer's open need, two candidates × eight criteria, one cell scored by the lead.
    found = _section(_home(world, "buyer_lead"), "scores")
    assert [line.what for line in found.lines] == [world.need.title] and found.total == 1
    line = found.lines[0]
    assert line.url == f"/selection/needs/{world.need.pk}/scores/" and line.when == "15 of 16 scores to give"
    assert line.partnership == world.buyer.name
    html = client_for("buyer_lead").get("/home/").content.decode()
    assert "Scores awaited from you" in html and f'href="/selection/needs/{world.need.pk}/scores/"' in html
    # Neither a viewer (does not score) nor the supplier side, the candidate, ever sees it.
    assert _section(_home(world, "buyer_viewer"), "scores").total == 0
    for persona in ("supplier_lead", "supplier_member"):
        assert _section(_home(world, persona), "scores").total == 0
        assert world.need.title not in client_for(persona).get("/home/").content.decode()
    # Bounded: ten lines and "and N more"; scoring every cell takes a need off the list.
    lead = world.user("buyer_lead")
    for n in range(LIMIT + 1):
        need = selection.need_create(actor=lead, organisation=world.buyer, title=f"Need {n:02d}", purpose="P")
        selection.candidate_add(actor=lead, need=need, name="Cand Ltd", contact_email="c@cand.test")
    found = _section(_home(world, "buyer_lead"), "scores")
    assert len(found.lines) == LIMIT and found.total == LIMIT + 2 and found.more == 2
    assert found.lines[0].what == world.need.title  # the oldest first (none has a "needed by")
    assert "and 2 more" in client_for("buyer_lead").get("/home/").content.decode()
    for candidate in world.need.candidates.all():
        for criterion in world.need.criteria.all():
            selection.score_set(actor=lead, candidate=candidate, criterion=criterion, value=3)
    assert world.need.title not in _titles(_home(world, "buyer_lead"), "scores")


def test_the_badge_counts_to_99_and_then_says_so(world: World, client_for: Any) -> None:
    """Past 99 the header says "99+" and reads no further; the home page's section counts on."""
    lead = world.user("buyer_lead")
    for number in range(BADGE_CAP):
        ledger.commitment_give(
            actor=lead, partnership=world.partnership, title=f"Pay {number}", promised_on=soon(3)
        )
    assert waiting_count(lead) == _home(world, "buyer_lead").waiting == BADGE_CAP
    assert _section(_home(world, "buyer_lead"), "ours").total >= BADGE_CAP  # exact up to COUNT_CAP
    html = client_for("buyer_lead").get("/").content.decode()
    assert '<span class="badge warn" aria-label="more than 99 waiting on you">99+</span>' in html
