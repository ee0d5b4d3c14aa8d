"""The input of writing and correcting a lesson: the page's form, which is also the API's body."""

from django import forms

from concord.access.roles import Visibility
from concord.core.forms import VersionForm, from_model
from concord.lessons import models
from concord.lessons.models import Lesson


def _text() -> forms.Textarea:
    return forms.Textarea(attrs={"rows": 3})


class _LessonFields(forms.Form):
    title = from_model(Lesson, "title", error_messages={"required": models.LESSON_TITLE})
    what_happened = from_model(
        Lesson,
        "what_happened",
        widget=_text(),
        label="What happened",
        error_messages={"required": models.WHAT_HAPPENED},
    )
    # Required on every write, though the model lets the notes moved from missed commitments
    # (which never asked for them) keep it empty.
    contributing_factors = from_model(
        Lesson,
        "contributing_factors",
        widget=_text(),
        required=True,
        label="Contributing factors",
        help_text="Conditions, processes, information, tools — not people.",
        error_messages={"required": models.FACTORS},
    )
    what_we_change = from_model(
        Lesson,
        "what_we_change",
        widget=_text(),
        label="What we change",
        error_messages={"required": models.WHAT_WE_CHANGE},
    )


class LessonForm(_LessonFields):
    visibility = forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "Shared — both sides"),
            (Visibility.INTERNAL, "Internal — my organisation only"),
        ],
        initial=Visibility.SHARED,
        widget=forms.RadioSelect,
        help_text="The other side never learns that an internal record exists. It cannot change later.",
        error_messages={"invalid_choice": "Choose shared or internal."},
    )


class LessonEditForm(VersionForm, _LessonFields):
    """Correct a lesson: the version read (stale: the conflict page, 409 in the API)."""
