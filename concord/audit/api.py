"""What every history operation of the API answers: one page of a record's trail, filtered."""

from typing import TYPE_CHECKING, Any

from django.db.models import Model

from concord.audit.filters import HistoryFilter
from concord.audit.schemas import HistoryFilters
from concord.audit.selectors import history_for
from concord.core import filtering
from concord.core.paging import PageParams, page

if TYPE_CHECKING:  # accounts imports audit: the type only
    from concord.accounts.models import User

__all__ = ["HistoryFilters", "history_answer"]


def history_answer(
    *, actor: "User", instance: Model, filters: HistoryFilters, paging: PageParams
) -> dict[str, Any]:
    """The page of `instance`'s trail the filters ask for (read access checked by history_for)."""
    return page(
        filtering.apply(HistoryFilter, filters, history_for(actor=actor, instance=instance)).qs, paging
    )
