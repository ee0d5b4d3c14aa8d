"""Scoped by default: `objects` cannot be read before it is narrowed to a person, never writes, and
the scope follows the objects read through it. The two forms of every rule (the set a person may
act on, and one object's rights) agree for every persona on every object of the world."""

from typing import Any

import pytest
from django.apps import apps
from django.db.models import Prefetch

from concord.access.policy import can
from concord.access.querysets import Scoped, UnscopedQuery, scope_of
from concord.access.roles import Action
from concord.agreements.models import Clause, ClauseNote
from concord.goals.models import Goal, Measurement
from concord.partnerships.models import Note
from tests.world import PERSONAS, World


def _scoped_models() -> list[type[Scoped]]:
    return [m for m in apps.get_models() if issubclass(m, Scoped)]


@pytest.mark.parametrize(
    "read",
    [
        lambda: list(Note.objects.all()),
        lambda: Note.objects.filter(title="Secret").first(),
        lambda: Note.objects.get(title="Secret"),
        lambda: Note.objects.count(),
        lambda: Note.objects.exists(),
        lambda: list(Note.objects.values_list("body", flat=True)),
        lambda: list(Note.objects.iterator()),
        lambda: Note.objects.aggregate(),
        lambda: list(Goal.unscoped.filter(pk__in=Note.objects.values("pk"))),
        lambda: list(
            Goal.unscoped.prefetch_related(Prefetch("measurements", queryset=Measurement.objects.all()))
        ),
    ],
    ids=[
        "iterate",
        "first",
        "get",
        "count",
        "exists",
        "values",
        "iterator",
        "aggregate",
        "subquery",
        "prefetch",
    ],
)
def test_reading_objects_before_restrict_is_an_error_not_a_leak(world: World, read: Any) -> None:
    with pytest.raises(UnscopedQuery):
        read()


def test_objects_never_writes_even_when_restricted(world: World) -> None:
    lead = world.user("buyer_lead")
    with pytest.raises(UnscopedQuery):
        Note.objects.create(partnership=world.partnership, owner=world.buyer, body="x")
    with pytest.raises(UnscopedQuery):
        Note.objects.restrict(lead).update(body="overwritten")
    with pytest.raises(UnscopedQuery):
        Note.objects.restrict(lead).delete()
    assert Note.unscoped.filter(body="overwritten").count() == 0


def test_restrict_for_an_anonymous_visitor_reads_nothing(world: World) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert list(Note.objects.restrict(AnonymousUser())) == []
    assert Note.objects.restrict(None).count() == 0


def test_the_other_side_never_reads_internal_records_through_objects(world: World) -> None:
    supplier = world.user("supplier_lead")
    bodies = set(Note.objects.restrict(supplier).values_list("body", flat=True))
    assert "Walk-away price 4 %" not in bodies and "Upsell filtration" in bodies
    assert not Goal.objects.restrict(supplier).filter(pk=world.goal_internal.pk).exists()
    assert not Measurement.objects.restrict(supplier).filter(pk=world.measurement_internal.pk).exists()
    assert Note.objects.restrict(world.user("outsider")).filter(partnership=world.partnership).count() == 0


def test_relations_walked_from_an_object_keep_its_reader_scope(world: World) -> None:
    """A template that walks from a clause to its negotiation notes shows the reader only theirs."""
    supplier = world.user("supplier_lead")
    clause = Clause.objects.restrict(supplier).get(pk=world.clause.pk)
    assert scope_of(clause) == supplier
    assert world.clause_internal.pk not in {n.pk for n in clause.notes.all()}
    prefetched = Clause.objects.restrict(supplier).prefetch_related("notes").get(pk=world.clause.pk)
    assert world.clause_internal.pk not in {n.pk for n in prefetched.notes.all()}
    # Read by a service (unscoped), the same relation has everything.
    assert world.clause_internal.pk in {n.pk for n in Clause.unscoped.get(pk=world.clause.pk).notes.all()}


@pytest.mark.parametrize(
    "read",
    [
        lambda notes: {n.pk for n in notes.all()},
        lambda notes: {n.pk for n in notes.filter(body__isnull=False)},
        lambda notes: {n.pk for n in notes.exclude(pk=0).filter(pk__gt=0)},
        lambda notes: set(notes.values_list("pk", flat=True)),
        lambda notes: {n.pk for n in notes.order_by("-pk")[:10]},
        lambda notes: {n.pk for n in notes.all().none()} | {n.pk for n in notes.using("default")},
        lambda notes: {n.pk for n in notes.iterator()},
        lambda notes: {n.pk for n in ClauseNote.unscoped.filter(pk__in=notes.filter(pk__gt=0))},
        lambda notes: {n.pk for n in notes.all() if notes.filter(pk=n.pk).exists()},
    ],
    ids=["all", "filter", "exclude", "values", "slice", "none-using", "iterator", "subquery", "exists"],
)
def test_a_relation_s_scope_is_built_late_but_always_before_a_read(world: World, read: Any) -> None:
    """Related managers add their reader's scope only when a query is built (a prefetch fills
    most of them without one): every way of reading one still applies it."""
    supplier = world.user("supplier_lead")
    clause = Clause.objects.restrict(supplier).get(pk=world.clause.pk)
    found = read(clause.notes)
    assert world.clause_internal.pk not in found
    assert Clause.unscoped.get(pk=world.clause.pk).notes.filter(pk=world.clause_internal.pk).exists()
    assert clause.notes.count() == len({n.pk for n in clause.notes.all()})


def test_objects_fetched_with_or_after_a_scoped_read_carry_the_scope(world: World) -> None:
    supplier = world.user("supplier_lead")
    note = (
        ClauseNote.objects.restrict(world.user("buyer_lead"))
        .select_related("clause")
        .get(pk=world.clause_internal.pk)
    )
    assert scope_of(note.clause) == world.user("buyer_lead")
    measurement = Measurement.objects.restrict(supplier).exclude(pk=world.measurement_internal.pk).first()
    assert measurement is not None
    assert scope_of(measurement.goal) == supplier  # a foreign key read later


def test_every_model_with_an_owner_is_scoped_with_a_rule() -> None:
    # people; the trail is read through its object (its chain heads with it)
    unscoped_on_purpose = {"User", "AuditEvent", "AuditChain"}
    ours = [m for m in apps.get_models() if m.__module__.startswith("concord.")]
    missing = [
        m.__name__ for m in ours if not issubclass(m, Scoped) and m.__name__ not in unscoped_on_purpose
    ]
    assert not missing, f"models without an access rule: {missing}"
    for model in _scoped_models():
        assert model._default_manager.name == "unscoped" and model._base_manager.name == "unscoped", model


def _world_objects(world: World) -> list[Any]:
    """One object of every scoped model that the world has."""
    found = []
    for model in _scoped_models():
        found += list(model.unscoped.order_by("pk")[:3])
    return found


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_set_rule_and_the_object_rule_agree(world: World, persona: str) -> None:
    user = world.user(persona)
    disagreements = []
    for obj in _world_objects(world):
        for action in Action:
            in_set = type(obj).objects.restrict(user, action).filter(pk=obj.pk).exists()
            if in_set != can(user, action, obj):
                disagreements.append(f"{type(obj).__name__} {obj.pk} {action}: set={in_set}")
    assert not disagreements, disagreements
