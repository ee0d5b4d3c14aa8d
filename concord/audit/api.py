"""What every history operation of the API answers: one page of a record's trail, filtered."""

from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.http import StreamingHttpResponse

from concord.audit.filters import HistoryFilter
from concord.audit.schemas import ChainsCheckOut, HistoryFilters
from concord.audit.selectors import chain_export, chain_verify, history_for
from concord.audit.trail import Verdict
from concord.core import filtering
from concord.core.paging import PageParams, page

JSONL = "application/jsonl; charset=utf-8"

if TYPE_CHECKING:  # accounts imports audit: the type only
    from concord.accounts.models import User

__all__ = ["ChainsCheckOut", "HistoryFilters", "chain_answer", "chain_download", "history_answer"]


def history_answer(
    *, actor: "User", instance: Model, filters: HistoryFilters, paging: PageParams
) -> dict[str, Any]:
    """The page of `instance`'s trail the filters ask for (read access checked by history_for)."""
    return page(
        filtering.apply(HistoryFilter, filters, history_for(actor=actor, instance=instance)).qs, paging
    )


def chain_answer(*, actor: "User", partnership: Model) -> dict[str, Any]:
    """The verification of the chains of `partnership` that `actor` reads (the shared one and
    their side's own): where each breaks and how, never what the event at the break is about."""
    verdicts = chain_verify(actor=actor, partnership=partnership)
    return {"intact": all(v.intact for v in verdicts), "chains": [_verdict(v) for v in verdicts]}


def _verdict(verdict: Verdict) -> dict[str, Any]:
    broken = verdict.broken
    return {
        "chain": verdict.chain,
        "intact": verdict.intact,
        "length": verdict.length,
        "head": verdict.head,
        "erased": verdict.erased,
        "broken": None
        if broken is None
        else {"sequence": broken.sequence, "problem": broken.problem, "detail": broken.detail},
    }


def chain_download(*, actor: "User", partnership: Model, filename: str) -> StreamingHttpResponse:
    """The chains `actor` reads of `partnership`, as JSON lines, streamed (a chunk of events at a
    time)."""
    lines = chain_export(actor=actor, partnership=partnership)
    response = StreamingHttpResponse(lines, content_type=JSONL)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
