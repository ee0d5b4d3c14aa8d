"""lessons.0002 moves the governance app's lessons and the commitments' blameless notes into the
one lessons record, keeping author, dates, version, visibility and text (the old models exist
only in the migration's history, so the move is run over stand-ins of their rows)."""

import datetime
from importlib import import_module
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from concord.lessons.models import Lesson
from tests.world import World

move = import_module("concord.lessons.migrations.0002_move_lessons_and_blameless_notes")


class _Rows:
    def __init__(self, rows: list[Any]) -> None:
        self.rows = rows

    def order_by(self, *_: Any) -> "_Rows":
        return self

    def select_related(self, *_: Any) -> "_Rows":
        return self

    def iterator(self) -> Any:
        return iter(self.rows)


def test_notes_and_lessons_move_with_their_author_dates_and_visibility(world: World) -> None:
    long_ago = timezone.now() - datetime.timedelta(days=400)
    edited = long_ago + datetime.timedelta(days=2)
    commitment = world.commitment
    lead = world.user("buyer_lead")
    old_lesson = SimpleNamespace(
        partnership_id=world.partnership.pk,
        owner_id=world.buyer.pk,
        visibility="internal",
        created_by_id=lead.pk,
        version=3,
        title="Index clauses",
        what_happened="Read two ways",
        contributing_factors="No example",
        what_we_change="An example",
        issue_id=world.issue.pk,
        commitment_id=None,
        created_at=long_ago,
        updated_at=edited,
    )
    note = SimpleNamespace(
        commitment=commitment,
        written_by_id=world.user("supplier_lead").pk,
        version=1,
        what_happened="Film supplier failed",
        what_we_change="Dual source",
        created_at=long_ago,
        updated_at=long_ago,
    )
    models = {
        ("lessons", "Lesson"): Lesson,
        ("governance", "Lesson"): SimpleNamespace(_base_manager=_Rows([old_lesson])),
        ("commitments", "BlamelessNote"): SimpleNamespace(_base_manager=_Rows([note])),
    }
    move.forwards(SimpleNamespace(get_model=lambda app, name: models[(app, name)]), None)
    moved = list(Lesson.unscoped.order_by("pk"))[-2:]
    first, second = moved
    assert (first.carrier_kind, first.carrier_id, first.visibility, first.version) == (
        "issue",
        world.issue.pk,
        "internal",
        3,
    )
    assert (first.created_at, first.updated_at, first.created_by_id) == (long_ago, edited, lead.pk)
    assert (second.carrier_kind, second.carrier_id) == ("commitment", commitment.pk)
    assert (second.owner_id, second.visibility) == (commitment.owner_id, commitment.visibility)
    assert second.contributing_factors == "" and second.what_we_change == "Dual source"
    assert second.title == f"What we learned: {commitment.title}"
    assert second.created_by_id == world.user("supplier_lead").pk and second.created_at == long_ago
