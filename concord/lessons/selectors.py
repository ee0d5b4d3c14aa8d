"""Every read of lessons, in the reader's scope (rule `Record`: shared lessons for every party,
internal ones for their own organisation only): a partnership's lessons, the portfolio's library
(every partnership the reader takes part in) and the lessons one record carries."""

from typing import Any

from django.db.models import QuerySet

from concord.access.policy import Found, get_for, require
from concord.access.roles import Action
from concord.accounts.models import User
from concord.lessons.carriers import attach
from concord.lessons.models import Lesson
from concord.partnerships.models import Partnership


def _lessons(actor: User) -> QuerySet[Lesson]:
    return Lesson.objects.restrict(actor).select_related("owner", "partnership", "created_by")


def lesson_list(*, actor: User, partnership: Partnership | None = None) -> QuerySet[Lesson]:
    """The lessons of one partnership, or of every partnership the actor takes part in (the
    portfolio's library), newest first (filters.LessonFilter)."""
    found = _lessons(actor)
    if partnership is not None:
        require(actor, Action.VIEW, partnership)
        found = found.filter(partnership=partnership)
    return found.order_by("-created_at", "-pk")


def lesson_get(*, actor: User, pk: int) -> Found[Lesson]:
    found = get_for(actor, _lessons(actor), pk=pk)
    attach(actor, [found.obj])
    return found


def carried_by(*, actor: User, kind: str, carrier_id: int) -> list[Any]:
    """The lessons a record carries that the actor may read, oldest first."""
    rows = _lessons(actor).filter(carrier_kind=kind, carrier_id=carrier_id)
    return list(rows.order_by("created_at", "pk"))


def with_carriers(actor: User, lessons: Any) -> list[Any]:
    """A page of lessons with their carriers' titles and links (one query per kind of carrier)."""
    return attach(actor, list(lessons))
