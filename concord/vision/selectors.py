"""Reads of vision rounds and submissions, starting from access scoping (blind until revealed)."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, F, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from concord.access.policy import Found, acting_organisation, get_for, require
from concord.access.roles import Action, Side
from concord.accounts.models import User
from concord.core.errors import InvalidState, NotFound
from concord.partnerships.models import Partnership
from concord.vision import alignment
from concord.vision.models import (
    COMMENT_SECTIONS,
    Objective,
    RoundStatus,
    Submission,
    SubmissionRound,
    VisionComment,
    VisionRevision,
)


@dataclass(frozen=True)
class PartyStatus:
    """All a party may learn of another's answers before reveal: submitted or not yet."""

    organisation: str
    side: str
    submitted: bool


def round_list(*, actor: User, partnership: Partnership) -> QuerySet[SubmissionRound]:
    """The partnership's rounds, latest first (filtered by filters.RoundFilter, read in pages)."""
    require(actor, Action.VIEW, partnership)
    rounds = SubmissionRound.objects.restrict(actor).filter(partnership=partnership)
    return rounds.select_related("partnership").order_by("-number", "-pk")


def round_get(*, actor: User, pk: int) -> Found[SubmissionRound]:
    return get_for(actor, SubmissionRound.objects.select_related("partnership"), pk=pk)


def party_statuses(*, round_: SubmissionRound) -> list[PartyStatus]:
    listed = getattr(round_, "party_statuses", None)  # set for a page of rounds: with_party_statuses
    return listed if listed is not None else _statuses([round_])[round_.pk]


def with_party_statuses(*, rounds: Iterable[SubmissionRound]) -> list[SubmissionRound]:
    """Mark each round of a page with its `party_statuses`, read for the whole page at once."""
    rounds = list(rounds)
    statuses = _statuses(rounds)
    for round_ in rounds:
        round_.party_statuses = statuses[round_.pk]  # type: ignore[attr-defined]
    return rounds


def _statuses(rounds: list[SubmissionRound]) -> dict[int, list[PartyStatus]]:
    """{round id: whether each party has submitted}, in two queries for rounds of one partnership.
    Whether another party has submitted is all it may learn before reveal (the blind rule hides
    the answers themselves), so this one fact is read past the scope."""
    if not rounds:
        return {}
    done = Submission.unscoped.filter(round__in=rounds, submitted_at__isnull=False)
    submitted = set(done.values_list("round_id", "owner_id"))
    parties = list(rounds[0].partnership.parties.select_related("organisation"))
    return {
        r.pk: [
            PartyStatus(p.organisation.name, p.side, (r.pk, p.organisation_id) in submitted) for p in parties
        ]
        for r in rounds
    }


def submission_list(*, actor: User, round_: SubmissionRound) -> QuerySet[Submission]:
    """The submissions the actor may read: its own; all of them once revealed. By organisation
    (filtered by filters.SubmissionFilter, read in pages)."""
    submissions = Submission.objects.restrict(actor).filter(round=round_).select_related("owner")
    return submissions.order_by("owner__name", "pk")


def submission_mine(*, actor: User, round_: SubmissionRound) -> Submission | None:
    mine = acting_organisation(actor, round_.partnership)
    if mine is None:
        raise NotFound()
    return Submission.objects.restrict(actor).filter(round=round_, owner_id=mine).first()


def alignment_reports(*, actor: User, round_: SubmissionRound) -> list[alignment.Report]:
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

    current: VisionRevision | None
    status: str
    signatures: list[Any]
    waiting_for: list[str]
    revision_count: int
    objectives: list[Any]


def _revisions(actor: User, partnership: Partnership) -> QuerySet[VisionRevision]:
    revisions = VisionRevision.objects.restrict(actor).filter(document__partnership=partnership)
    return revisions.select_related("author").order_by("-number", "-pk")


def vision_view(*, actor: User, partnership: Partnership, objectives: bool = True) -> VisionView:
    """The vision's current revision, status and signatures; its objectives unless `objectives`
    is false (a summary that shows only the status)."""
    from concord.vision.services.document import status_of

    require(actor, Action.VIEW, partnership)
    # Only the current revision is read here, however many there are (revision_list pages them).
    signed_by = _revisions(actor, partnership).prefetch_related(
        "signatures__organisation", "signatures__signed_by"
    )
    current = signed_by.first()
    parties = {p.organisation_id: p.organisation.name for p in partnership.parties.all()}
    signatures = list(current.signatures.all()) if current else []
    signed = {s.organisation_id for s in signatures}
    return VisionView(
        current=current,
        status=status_of(current, set(parties)),
        signatures=signatures,
        waiting_for=[name for org, name in parties.items() if org not in signed],
        revision_count=current.number if current else 0,  # numbered 1, 2, … without gaps
        objectives=list(Objective.objects.restrict(actor).filter(partnership=partnership))
        if objectives
        else [],
    )


def revision_list(*, actor: User, partnership: Partnership) -> QuerySet[VisionRevision]:
    """The revisions of the vision, latest first (read in pages: one is made at every edit)."""
    require(actor, Action.VIEW, partnership)
    return _revisions(actor, partnership)


def revision_diff(
    *, actor: User, partnership: Partnership, old: int, new: int
) -> list[tuple[str, list[str]]]:
    """Per section, a unified diff between two revisions (objectives as one section)."""
    import difflib

    from concord.vision.models import SECTIONS

    require(actor, Action.VIEW, partnership)
    found = {
        r.number: r
        for r in VisionRevision.objects.restrict(actor).filter(
            document__partnership=partnership, number__in=[old, new]
        )
    }
    if old not in found or new not in found:
        raise NotFound()

    def text(revision: VisionRevision, key: str) -> list[str]:
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


def comments_for(*, actor: User, partnership: Partnership) -> QuerySet[VisionComment]:
    """Comments on the vision the actor may read: shared ones, and their own team's internal ones.
    Grouped by section in the order of the document, each section's in the order written
    (filtered by filters.CommentFilter, read in pages)."""
    require(actor, Action.VIEW, partnership)
    comments = VisionComment.objects.restrict(actor).filter(partnership=partnership)
    return comments.select_related("owner", "created_by").order_by(_in_document_order(), "created_at", "pk")


def _in_document_order() -> Case:
    order = [When(section=key, then=Value(i)) for i, (key, _) in enumerate(COMMENT_SECTIONS)]
    return Case(*order, default=Value(len(COMMENT_SECTIONS)))


@dataclass(frozen=True)
class Thread:
    """A section's comments as the vision page shows them: the first few, and how many in all."""

    comments: list[VisionComment]
    count: int


def comment_threads(*, actor: User, partnership: Partnership, per_section: int) -> dict[str, Thread]:
    """Per section, at most `per_section` comments — open ones first, the latest first — and the
    section's count: two queries, whatever the number of comments."""
    readable = comments_for(actor=actor, partnership=partnership)
    counts = dict(readable.order_by().values_list("section").annotate(n=Count("pk")))
    rank = Window(
        RowNumber(),
        partition_by=[F("section")],
        order_by=[F("resolved").asc(), F("created_at").desc(), F("pk").desc()],
    )
    firsts = readable.annotate(rank=rank).filter(rank__lte=per_section)
    shown: dict[str, list[VisionComment]] = {}
    for comment in firsts.order_by("resolved", "-created_at", "-pk"):
        shown.setdefault(comment.section, []).append(comment)
    return {key: Thread(shown.get(key, []), counts.get(key, 0)) for key, _ in COMMENT_SECTIONS}


def comment_get(*, actor: User, pk: int, action: Action = Action.VIEW) -> Found[Any]:
    comments = VisionComment.objects.select_related("owner", "created_by", "partnership")
    return get_for(actor, comments, action, pk=pk)


def current_objectives(*, actor: "User", partnership: Partnership) -> list[Objective]:
    """The objectives of the vision in force (not retired), by code: clauses and goals link to these.
    (Pages of other apps still pass a plain HttpRequest's user; they are all behind sign-in.)"""
    objectives = Objective.objects.restrict(actor).filter(partnership=partnership, retired=False)
    return list(objectives.order_by("code"))
