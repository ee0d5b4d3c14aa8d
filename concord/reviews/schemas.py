"""The API's bodies and answers for the Reviews tab. Inputs are generated from the pages' forms
(core.inputs), the lists' parameters from their FilterSets (core.filtering). The survey answer is
hand-written (SurveyAnswersIn): its keys are the round's own dimensions, which no static form has."""

from datetime import date
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from concord.core import filtering, inputs
from concord.core.forms import VersionForm
from concord.reviews.filters import ReviewFilter, RoundFilter
from concord.reviews.forms import ActionForm, NarrativeForm, ReviewForm, RoundEditForm, RoundForm
from concord.reviews.models import ReviewStatus, RoundStatus
from concord.reviews.snapshot import deltas


class SurveyRoundIn(inputs.input_schema(RoundForm, name="SurveyRoundIn")):  # type: ignore[misc]
    """Draft a survey round (forms.RoundForm); `dimensions`: one label a line, empty for the default seven."""


class SurveyRoundPatch(inputs.input_schema(RoundEditForm, name="SurveyRoundPatch", partial=True)):  # type: ignore[misc]
    """Change a round: only what is sent changes; dimensions and threshold only while it is a draft."""


class ReviewVersionIn(inputs.input_schema(VersionForm, name="ReviewVersionIn")):  # type: ignore[misc]
    """The version acted on: a stale one gets 409."""


class SurveyRoundFilters(filtering.query_schema(RoundFilter)):  # type: ignore[misc]
    """The survey rounds' filters (filters.RoundFilter)."""


class SurveyRatingIn(Schema):
    model_config = ConfigDict(extra="forbid")  # the schema says so: no other key is read

    is_: int = Field(alias="is", ge=1, le=5, description="How it is, 1 (poor) to 5 (excellent).")
    other: int = Field(ge=1, le=5, description="How you think the other side will rate it, 1 to 5.")
    comment: str = Field("", max_length=1000)


DIMENSION_KEY = r"^[a-z0-9-]{1,40}$"
DimensionKey = Annotated[str, StringConstraints(pattern=DIMENSION_KEY)]


class SurveyAnswersIn(Schema):
    answers: dict[DimensionKey, SurveyRatingIn] = Field(
        description="For every dimension key of the round: its two ratings and a comment.",
        # pydantic states the keys as patternProperties, which lets any other key through with
        # any value; the API refuses them, so the schema says so
        json_schema_extra={"additionalProperties": False, "propertyNames": {"pattern": DIMENSION_KEY}},
    )

    def plain(self) -> dict[str, Any]:
        return {k: {"is": v.is_, "other": v.other, "comment": v.comment} for k, v in self.answers.items()}


class SurveyDimensionOut(Schema):
    key: str
    label: str


class SurveyRoundOut(Schema):
    id: int
    partnership_id: int
    title: str
    status: RoundStatus
    dimensions: list[SurveyDimensionOut]
    min_respondents: int
    opened_on: date | None
    closes_on: date
    closed_on: date | None
    answered: int = Field(description="How many people answered, both sides together.")
    version: int


class SurveyResultRowOut(Schema):
    key: str
    label: str
    buyer_is: float | None = Field(
        description="The buyer side's mean of how it is (hidden under the threshold)."
    )
    buyer_predicted: float | None = Field(
        description="What the buyer side thinks the supplier side will say."
    )
    buyer_gap: float | None = Field(
        description="What the supplier side said − what the buyer side predicted."
    )
    buyer_comments: list[str]
    supplier_is: float | None
    supplier_predicted: float | None
    supplier_gap: float | None = Field(
        description="What the buyer side said − what the supplier side predicted."
    )
    supplier_comments: list[str]


class SurveySideOut(Schema):
    respondents: int
    shown: bool = Field(description="False: not enough responses (or the round is still open).")
    mean: float | None


class SurveyRoundDetailOut(SurveyRoundOut):
    buyer: SurveySideOut
    supplier: SurveySideOut
    score: float | None = Field(
        description="0–100 over both sides, once closed and both reached the threshold."
    )
    results: list[SurveyResultRowOut]
    answered_by_me: bool


class SurveyAnswerOut(Schema):
    round_id: int
    answers: dict[str, dict[str, Any]]


class SurveyTrendOut(Schema):
    round_id: int
    title: str
    closed_on: date | None
    buyer_mean: float | None
    supplier_mean: float | None
    score: float | None


class PerformanceReviewIn(inputs.input_schema(ReviewForm, name="PerformanceReviewIn")):  # type: ignore[misc]
    """Create a performance review of a period (forms.ReviewForm): its snapshot is taken now."""


class ReviewNarrativeIn(inputs.input_schema(NarrativeForm, name="ReviewNarrativeIn")):  # type: ignore[misc]
    """Your side's narrative (forms.NarrativeForm)."""


class ImprovementActionIn(inputs.input_schema(ActionForm, name="ImprovementActionIn")):  # type: ignore[misc]
    """An improvement action: an item of the review's action plan (forms.ActionForm)."""


class PerformanceReviewFilters(filtering.query_schema(ReviewFilter)):  # type: ignore[misc]
    """The reviews' filters (filters.ReviewFilter)."""


class PerformanceReviewOut(Schema):
    id: int
    partnership_id: int
    title: str
    period_from: date
    period_to: date
    status: ReviewStatus
    buyer_signed_on: date | None
    supplier_signed_on: date | None
    previous_id: int | None
    plan_id: int | None = Field(description="The action plan its improvement actions are items of.")
    version: int


class ReviewDeltaOut(Schema):
    key: str
    label: str
    now: float | None
    before: float | None
    change: float | None


class PerformanceReviewDetailOut(PerformanceReviewOut):
    narrative_buyer: str
    narrative_supplier: str
    snapshot: dict[str, Any] = Field(description="The frozen figures of the period (shared records only).")
    deltas: list[ReviewDeltaOut] = Field(description="Headline figures against the previous review.")

    @staticmethod
    def resolve_deltas(obj: Any) -> list[dict[str, Any]]:
        return deltas(obj.snapshot, obj.previous.snapshot if obj.previous else None)


class ImprovementActionOut(Schema):
    id: int
    title: str
    promised_on: date
    plan_id: int | None
