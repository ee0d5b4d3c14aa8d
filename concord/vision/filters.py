"""The filters of the vision's lists — submission rounds, a round's submissions, the comments on
the vision — one definition each for the page and the API list."""

import django_filters
from django import forms
from django.db.models import QuerySet

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet, search
from concord.vision.models import COMMENT_SECTIONS, RoundStatus, Submission, SubmissionRound, VisionComment


class RoundFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices, empty_label="Any")

    class Meta:
        model = SubmissionRound
        fields = ["status"]


class SubmissionFilter(FilterSet):
    q = django_filters.CharFilter(
        method="search", label="Organisation", max_length=100, help_text="Words in the organisation's name."
    )

    class Meta:
        model = Submission
        fields = ["q"]

    def search(self, queryset: QuerySet[Submission], name: str, value: str) -> QuerySet[Submission]:
        return search(queryset, ("owner__name",), value)


class CommentFilter(FilterSet):
    section = django_filters.ChoiceFilter(
        choices=COMMENT_SECTIONS, empty_label="Any", help_text="The section commented on."
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")
    resolved = django_filters.BooleanFilter(
        label="Show",
        help_text="false: only open comments; true: only resolved ones.",
        widget=forms.Select(choices=[("", "All"), ("false", "Open only"), ("true", "Resolved only")]),
    )

    class Meta:
        model = VisionComment
        fields = ["section", "visibility", "resolved"]
