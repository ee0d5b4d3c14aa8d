"""The health API's shapes: the index explained, and the organisation's weights."""

import datetime

from ninja import Schema

from concord.core import inputs
from concord.health.forms import WeightsForm


class HealthPartOut(Schema):
    key: str
    label: str
    score: float | None
    weight: int
    share: float | None
    contribution: float | None


class HealthMonthOut(Schema):
    period: datetime.date
    score: float | None


class HealthOut(Schema):
    """The index of a partnership as the reader's organisation sees it (None: no source has data)."""

    partnership_id: int
    organisation_id: int
    score: float | None
    band: str
    trend: float | None
    computed_on: datetime.date | None
    parts: list[HealthPartOut]
    missing: list[str]
    history: list[HealthMonthOut]


class HealthWeightsIn(inputs.input_schema(WeightsForm, name="HealthWeightsIn")):  # type: ignore[misc]
    """The weights, 0–100 each, at least one above 0 (forms.WeightsForm); version 1 while never
    changed."""


class HealthWeightsOut(Schema):
    weights: dict[str, int]
    version: int
