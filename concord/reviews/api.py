"""API: survey rounds (list, export, draft, change, open, close, trends), answering one (your own
answer only: nobody reads another's), and performance reviews (list, export, create with their
frozen snapshot, narrative, improvement actions, signing). Bodies are the pages' forms
(schemas.py); what the caller may not read answers 404."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router, Status

from concord.access.pages import per_reader_api
from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering, inputs
from concord.core.api import responses
from concord.core.errors import NotFound
from concord.core.inputs import MAX_ID
from concord.core.paging import Paged, PageParams, page
from concord.partnerships.selectors import partnership_get
from concord.reviews import dimensions, selectors
from concord.reviews import exports as sheets
from concord.reviews.filters import ReviewFilter, RoundFilter
from concord.reviews.forms import ActionForm, NarrativeForm, ReviewForm, RoundEditForm, RoundForm
from concord.reviews.models import SurveyRound
from concord.reviews.schemas import (
    ImprovementActionIn,
    ImprovementActionOut,
    PerformanceReviewDetailOut,
    PerformanceReviewFilters,
    PerformanceReviewIn,
    PerformanceReviewOut,
    ReviewNarrativeIn,
    ReviewVersionIn,
    SurveyAnswerOut,
    SurveyAnswersIn,
    SurveyRoundDetailOut,
    SurveyRoundFilters,
    SurveyRoundIn,
    SurveyRoundOut,
    SurveyRoundPatch,
    SurveyTrendOut,
)
from concord.reviews.services import reviews as review_services
from concord.reviews.services import survey

router = Router(tags=["reviews"])
Id = Path(..., ge=1, le=MAX_ID)


def _round_detail(request: AuthedRequest, survey_id: int) -> dict[str, Any]:
    found = selectors.round_get(actor=request.user, pk=survey_id).obj
    results = selectors.round_results(actor=request.user, round_=found)
    sides = {
        side: {
            "respondents": r.respondents,
            "shown": r.shown,
            "mean": None if r.overall is None else round(r.overall, 2),
        }
        for side, r in results.sides.items()
    }
    mine = selectors.my_response(actor=request.user, round_=found)
    return {
        **{
            f: getattr(found, f)
            for f in ("id", "partnership_id", "title", "status", "dimensions", "min_respondents")
        },
        **{f: getattr(found, f) for f in ("opened_on", "closes_on", "closed_on", "version")},
        "answered": sum(results.respondents.values()),
        **sides,
        "score": None if results.score is None else round(results.score, 1),
        "results": results.rows(),
        "answered_by_me": mine is not None,
    }


def _rounds(request: AuthedRequest, partnership_id: int, filters: SurveyRoundFilters) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return filtering.apply(
        RoundFilter, filters, selectors.round_list(actor=request.user, partnership=partnership)
    ).qs


@router.get(
    "/partnerships/{partnership_id}/surveys",
    response=responses(200, Paged[SurveyRoundOut], 404),
    summary="The relationship health survey rounds, newest first",
)
@per_reader_api
def round_list(
    request: AuthedRequest,
    filters: Query[SurveyRoundFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    return page(_rounds(request, partnership_id, filters), paging)


@router.get(
    "/partnerships/{partnership_id}/surveys/export",
    response=responses(200, None, 404),
    summary="The survey rounds, filtered as the list, as .csv or .xlsx (counts, never answers)",
)
def rounds_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[SurveyRoundFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    table = exports.table(sheets.ROUND_COLUMNS, _rounds(request, partnership_id, filters))
    return exports.download(params.format, f"surveys-{partnership_id}", table, "Survey rounds")


@router.get(
    "/partnerships/{partnership_id}/surveys/trends",
    response=responses(200, list[SurveyTrendOut], 404),
    summary="Each side's mean across the last closed rounds, oldest first",
)
def round_trends(request: AuthedRequest, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return [
        {
            "round_id": t.round.pk,
            "title": t.round.title,
            "closed_on": t.round.closed_on,
            "buyer_mean": _rounded(t.results.sides["buyer"].overall),
            "supplier_mean": _rounded(t.results.sides["supplier"].overall),
            "score": _rounded(t.results.score, 1),
        }
        for t in selectors.trends(actor=request.user, partnership=partnership)
    ]


def _rounded(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


@router.post(
    "/partnerships/{partnership_id}/surveys",
    response=responses(201, SurveyRoundDetailOut, 403, 404),
    summary="Draft a survey round (a lead of either side)",
)
def round_create(request: AuthedRequest, payload: SurveyRoundIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    found = survey.round_create(
        actor=request.user, partnership=partnership, **inputs.validated(RoundForm, payload)
    )
    return Status(201, _round_detail(request, found.pk))


@router.get(
    "/surveys/{survey_id}",
    response=responses(200, SurveyRoundDetailOut, 404),
    summary="A survey round and its results",
)
def round_get(request: AuthedRequest, survey_id: int = Id) -> Any:
    return _round_detail(request, survey_id)


def _current(found: SurveyRound) -> dict[str, Any]:
    current = inputs.stored(found, RoundEditForm.base_fields)
    current["dimensions"] = dimensions.as_text(found.dimensions)
    return current


@router.patch(
    "/surveys/{survey_id}",
    response=responses(200, SurveyRoundDetailOut, 403, 404, 409),
    summary="Change a round (dimensions and threshold only while a draft)",
)
def round_update(request: AuthedRequest, payload: SurveyRoundPatch, survey_id: int = Id) -> Any:
    found = selectors.round_get(actor=request.user, pk=survey_id).obj
    data = inputs.validated(RoundEditForm, payload, current=_current(found))
    survey.round_update(actor=request.user, round_=found, **data)
    return _round_detail(request, survey_id)


@router.post(
    "/surveys/{survey_id}/open",
    response=responses(200, SurveyRoundDetailOut, 403, 404, 409),
    summary="Open a draft round: both sides' people are invited",
)
def round_open(request: AuthedRequest, payload: ReviewVersionIn, survey_id: int = Id) -> Any:
    found = selectors.round_get(actor=request.user, pk=survey_id).obj
    survey.round_open(actor=request.user, round_=found, version=payload.version)
    return _round_detail(request, survey_id)


@router.post(
    "/surveys/{survey_id}/close",
    response=responses(200, SurveyRoundDetailOut, 403, 404, 409),
    summary="Close an open round now: results show for each side that reached the threshold",
)
def round_close(request: AuthedRequest, payload: ReviewVersionIn, survey_id: int = Id) -> Any:
    found = selectors.round_get(actor=request.user, pk=survey_id).obj
    survey.round_close(actor=request.user, round_=found, version=payload.version)
    return _round_detail(request, survey_id)


@router.get(
    "/surveys/{survey_id}/answer",
    response=responses(200, SurveyAnswerOut, 404),
    summary="Your own answer to a round (404 when you have not answered; nobody reads another's)",
)
def answer_get(request: AuthedRequest, survey_id: int = Id) -> Any:
    found = selectors.round_get(actor=request.user, pk=survey_id).obj
    mine = selectors.my_response(actor=request.user, round_=found)
    if mine is None:
        raise NotFound()
    return {"round_id": found.pk, "answers": mine.answers}


@router.put(
    "/surveys/{survey_id}/answer",
    response=responses(200, SurveyAnswerOut, 403, 404, 409),
    summary="Answer a round, or change your answer while it is open (stored anonymously)",
)
def answer_put(request: AuthedRequest, payload: SurveyAnswersIn, survey_id: int = Id) -> Any:
    found = selectors.round_get(actor=request.user, pk=survey_id).obj
    saved = survey.response_save(actor=request.user, round_=found, answers=payload.plain())
    return {"round_id": found.pk, "answers": saved.answers}


def _reviews(request: AuthedRequest, partnership_id: int, filters: PerformanceReviewFilters) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    return filtering.apply(
        ReviewFilter, filters, selectors.review_list(actor=request.user, partnership=partnership)
    ).qs


@router.get(
    "/partnerships/{partnership_id}/reviews",
    response=responses(200, Paged[PerformanceReviewOut], 404),
    summary="The performance reviews, latest period first",
)
@per_reader_api
def review_list(
    request: AuthedRequest,
    filters: Query[PerformanceReviewFilters],
    paging: Query[PageParams],
    partnership_id: int = Id,
) -> Any:
    return page(_reviews(request, partnership_id, filters), paging)


@router.get(
    "/partnerships/{partnership_id}/reviews/export",
    response=responses(200, None, 404),
    summary="The reviews, filtered as the list, as .csv or .xlsx",
)
def reviews_export(
    request: AuthedRequest,
    params: Query[exports.FormatParams],
    filters: Query[PerformanceReviewFilters],
    partnership_id: int = Id,
) -> HttpResponse:
    table = exports.table(sheets.REVIEW_COLUMNS, _reviews(request, partnership_id, filters))
    return exports.download(params.format, f"reviews-{partnership_id}", table, "Reviews")


@router.post(
    "/partnerships/{partnership_id}/reviews",
    response=responses(201, PerformanceReviewDetailOut, 403, 404),
    summary="Create a performance review of a period (its snapshot is frozen now)",
)
def review_create(request: AuthedRequest, payload: PerformanceReviewIn, partnership_id: int = Id) -> Any:
    partnership = partnership_get(actor=request.user, pk=partnership_id).obj
    data = inputs.validated(ReviewForm, payload)
    found = review_services.review_create(actor=request.user, partnership=partnership, **data)
    return Status(201, selectors.review_get(actor=request.user, pk=found.pk).obj)


@router.get(
    "/reviews/{review_id}",
    response=responses(200, PerformanceReviewDetailOut, 404),
    summary="A review with its snapshot",
)
def review_get(request: AuthedRequest, review_id: int = Id) -> Any:
    return selectors.review_get(actor=request.user, pk=review_id).obj


@router.put(
    "/reviews/{review_id}/narrative",
    response=responses(200, PerformanceReviewDetailOut, 403, 404, 409),
    summary="Write your side's narrative (frozen once a side has signed)",
)
def review_narrative(request: AuthedRequest, payload: ReviewNarrativeIn, review_id: int = Id) -> Any:
    found = selectors.review_get(actor=request.user, pk=review_id).obj
    review_services.review_narrative(
        actor=request.user, review=found, **inputs.validated(NarrativeForm, payload)
    )
    return selectors.review_get(actor=request.user, pk=review_id).obj


@router.post(
    "/reviews/{review_id}/sign",
    response=responses(200, PerformanceReviewDetailOut, 403, 404, 409),
    summary="Sign the review for your side (a lead of it)",
)
def review_sign(request: AuthedRequest, payload: ReviewVersionIn, review_id: int = Id) -> Any:
    found = selectors.review_get(actor=request.user, pk=review_id).obj
    review_services.review_sign(actor=request.user, review=found, version=payload.version)
    return selectors.review_get(actor=request.user, pk=review_id).obj


@router.post(
    "/reviews/{review_id}/actions",
    response=responses(201, ImprovementActionOut, 403, 404),
    summary="Add an improvement action: an item of the review's action plan",
)
def review_action(request: AuthedRequest, payload: ImprovementActionIn, review_id: int = Id) -> Any:
    found = selectors.review_get(actor=request.user, pk=review_id).obj
    people = selectors.action_people(actor=request.user, review=found)
    data = inputs.validated(lambda d: ActionForm(d, people=people), payload)
    item = review_services.action_add(actor=request.user, review=found, **data)
    return Status(201, item)
