"""The API's bodies and answers for lessons (every carrier's API uses them): the bodies are the
pages' forms (core.inputs), the filters the list's FilterSet (core.filtering)."""

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from concord.core import filtering, inputs
from concord.lessons.filters import LessonFilter
from concord.lessons.forms import LessonEditForm, LessonForm


class LessonIn(inputs.input_schema(LessonForm, name="LessonIn")):  # type: ignore[misc]
    """Write a blameless lesson (forms.LessonForm)."""


class LessonEditIn(inputs.input_schema(LessonEditForm, name="LessonEditIn", partial=True)):  # type: ignore[misc]
    """Correct a lesson: what is sent changes, with the version read (forms.LessonEditForm)."""


class LessonFilters(filtering.query_schema(LessonFilter)):  # type: ignore[misc]
    """The lessons' filters (filters.LessonFilter)."""


class LessonOut(Schema):
    id: int
    partnership_id: int
    title: str
    what_happened: str
    contributing_factors: str
    what_we_change: str
    carrier_kind: str = Field(description="issue, commitment, risk, review; empty: stands alone.")
    carrier_id: int | None
    carrier_title: str | None = Field(None, description="The carrier, if you may read it.")
    owner_id: int
    visibility: str
    author: str | None
    created_at: datetime
    version: int

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj.created_by.get_full_name() if obj.created_by else None

    @staticmethod
    def resolve_carrier_title(obj: Any) -> str | None:
        return getattr(obj, "carrier_title", None)
