"""The relationship-type rule, one for every way the type is changed — the partnership's edit form
and API (`services.partnership_update`) as much as the Lifecycle tab and `PUT …/relationship`
(lifecycle.services.segmentation.relationship_set, which calls partnership_update):

- the buying side's latest Kraljic segmentation suggests a type; a type other than the suggestion
  must keep its rationale (`rationale_problem`, pure);
- the type and its rationale are the buying side's to set: the supplier side cannot change them,
  whatever the segmentation says — a refusal that depended on it would tell the supplier the
  buyer's internal segmentation exists (and which way it points).

The segmentation belongs to the lifecycle app, which sits above partnerships and so cannot be
imported here: lifecycle registers how to read the suggestion (`suggestion_source`), as the apps
above notifications register their reminders. With no source registered nothing is suggested.
"""

from collections.abc import Callable

from concord.partnerships.models import RelationshipType

# (partnership id, buying organisation id) → the suggested type, or None when never segmented.
SuggestionSource = Callable[[int, int], str | None]
_SOURCES: list[SuggestionSource] = []

BUYER_SETS = "The buying side sets the relationship type and its rationale."


def suggestion_source(source: SuggestionSource) -> SuggestionSource:
    """Register where a buying organisation's suggested type is read from (lifecycle)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def suggested_type(partnership_id: int, buyer_id: int) -> str | None:
    """The type the buying organisation's latest segmentation of the partnership suggests."""
    for source in _SOURCES:
        found = source(partnership_id, buyer_id)
        if found is not None:
            return found
    return None


def rationale_problem(suggested: str | None, chosen: str, rationale: str) -> str | None:
    """Why a relationship type cannot be kept as given: one that differs from the quadrant's
    suggestion must say why. Never segmented (None): nothing to differ from."""
    if suggested is None or chosen == suggested or rationale.strip():
        return None
    label = RelationshipType(suggested).label.lower()
    return f"The Kraljic quadrant suggests a {label} relationship: explain why you chose otherwise."
