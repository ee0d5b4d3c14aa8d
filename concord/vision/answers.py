"""The rules of the vision's documents — a round's dimensions, a party's answers, the sections of
the vision — as pure functions. The models call them (`clean`), so every write is checked the same
way, whichever entry point made it; the services only tidy what they are given."""

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from concord.vision import ways as ways_module

MAX_DIMENSIONS = 12
DIMENSION_LIMIT = 60
MAX_OUTCOMES = 20
TEXT_LIMIT = 1000
SECTION_LIMIT = 20_000


class Outcome(TypedDict):
    """A desired outcome and how the party would know it was reached."""

    outcome: str
    measure: str


def tidy_dimensions(dimensions: Sequence[str]) -> list[str]:
    return [d.strip() for d in dimensions if d and d.strip()]


def tidy_outcomes(outcomes: Sequence[Mapping[str, str]]) -> list[Outcome]:
    """Trimmed rows; a row with neither an outcome nor a measure is no row."""
    rows = [
        Outcome(outcome=str(o.get("outcome") or "").strip(), measure=str(o.get("measure") or "").strip())
        for o in outcomes
    ]
    return [row for row in rows if row["outcome"] or row["measure"]]


def dimension_problems(dimensions: Any) -> list[str]:
    if not isinstance(dimensions, list) or not all(isinstance(d, str) for d in dimensions):
        return ["Give the dimensions as a list of names."]
    problems = []
    if not 2 <= len(dimensions) <= MAX_DIMENSIONS:
        problems.append(f"Give between 2 and {MAX_DIMENSIONS} dimensions.")
    if len({d.strip().lower() for d in dimensions}) != len(dimensions):
        problems.append("Each dimension must be different.")
    if any(len(d) > DIMENSION_LIMIT for d in dimensions):
        problems.append(f"Keep each dimension under {DIMENSION_LIMIT} characters.")
    if any(not d.strip() for d in dimensions):
        problems.append("Name every dimension.")
    return problems


def points_problems(points: Any, dimensions: Sequence[str], field: str) -> dict[str, list[str]]:
    """Whole points from 0 to 100 per dimension of the round, at most 100 in all."""
    if not isinstance(points, dict):
        return {field: ["Give points per dimension."]}
    errors: dict[str, list[str]] = {}
    for name, value in points.items():
        if name not in dimensions:
            errors[f"{field}.{name}"] = ["Not a dimension of this round."]
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            errors[f"{field}.{name}"] = ["Give a whole number of points from 0 to 100."]
    if not errors and sum(points.values()) > 100:
        errors[field] = [f"Spread exactly 100 points; these add up to {sum(points.values())}."]
    return errors


def outcome_problems(outcomes: Any) -> dict[str, list[str]]:
    if not isinstance(outcomes, list) or len(outcomes) > MAX_OUTCOMES:
        return {"outcomes": [f"Give a list of at most {MAX_OUTCOMES} outcomes."]}
    errors: dict[str, list[str]] = {}
    for i, item in enumerate(outcomes):
        if not isinstance(item, dict) or set(item) - {"outcome", "measure"}:
            errors[f"outcomes.{i}"] = ["Give an outcome and how you would know it."]
            continue
        outcome, measure = item.get("outcome", ""), item.get("measure", "")
        if not isinstance(outcome, str) or not isinstance(measure, str):
            errors[f"outcomes.{i}"] = ["Give an outcome and how you would know it."]
        elif len(outcome) > TEXT_LIMIT or len(measure) > TEXT_LIMIT:
            errors[f"outcomes.{i}"] = [f"Keep each text under {TEXT_LIMIT} characters."]
        elif not outcome.strip():
            errors[f"outcomes.{i}.outcome"] = ["Describe the outcome this measure belongs to."]
    return errors


def answer_problems(
    *, dimensions: Sequence[str], outcomes: Any, priorities: Any, prediction: Any, ways: Any
) -> dict[str, list[str]]:
    """Everything wrong with a party's answers, by field ("priorities.Cost", "outcomes.0.outcome")."""
    errors = outcome_problems(outcomes)
    errors |= points_problems(priorities, dimensions, "priorities")
    errors |= points_problems(prediction, dimensions, "prediction")
    if not isinstance(ways, dict) or not all(isinstance(v, str) for v in ways.values()):
        errors["ways"] = ["Give one answer per ways-of-working question."]
    else:
        errors |= ways_module.validate(ways)
    return errors


def completeness_problems(
    outcomes: Sequence[Any], priorities: Mapping[str, int], prediction: Mapping[str, int]
) -> dict[str, list[str]]:
    """What a submitted answer still lacks: an outcome, and exactly 100 points on each spread."""
    errors: dict[str, list[str]] = {}
    if not outcomes:
        errors["outcomes"] = ["State at least one desired outcome."]
    for field, points in (("priorities", priorities), ("prediction", prediction)):
        total = sum(points.values())
        if total != 100:
            errors[field] = [f"Spread exactly 100 points; these add up to {total}."]
    return errors


def section_problems(sections: Any, known: Sequence[str]) -> dict[str, list[str]]:
    """Only the vision's sections (`known`), each a text of at most 20,000 characters."""
    if not isinstance(sections, dict):
        return {"sections": ["Give the sections as a map of texts."]}
    errors = {f"sections.{k}": ["Not a section of the vision."] for k in sections if k not in known}
    errors |= {
        f"sections.{k}": ["Give the section as text."]
        for k, v in sections.items()
        if k in known and not isinstance(v, str)
    }
    errors |= {
        f"sections.{k}": [f"Keep a section under {SECTION_LIMIT:,} characters."]
        for k, v in sections.items()
        if k in known and isinstance(v, str) and len(v) > SECTION_LIMIT
    }
    return errors
