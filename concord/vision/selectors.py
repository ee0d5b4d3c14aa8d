"""Reads of vision rounds and submissions, starting from access scoping (blind until revealed)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from concord.access.policy import Found, acting_organisation, get_for, require
from concord.access.roles import Action, Side
from concord.core.errors import InvalidState, NotFound
from concord.partnerships.models import Partnership
from concord.vision import alignment
from concord.vision.models import Objective, RoundStatus, Submission, SubmissionRound


@dataclass(frozen=True)
class PartyStatus:
    """All a party may learn of another's answers before reveal: submitted or not yet."""

    organisation: str
    side: str
    submitted: bool


def round_list(*, actor: Any, partnership: Partnership) -> QuerySet[SubmissionRound]:
    require(actor, Action.VIEW, partnership)
    return SubmissionRound.objects.restrict(actor).filter(partnership=partnership)


def round_get(*, actor: Any, pk: int) -> Found[SubmissionRound]:
    return get_for(actor, SubmissionRound.objects.select_related("partnership"), pk=pk)


def party_statuses(*, round_: SubmissionRound) -> list[PartyStatus]:
    # Whether another party has submitted is all it may learn before reveal (the blind rule hides
    # the answers themselves), so this one fact is read past the scope.
    done = Submission.unscoped.filter(round=round_, submitted_at__isnull=False)
    submitted = set(done.values_list("owner_id", flat=True))
    return [
        PartyStatus(p.organisation.name, p.side, p.organisation_id in submitted)
        for p in round_.partnership.parties.select_related("organisation")
    ]


def submission_list(*, actor: Any, round_: SubmissionRound) -> QuerySet[Submission]:
    """The submissions the actor may read: its own; all of them once revealed."""
    return Submission.objects.restrict(actor).filter(round=round_).select_related("owner")


def submission_mine(*, actor: Any, round_: SubmissionRound) -> Submission | None:
    mine = acting_organisation(actor, round_.partnership)
    if mine is None:
        raise NotFound()
    return Submission.objects.restrict(actor).filter(round=round_, owner_id=mine).first()


def alignment_reports(*, actor: Any, round_: SubmissionRound) -> list[alignment.Report]:
    """Buyer against each supplier, once the round is revealed."""
    if round_.status != RoundStatus.REVEALED:
        raise InvalidState(
            "The alignment report appears once every party has submitted and the round is revealed."
        )
    by_owner = {s.owner_id: s for s in submission_list(actor=actor, round_=round_)}
    parties = list(round_.partnership.parties.select_related("organisation"))
    buyers = [p for p in parties if p.side == Side.BUYER and p.organisation_id in by_owner]
    suppliers = [p for p in parties if p.side == Side.SUPPLIER and p.organisation_id in by_owner]
    return [
        alignment.report(
            round_.dimensions,
            b.organisation.name,
            by_owner[b.organisation_id],
            s.organisation.name,
            by_owner[s.organisation_id],
        )
        for b in buyers
        for s in suppliers
    ]


@dataclass
class VisionView:
    """What the Vision page and API show: the current text, its status and who signed it."""

    current: Any
    status: str
    signatures: list[Any]
    waiting_for: list[str]
    revisions: list[Any]
    objectives: list[Any]


def vision_view(*, actor: Any, partnership: Partnership) -> VisionView:
    from concord.vision.models import Objective, VisionRevision
    from concord.vision.services.document import status_of

    require(actor, Action.VIEW, partnership)
    revisions = list(
        VisionRevision.objects.restrict(actor)
        .filter(document__partnership=partnership)
        .select_related("author")
        .prefetch_related("signatures__organisation", "signatures__signed_by")
    )
    current = revisions[0] if revisions else None
    parties = {p.organisation_id: p.organisation.name for p in partnership.parties.all()}
    signatures = list(current.signatures.all()) if current else []
    signed = {s.organisation_id for s in signatures}
    return VisionView(
        current=current,
        status=status_of(current, set(parties)),
        signatures=signatures,
        waiting_for=[name for org, name in parties.items() if org not in signed],
        revisions=revisions,
        objectives=list(Objective.objects.restrict(actor).filter(partnership=partnership)),
    )


def revision_diff(*, actor: Any, partnership: Partnership, old: int, new: int) -> list[tuple[str, list[str]]]:
    """Per section, a unified diff between two revisions (objectives as one section)."""
    import difflib

    from concord.vision.models import SECTIONS, VisionRevision

    require(actor, Action.VIEW, partnership)
    found = {
        r.number: r
        for r in VisionRevision.objects.restrict(actor).filter(
            document__partnership=partnership, number__in=[old, new]
        )
    }
    if old not in found or new not in found:
        raise NotFound()

    def text(revision: Any, key: str) -> list[str]:
        if key == "objectives":
            return [f"{o['code']} {o['title']}: {o['description']}" for o in revision.objectives]
        return (revision.sections.get(key) or "").splitlines()

    result = []
    for key, label in [*SECTIONS, ("objectives", "Objectives")]:
        lines = list(
            difflib.unified_diff(
                text(found[old], key),
                text(found[new], key),
                f"revision {old}",
                f"revision {new}",
                lineterm="",
                n=2,
            )
        )
        if lines:
            result.append((label, lines[2:]))
    return result


def comments_for(*, actor: Any, partnership: Partnership) -> QuerySet[Any]:
    """Comments on the vision the actor may read: shared ones, and their own team's internal ones."""
    from concord.vision.models import VisionComment

    require(actor, Action.VIEW, partnership)
    return (
        VisionComment.objects.restrict(actor)
        .filter(partnership=partnership)
        .select_related("owner", "created_by")
    )


def comment_get(*, actor: Any, pk: int, action: Action = Action.VIEW) -> Found[Any]:
    from concord.vision.models import VisionComment

    comments = VisionComment.objects.select_related("owner", "created_by", "partnership")
    return get_for(actor, comments, action, pk=pk)


def current_objectives(*, actor: Any, partnership: Partnership) -> list[Objective]:
    """The objectives of the vision in force (not retired), by code: clauses and goals link to these."""
    objectives = Objective.objects.restrict(actor).filter(partnership=partnership, retired=False)
    return list(objectives.order_by("code"))
