"""API: customer insight — the supplier's recommendations with their reasons, its customer profile
(installed base with spreadsheet import, goals and pillars, constraints), its offering portfolio
and fit weights, and the proposals shared with the customer. The bodies are the pages' forms."""

from typing import Any

from django.http import HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile

from concord.access.pages import per_reader_api
from concord.access.sides import insight_org, reads_as_owner
from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering, inputs, uploads
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.goals.selectors import visible_goals
from concord.insight import exports as sheets
from concord.insight import schemas, selectors, transfer
from concord.insight.filters import CustomerGoalFilter, ItemFilter, ProposalFilter
from concord.insight.forms import (
    ConstraintsForm,
    CustomerGoalEditForm,
    CustomerGoalForm,
    ItemEditForm,
    ItemForm,
    ProposalForm,
)
from concord.insight.schemas import (
    ConstraintsIn,
    ConstraintsOut,
    CustomerGoalFilters,
    CustomerGoalIn,
    CustomerGoalOut,
    CustomerGoalPatch,
    InstalledImportOut,
    InstalledItemOut,
    ItemFilters,
    ItemIn,
    ItemPatch,
    ProposalFilters,
    ProposalIn,
    ProposalOut,
    RecommendationsOut,
    VerdictOut,
    VersionQuery,
)
from concord.insight.services import imports, profile, proposals
from concord.partnerships.selectors import partnership_get
from concord.vision.selectors import current_objectives

router = Router(tags=["customer insight"])
Id = Path(..., ge=1, le=MAX_ID)
PARTNERSHIP = "/partnerships/{partnership_id}"


def _item(request: AuthedRequest, pk: int) -> dict[str, Any]:
    item = selectors.item_get(actor=request.user, pk=pk).obj
    return schemas.item_out(item, owner_reads=reads_as_owner(request.user, item))


def _goal(request: AuthedRequest, pk: int) -> dict[str, Any]:
    goal = selectors.customer_goal_get(actor=request.user, pk=pk).obj
    return schemas.customer_goal_out(goal, owner_reads=reads_as_owner(request.user, goal))


# ---- recommendations ------------------------------------------------------------------------------


@router.get(
    f"{PARTNERSHIP}/insight/recommendations",
    response=responses(200, RecommendationsOut, 403, 404),
    summary="The short list of offerings that fit the customer, with reasons (supplier side only)",
)
def recommendations(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return schemas.recommendations_out(selectors.recommendations(actor=request.user, partnership=partnership))


@router.get(
    f"{PARTNERSHIP}/insight/fit/{{offering_id}}",
    response=responses(200, VerdictOut, 403, 404),
    summary="How one offering fits the customer, or why it is left out (supplier side only)",
)
def offering_fit(request: AuthedRequest, partnership_id: int = Id, offering_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    verdict = selectors.fit_of(actor=request.user, partnership=partnership, offering_pk=offering_id)
    return schemas.verdict_out(verdict)


# ---- installed base -------------------------------------------------------------------------------


@router.get(
    f"{PARTNERSHIP}/installed-base",
    response=responses(200, Paged[InstalledItemOut], 404),
    summary="The customer's installed base you may see (the supplier's own; the customer what was shared)",
)
def item_list(
    request: AuthedRequest, filters: Query[ItemFilters], paging: Query[PageParams], partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        ItemFilter, filters, selectors.item_list(actor=request.user, partnership=partnership)
    )
    answer = page(found.qs, paging)
    answer["results"] = [
        schemas.item_out(i, owner_reads=reads_as_owner(request.user, i)) for i in answer["results"]
    ]
    return answer


@router.get(
    f"{PARTNERSHIP}/installed-base/export",
    response=responses(200, None, 404),
    summary="The filtered installed base as .csv or .xlsx (the import's columns)",
)
def item_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[ItemFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = filtering.apply(
        ItemFilter, filters, selectors.item_list(actor=request.user, partnership=partnership)
    )
    columns = sheets.item_columns(with_notes=insight_org(request.user, partnership) is not None)
    return exports.download(
        params.format, f"installed-base-{partnership_id}", exports.table(columns, found.qs)
    )


@router.post(
    f"{PARTNERSHIP}/installed-base",
    response=responses(201, InstalledItemOut, 403, 404),
    summary="Add an item of the customer's installed base (supplier side)",
)
def item_create(request: AuthedRequest, payload: ItemIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(ItemForm, payload)
    made = profile.item_create(actor=request.user, partnership=partnership, **data)
    return Status(201, _item(request, made.pk))


# A file upload (multipart), not a form's fields: its parameters are declared here.
@router.post(
    f"{PARTNERSHIP}/installed-base/import",
    response=responses(200, InstalledImportOut, 403, 404),
    summary="Import the installed base from .csv or .xlsx: a dry run by default; otherwise all rows or none",
)
def item_import(
    request: AuthedRequest, file: File[UploadedFile], dry_run: Form[bool] = True, partnership_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    run = imports.items_plan if dry_run else imports.items_import
    plan = run(
        actor=request.user, partnership=partnership, rows=transfer.read(file.name or "", uploads.read(file))
    )
    return schemas.import_out(plan, dry_run=dry_run)


@router.get(
    "/installed-items/{installed_item_id}",
    response=responses(200, InstalledItemOut, 404),
    summary="An installed item",
)
def item_get(request: AuthedRequest, installed_item_id: int = Id) -> Any:
    return _item(request, installed_item_id)


@router.patch(
    "/installed-items/{installed_item_id}",
    response=responses(200, InstalledItemOut, 403, 404, 409),
    summary="Change an installed item (supplier side)",
)
def item_patch(request: AuthedRequest, payload: ItemPatch, installed_item_id: int = Id) -> Any:
    item = selectors.item_get(actor=request.user, pk=installed_item_id).obj
    current = inputs.stored(item, ItemEditForm.base_fields)
    data = inputs.validated(ItemEditForm, payload, current=current)
    profile.item_update(actor=request.user, item=item, **data)
    return _item(request, installed_item_id)


@router.delete(
    "/installed-items/{installed_item_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Remove an installed item (supplier side)",
)
def item_delete(request: AuthedRequest, version: Query[VersionQuery], installed_item_id: int = Id) -> Any:
    item = selectors.item_get(actor=request.user, pk=installed_item_id).obj
    profile.item_delete(actor=request.user, item=item, version=version.version)
    return Status(204, None)


# ---- customer goals and constraints ---------------------------------------------------------------


def _goal_form(request: AuthedRequest, partnership: Any, form: type) -> Any:
    goals = visible_goals(actor=request.user, partnership=partnership)
    objectives = current_objectives(actor=request.user, partnership=partnership)
    return lambda d: form(d, goals=goals, objectives=objectives)


@router.get(
    f"{PARTNERSHIP}/customer-goals",
    response=responses(200, Paged[CustomerGoalOut], 404),
    summary="The customer's goals and pillars as the supplier reads them (the customer: what was shared)",
)
def customer_goal_list(
    request: AuthedRequest,
    filters: Query[CustomerGoalFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    listed = selectors.customer_goal_list(actor=request.user, partnership=partnership)
    answer = page(filtering.apply(CustomerGoalFilter, filters, listed).qs, paging)
    answer["results"] = [
        schemas.customer_goal_out(g, owner_reads=reads_as_owner(request.user, g)) for g in answer["results"]
    ]
    return answer


@router.get(
    f"{PARTNERSHIP}/customer-goals/export",
    response=responses(200, None, 404),
    summary="The filtered customer goals as .csv or .xlsx",
)
def customer_goal_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[CustomerGoalFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    listed = selectors.customer_goal_list(actor=request.user, partnership=partnership)
    found = filtering.apply(CustomerGoalFilter, filters, listed)
    columns = sheets.goal_columns(with_notes=insight_org(request.user, partnership) is not None)
    return exports.download(
        params.format, f"customer-goals-{partnership_id}", exports.table(columns, found.qs)
    )


@router.post(
    f"{PARTNERSHIP}/customer-goals",
    response=responses(201, CustomerGoalOut, 403, 404),
    summary="Add a goal or strategy pillar of the customer (supplier side)",
)
def customer_goal_create(request: AuthedRequest, payload: CustomerGoalIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(_goal_form(request, partnership, CustomerGoalForm), payload)
    made = profile.customer_goal_create(actor=request.user, partnership=partnership, **data)
    return Status(201, _goal(request, made.pk))


@router.patch(
    "/customer-goals/{customer_goal_id}",
    response=responses(200, CustomerGoalOut, 403, 404, 409),
    summary="Change a customer goal (supplier side)",
)
def customer_goal_patch(
    request: AuthedRequest, payload: CustomerGoalPatch, customer_goal_id: int = Id
) -> Any:
    goal = selectors.customer_goal_get(actor=request.user, pk=customer_goal_id).obj
    current = inputs.stored(goal, CustomerGoalEditForm.base_fields) | {
        "goal": goal.goal_id,
        "objective": goal.objective_id,
    }
    make = _goal_form(request, goal.partnership, CustomerGoalEditForm)
    data = inputs.validated(make, payload, current=current)
    profile.customer_goal_update(actor=request.user, record=goal, **data)
    return _goal(request, customer_goal_id)


@router.delete(
    "/customer-goals/{customer_goal_id}",
    response=responses(204, None, 403, 404, 409),
    summary="Remove a customer goal (supplier side)",
)
def customer_goal_delete(
    request: AuthedRequest, version: Query[VersionQuery], customer_goal_id: int = Id
) -> Any:
    goal = selectors.customer_goal_get(actor=request.user, pk=customer_goal_id).obj
    profile.customer_goal_delete(actor=request.user, record=goal, version=version.version)
    return Status(204, None)


@router.get(
    f"{PARTNERSHIP}/customer-constraints",
    response=responses(200, ConstraintsOut, 403, 404),
    summary="The customer's constraints (supplier side only)",
)
def constraints_get(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return selectors.constraints_get(actor=request.user, partnership=partnership) or ConstraintsOut()


@router.put(
    f"{PARTNERSHIP}/customer-constraints",
    response=responses(200, ConstraintsOut, 403, 404, 409),
    summary="Set the customer's constraints (supplier side; the version once they exist)",
)
def constraints_put(request: AuthedRequest, payload: ConstraintsIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(ConstraintsForm, payload)
    version = data.pop("version_seen")
    return profile.constraints_save(actor=request.user, partnership=partnership, version=version, **data)


# ---- proposals ------------------------------------------------------------------------------------


def _proposals(request: AuthedRequest, partnership_id: int, filters: Any) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    listed = selectors.proposal_list(actor=request.user, partnership=partnership)
    return filtering.apply(ProposalFilter, filters, listed).qs


@router.get(
    f"{PARTNERSHIP}/proposals",
    response=responses(200, Paged[ProposalOut], 404),
    summary="The proposals shared in the partnership, with the customer's answers",
)
@per_reader_api
def proposal_list(
    request: AuthedRequest,
    filters: Query[ProposalFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    answer = page(_proposals(request, partnership_id, filters), paging)
    answer["results"] = [schemas.proposal_out(p) for p in answer["results"]]
    return answer


@router.get(
    f"{PARTNERSHIP}/proposals/export",
    response=responses(200, None, 404),
    summary="The filtered proposals as .csv or .xlsx",
)
def proposal_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[ProposalFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    found = _proposals(request, partnership_id, filters)
    table = exports.table(sheets.PROPOSAL_COLUMNS, found)
    return exports.download(params.format, f"proposals-{partnership_id}", table, "Proposals")


@router.post(
    f"{PARTNERSHIP}/insight/fit/{{offering_id}}/propose",
    response=responses(201, ProposalOut, 403, 404),
    summary="Share an offering with the customer as a proposal it answers yes, no or maybe (supplier side)",
)
def proposal_create(
    request: AuthedRequest, payload: ProposalIn, partnership_id: int = Id, offering_id: int = Id
) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(ProposalForm, payload)
    made = proposals.proposal_make(
        actor=request.user, partnership=partnership, offering_id=offering_id, **data
    )
    found = selectors.proposal_list(actor=request.user, partnership=partnership).get(pk=made.pk)
    return Status(201, schemas.proposal_out(found))
