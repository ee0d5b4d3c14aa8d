"""API: the governance of a partnership — the directory, the escalation path and the RACI matrix
with its problems, committees and their decision rights, the one decision log (meeting decisions
and those taken outside meetings), issues with their escalation and cited resolution, and
corrections of the structure; api_plans.py holds issues and the lessons they carry.
The bodies are the pages' forms (schemas.py), run over the body by core.inputs.validated."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.access.roles import Action
from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering, inputs
from concord.core.api import responses
from concord.core.inputs import MAX_ID, VersionQuery
from concord.core.paging import Paged, PageParams, page
from concord.governance import exports as sheets
from concord.governance import log, selectors
from concord.governance.filters import DecisionLogFilter, filtered_log
from concord.governance.forms import (
    ActivityForm,
    AssignmentForm,
    CommitteeEditForm,
    CommitteeForm,
    DecisionForm,
    KeyPersonEditForm,
    KeyPersonForm,
    LevelForm,
    RightEditForm,
    RightForm,
    SupersedeForm,
)
from concord.governance.schemas import (
    ActivityIn,
    ActivityOut,
    AssignmentIn,
    CommitteeIn,
    CommitteeOut,
    CommitteePatch,
    DecisionLogFilters,
    GovernanceDecisionIn,
    GovernanceDecisionOut,
    KeyPersonIn,
    KeyPersonOut,
    KeyPersonPatch,
    LevelIn,
    LevelOut,
    LogEntryOut,
    RaciOut,
    RightIn,
    RightOut,
    RightPatch,
    SupersedeIn,
    log_entry,
)
from concord.governance.services import decisions, structure
from concord.partnerships.selectors import colleagues, partnership_get

router = Router(tags=["governance"])
Id = Path(..., ge=1, le=MAX_ID)


def _partnership(request: AuthedRequest, partnership_id: int) -> Any:
    return partnership_get(actor=request.user, pk=partnership_id).obj


def _raci(request: AuthedRequest, partnership: Any) -> dict[str, Any]:
    found = selectors.matrix(actor=request.user, partnership=partnership)
    return {
        "people": found.people,
        "rows": [
            {
                "activity_id": activity.pk,
                "activity": activity.title,
                "cells": {
                    str(p.pk): letter for p, letter in zip(found.people, letters, strict=True) if letter
                },
                "problems": [p.text for p in problems],
            }
            for activity, letters, problems in found.rows()
        ],
        "problem_count": found.problem_count,
    }


@router.get(
    "/partnerships/{partnership_id}/governance/raci",
    response=responses(200, RaciOut, 404),
    summary="The RACI matrix: activities × key people of both sides, with what breaks its rules",
)
def raci_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    return _raci(request, _partnership(request, partnership_id))


@router.post(
    "/partnerships/{partnership_id}/governance/defaults",
    response=responses(200, RaciOut, 403, 404),
    summary="Start with the default escalation path and activities (only what is missing)",
)
def defaults_start(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    structure.defaults_start(actor=request.user, partnership=partnership)
    return _raci(request, partnership)


@router.get(
    "/partnerships/{partnership_id}/governance/people",
    response=responses(200, Paged[KeyPersonOut], 404),
    summary="The key personnel of both sides (`left`: no longer in the organisation they stand for)",
)
def people_list(request: AuthedRequest, paging: Query[PageParams], partnership_id: int = Id) -> Any:
    return page(
        selectors.directory(actor=request.user, partnership=_partnership(request, partnership_id)), paging
    )


@router.post(
    "/partnerships/{partnership_id}/governance/people",
    response=responses(201, KeyPersonOut, 403, 404),
    summary="Name a colleague of your own organisation in the directory",
)
def person_add(request: AuthedRequest, payload: KeyPersonIn, partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    people = colleagues(actor=request.user, partnership=partnership)
    levels = selectors.levels_of(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: KeyPersonForm(d, people=people, levels=levels), payload)
    entry = structure.key_person_add(actor=request.user, partnership=partnership, **data)
    return Status(201, selectors.key_person_get(actor=request.user, pk=entry.pk).obj)


@router.get(
    "/partnerships/{partnership_id}/governance/levels",
    response=responses(200, Paged[LevelOut], 404),
    summary="The escalation path, first level first, with each level's response time",
)
def level_list(request: AuthedRequest, paging: Query[PageParams], partnership_id: int = Id) -> Any:
    return page(
        selectors.levels_of(actor=request.user, partnership=_partnership(request, partnership_id)), paging
    )


@router.post(
    "/governance/levels/{level_id}",
    response=responses(200, LevelOut, 403, 404, 409),
    summary="Rename a level or change its response time",
)
def level_edit(request: AuthedRequest, payload: LevelIn, level_id: int = Id) -> Any:
    level = selectors.level_get(actor=request.user, pk=level_id, action=Action.CHANGE).obj
    data = inputs.validated(LevelForm, payload)
    return structure.level_update(actor=request.user, level=level, **data)


@router.post(
    "/partnerships/{partnership_id}/governance/activities",
    response=responses(201, ActivityOut, 403, 404),
    summary="Add an activity to the RACI matrix",
)
def activity_add(request: AuthedRequest, payload: ActivityIn, partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    data = inputs.validated(ActivityForm, payload)
    return Status(201, structure.activity_add(actor=request.user, partnership=partnership, **data))


@router.post(
    "/governance/activities/{activity_id}/raci",
    response=responses(200, RaciOut, 403, 404),
    summary="Set a key person's letter (R, A, C, I; empty clears) in an activity; the matrix answers",
)
def assignment_set(request: AuthedRequest, payload: AssignmentIn, activity_id: int = Id) -> Any:
    activity = selectors.activity_get(actor=request.user, pk=activity_id, action=Action.CHANGE).obj
    people = selectors.directory(actor=request.user, partnership=activity.partnership)
    data = inputs.validated(lambda d: AssignmentForm(d, people=people), payload)
    structure.assignment_set(actor=request.user, activity=activity, **data)
    return _raci(request, activity.partnership)


@router.get(
    "/partnerships/{partnership_id}/committees",
    response=responses(200, Paged[CommitteeOut], 404),
    summary="Joint committees with their members and decision rights",
)
def committee_list(request: AuthedRequest, paging: Query[PageParams], partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    return page(selectors.committee_list(actor=request.user, partnership=partnership), paging)


@router.post(
    "/partnerships/{partnership_id}/committees",
    response=responses(201, CommitteeOut, 403, 404),
    summary="Form a joint committee (members from the directory)",
)
def committee_create(request: AuthedRequest, payload: CommitteeIn, partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    people = selectors.directory(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: CommitteeForm(d, people=people), payload)
    committee = structure.committee_create(actor=request.user, partnership=partnership, **data)
    return Status(
        201, selectors.committee_list(actor=request.user, partnership=partnership).get(pk=committee.pk)
    )


@router.post(
    "/committees/{committee_id}/rights",
    response=responses(201, CommitteeOut, 403, 404),
    summary="Give a committee a decision right, with a value limit or none",
)
def right_add(request: AuthedRequest, payload: RightIn, committee_id: int = Id) -> Any:
    committee = selectors.committee_get(actor=request.user, pk=committee_id, action=Action.CHANGE).obj
    data = inputs.validated(RightForm, payload)
    structure.right_add(actor=request.user, committee=committee, **data)
    listed = selectors.committee_list(actor=request.user, partnership=committee.partnership)
    return Status(201, listed.get(pk=committee.pk))


# ---- the one decision log ----------------------------------------------------------------------------


def _log(request: AuthedRequest, partnership_id: int, filters: DecisionLogFilters) -> Any:
    partnership = _partnership(request, partnership_id)
    meetings, others = log.sources(actor=request.user, partnership=partnership)
    filtering.apply(DecisionLogFilter, filters, meetings)  # invalid values: 422 with field errors
    return filtered_log(filters.dict(exclude_none=True), meetings, others)[1]


@router.get(
    "/partnerships/{partnership_id}/decisions",
    response=responses(200, Paged[LogEntryOut], 404),
    summary="The decision log: decisions of the meetings you may see and those taken outside meetings",
)
@per_reader_api
def decision_log(
    request: AuthedRequest,
    filters: Query[DecisionLogFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    answer = page(_log(request, partnership_id, filters), paging)
    answer["results"] = [log_entry(row) for row in answer["results"]]
    return answer


@router.get(
    "/partnerships/{partnership_id}/decisions/export",
    response=responses(200, None, 404),
    summary="The decision log, filtered as the list, as .csv or .xlsx (one row per decision)",
)
def decisions_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[DecisionLogFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    rows = _log(request, partnership_id, filters)
    table = exports.table(sheets.DECISION_COLUMNS, list(rows[: exports.MAX_ROWS + 1]))
    return exports.download(params.format, f"decisions-{partnership_id}", table, "Decisions")


@router.post(
    "/partnerships/{partnership_id}/decisions",
    response=responses(201, GovernanceDecisionOut, 403, 404),
    summary="Record a decision taken outside a meeting (a committee within its right, or the managers)",
)
def decision_record(request: AuthedRequest, payload: GovernanceDecisionIn, partnership_id: int = Id) -> Any:
    partnership = _partnership(request, partnership_id)
    choices = selectors.decision_choices(actor=request.user, partnership=partnership)
    data = inputs.validated(lambda d: DecisionForm(d, **choices), payload)
    return Status(201, decisions.decision_record(actor=request.user, partnership=partnership, **data))


# ---- corrections: the structure changes; the log is append-only (superseded, never edited) -------


@router.patch(
    "/governance/people/{key_person_id}",
    response=responses(200, KeyPersonOut, 403, 404, 409),
    summary="Change a directory entry's role or level (each side its own people)",
)
def person_update(request: AuthedRequest, payload: KeyPersonPatch, key_person_id: int = Id) -> Any:
    entry = selectors.key_person_get(actor=request.user, pk=key_person_id).obj
    levels = selectors.levels_of(actor=request.user, partnership=entry.partnership)
    current = {"version": entry.version, "role_title": entry.role_title, "level": entry.level_id}
    data = inputs.validated(lambda d: KeyPersonEditForm(d, levels=levels), payload, current=current)
    structure.key_person_update(actor=request.user, key_person=entry, **data)
    return selectors.key_person_get(actor=request.user, pk=key_person_id).obj


@router.delete(
    "/governance/people/{key_person_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Take a person out of the directory (their RACI letters and committee seats go too)",
)
def person_delete(request: AuthedRequest, version: Query[VersionQuery], key_person_id: int = Id) -> Any:
    entry = selectors.key_person_get(actor=request.user, pk=key_person_id).obj
    structure.key_person_delete(actor=request.user, key_person=entry, version=version.version)
    return Status(204, None)


@router.patch(
    "/committees/{committee_id}",
    response=responses(200, CommitteeOut, 403, 404, 409),
    summary="Change a committee (`members` replaces its members, from the directory)",
)
def committee_update(request: AuthedRequest, payload: CommitteePatch, committee_id: int = Id) -> Any:
    committee = selectors.committee_get(actor=request.user, pk=committee_id).obj
    people = selectors.directory(actor=request.user, partnership=committee.partnership)
    current = inputs.stored(committee, ["version", "name", "purpose", "cadence_days"])
    current["members"] = list(committee.members.values_list("pk", flat=True))
    data = inputs.validated(lambda d: CommitteeEditForm(d, people=people), payload, current=current)
    structure.committee_update(actor=request.user, committee=committee, **data)
    return selectors.committee_list(actor=request.user, partnership=committee.partnership).get(
        pk=committee.pk
    )


@router.delete(
    "/committees/{committee_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Dissolve a committee that has no decision in the log",
)
def committee_delete(request: AuthedRequest, version: Query[VersionQuery], committee_id: int = Id) -> Any:
    committee = selectors.committee_get(actor=request.user, pk=committee_id).obj
    structure.committee_delete(actor=request.user, committee=committee, version=version.version)
    return Status(204, None)


@router.patch(
    "/rights/{right_id}",
    response=responses(200, RightOut, 403, 404, 409),
    summary="Change a decision right (what the committee may decide, up to which value)",
)
def right_update(request: AuthedRequest, payload: RightPatch, right_id: int = Id) -> Any:
    right = selectors.right_get(actor=request.user, pk=right_id).obj
    current = {"version": right.version, "scope": right.scope, "value_limit": right.value_limit}
    data = inputs.validated(RightEditForm, payload, current=current)
    data |= inputs.cleared(payload, RightEditForm)
    return structure.right_update(actor=request.user, right=right, **data)


@router.delete(
    "/rights/{right_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Remove a decision right no decision in the log was taken under",
)
def right_delete(request: AuthedRequest, version: Query[VersionQuery], right_id: int = Id) -> Any:
    right = selectors.right_get(actor=request.user, pk=right_id).obj
    structure.right_delete(actor=request.user, right=right, version=version.version)
    return Status(204, None)


@router.post(
    "/governance-decisions/{decision_id}/supersede",
    response=responses(200, GovernanceDecisionOut, 403, 404, 409),
    summary="Mark a decision superseded by a later one (the log is append-only: never edited)",
)
def decision_supersede(request: AuthedRequest, payload: SupersedeIn, decision_id: int = Id) -> Any:
    decision = selectors.decision_get(actor=request.user, pk=decision_id).obj
    later = selectors.later_decisions(actor=request.user, decision=decision)
    data = inputs.validated(lambda d: SupersedeForm(d, later=later), payload)
    return decisions.decision_supersede(actor=request.user, decision=decision, **data)
