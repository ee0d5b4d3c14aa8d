"""Who hears at once of a new candidate and of a need's decision (selection.notices): the need's
author and its evaluators, in the buying organisation only, by the way each has chosen — and never
anyone of the candidate organisation, even someone who once scored there for the buyer."""

from typing import Any

import pytest
from django.core import mail

from concord.access.models import Membership
from concord.access.roles import Role
from concord.notifications import preferences
from concord.notifications.models import Delivery, Notification, NotificationKind
from concord.selection import services
from concord.selection.models import Need
from tests.world import World, join, make_user

SELECTION = [NotificationKind.CANDIDATE_ADDED, NotificationKind.NEED_DECIDED]


def _told(user: Any) -> list[str]:
    found = Notification.unscoped.filter(user=user, kind__in=SELECTION)
    return sorted(found.values_list("kind", flat=True))


@pytest.fixture
def scene(world: World, django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """A need of the buyer's lead with one candidate (the world's supplier) and a second evaluator,
    Eva, a member of the buying organisation who has scored it."""
    lead = world.user("buyer_lead")
    eva = make_user("eva@buyer.test", "Eva Evaluator")
    join(lead, world.buyer, eva, Role.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        need = services.need_create(
            actor=lead, organisation=world.buyer, title="Second film source", purpose="Dual sourcing"
        )
        candidate = services.candidate_add(actor=lead, need=need, organisation_id=world.supplier.pk)
    services.score_set(actor=eva, candidate=candidate, criterion=need.criteria.first(), value=4)
    mail.outbox.clear()
    return {"lead": lead, "eva": eva, "need": need, "candidate": candidate}


def test_a_new_candidate_reaches_the_author_and_the_evaluators_not_the_actor(
    world: World, scene: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    lead, eva, need = scene["lead"], scene["eva"], scene["need"]
    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_add(actor=lead, need=need, name="Filmtech GmbH")
    assert _told(eva) == [NotificationKind.CANDIDATE_ADDED]
    assert _told(lead) == []  # nobody hears of their own action
    assert _told(world.user("buyer_viewer")) == []  # neither author nor evaluator
    [email] = [m for m in mail.outbox if m.to == [eva.email]]
    assert "Filmtech GmbH" in email.subject and f"/selection/needs/{need.pk}/" in email.body
    note = Notification.unscoped.get(user=eva, kind=NotificationKind.CANDIDATE_ADDED)
    assert note.partnership_id is None
    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_add(actor=eva, need=need, name="Polyfilm SA")
    assert _told(lead) == [NotificationKind.CANDIDATE_ADDED]  # the author hears of Eva's


def test_the_decision_reaches_them_and_never_the_candidate_organisation(
    world: World, scene: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    lead, eva, need = scene["lead"], scene["eva"], scene["need"]
    need = Need.unscoped.get(pk=need.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.need_decide(
            actor=lead, need=need, candidate=scene["candidate"], version=need.version, rationale="Best fit"
        )
    assert _told(eva) == [NotificationKind.NEED_DECIDED]
    text = Notification.unscoped.get(user=eva, kind=NotificationKind.NEED_DECIDED).text
    assert world.supplier.name in text and "Second film source" in text
    for persona in ("supplier_lead", "supplier_member", "outsider"):
        user = world.user(persona)
        assert _told(user) == []
        assert not Notification.unscoped.filter(user=user, text__contains="Second film source").exists()
        assert not [m for m in mail.outbox if m.to == [user.email] and "Second film source" in m.body]


def test_closing_without_a_partner_is_told_too(
    world: World, scene: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    need = Need.unscoped.get(pk=scene["need"].pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.need_close(actor=scene["lead"], need=need, version=need.version, rationale="Budget cut")
    note = Notification.unscoped.get(user=scene["eva"], kind=NotificationKind.NEED_DECIDED)
    assert "closed without choosing a partner" in note.text


def test_someone_who_left_the_buying_organisation_hears_nothing_more(
    world: World, scene: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    """Eva scored for the buyer, then moved to the candidate's side: the need is no longer hers to
    read, so she is not told of it, though her score stays in the need."""
    eva = scene["eva"]
    join(world.user("supplier_lead"), world.supplier, eva, Role.MEMBER)
    Membership.unscoped.filter(user=eva, organisation=world.buyer).delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_add(actor=scene["lead"], need=scene["need"], name="Filmtech GmbH")
    assert _told(eva) == []
    assert not [m for m in mail.outbox if m.to == [eva.email]]


def test_each_persons_settings_apply(
    world: World, scene: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    lead, eva, need = scene["lead"], scene["eva"], scene["need"]
    preferences.preferences_set(actor=eva, user=eva, choices={NotificationKind.CANDIDATE_ADDED: Delivery.APP})
    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_add(actor=lead, need=need, name="Filmtech GmbH")
    assert _told(eva) == [NotificationKind.CANDIDATE_ADDED]
    assert not [m for m in mail.outbox if m.to == [eva.email]]  # in Concord only: no email
    preferences.preferences_set(actor=eva, user=eva, choices={NotificationKind.CANDIDATE_ADDED: Delivery.OFF})
    with django_capture_on_commit_callbacks(execute=True):
        services.candidate_add(actor=lead, need=need, name="Polyfilm SA")
    assert _told(eva) == [NotificationKind.CANDIDATE_ADDED]  # still the first one only
