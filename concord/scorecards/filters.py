"""The filters of the Scorecards tab: one definition for the page and the API list.

A partnership has at most one scorecard per direction (a database constraint), so the list is
short; the filters let a reader pick the direction they care about (how we score them, or how
they score us) and, within their own organisation, internal or shared cards.
"""

import django_filters

from concord.access.roles import Visibility
from concord.core.filtering import FilterSet
from concord.scorecards.models import Scorecard, ScoreDirection


class ScorecardFilter(FilterSet):
    direction = django_filters.ChoiceFilter(
        choices=ScoreDirection.choices, label="Who scores whom", empty_label="Both ways"
    )
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices, empty_label="Any")

    class Meta:
        model = Scorecard
        fields = ["direction", "visibility"]
