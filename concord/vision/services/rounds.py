"""Vision use cases: open a blind round, save and submit a party's answers, reveal."""

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from concord.access.models import Party
from concord.access.policy import require, writer_org
from concord.access.roles import Action
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.partnerships.models import Partnership
from concord.vision import ways as ways_module
from concord.vision.models import DEFAULT_DIMENSIONS, RoundStatus, Submission, SubmissionRound

MAX_OUTCOMES = 20
TEXT_LIMIT = 1000


def _clean_dimensions(dimensions: list[str] | None) -> list[str]:
    cleaned = [d.strip() for d in (dimensions or DEFAULT_DIMENSIONS) if d and d.strip()]
    problems = []
    if not 2 <= len(cleaned) <= 12:
        problems.append("Give between 2 and 12 dimensions.")
    if len({d.lower() for d in cleaned}) != len(cleaned):
        problems.append("Each dimension must be different.")
    if any(len(d) > 60 for d in cleaned):
        problems.append("Keep each dimension under 60 characters.")
    if problems:
        raise ValidationFailed({"dimensions": problems})
    return cleaned


def round_open(
    *, actor: Any, partnership: Partnership, dimensions: list[str] | None = None
) -> SubmissionRound:
    """Open a new blind round; the dimension list is fixed for the round from here on."""
    require(actor, Action.CHANGE, partnership)
    cleaned = _clean_dimensions(dimensions)
    with transaction.atomic():
        rounds = SubmissionRound.unscoped.select_for_update().filter(partnership=partnership)
        if rounds.filter(status=RoundStatus.OPEN).exists():
            raise InvalidState("A round is already open; reveal it before opening another.")
        number = (rounds.aggregate(n=Max("number"))["n"] or 0) + 1
        return tracked_create(
            actor=actor,
            instance=SubmissionRound(
                partnership=partnership, number=number, dimensions=cleaned, opened_by=actor
            ),
        )


def _points(raw: Any, dimensions: list[str], field: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    if not isinstance(raw, dict):
        return {}, {field: ["Give points per dimension."]}
    errors: dict[str, list[str]] = {}
    points: dict[str, int] = {}
    for name, value in raw.items():
        if name not in dimensions:
            errors[f"{field}.{name}"] = ["Not a dimension of this round."]
        elif isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            errors[f"{field}.{name}"] = ["Give a whole number of points from 0 to 100."]
        else:
            points[name] = value
    if not errors and sum(points.values()) > 100:
        errors[field] = [f"Spread exactly 100 points; these add up to {sum(points.values())}."]
    return points, errors


def _outcomes(raw: Any) -> tuple[list[dict[str, str]], dict[str, list[str]]]:
    if not isinstance(raw, list) or len(raw) > MAX_OUTCOMES:
        return [], {"outcomes": [f"Give a list of at most {MAX_OUTCOMES} outcomes."]}
    cleaned, errors = [], {}
    for i, item in enumerate(raw):
        outcome = str((item or {}).get("outcome", "")).strip() if isinstance(item, dict) else ""
        measure = str((item or {}).get("measure", "")).strip() if isinstance(item, dict) else ""
        if not outcome and not measure:
            continue
        if not outcome:
            errors[f"outcomes.{i}.outcome"] = ["Describe the outcome this measure belongs to."]
        if len(outcome) > TEXT_LIMIT or len(measure) > TEXT_LIMIT:
            errors[f"outcomes.{i}"] = [f"Keep each text under {TEXT_LIMIT} characters."]
        cleaned.append({"outcome": outcome, "measure": measure})
    return cleaned, errors


def _clean_answers(round_: SubmissionRound, answers: dict[str, Any]) -> dict[str, Any]:
    outcomes, errors = _outcomes(answers.get("outcomes", []))
    priorities, more = _points(answers.get("priorities", {}), round_.dimensions, "priorities")
    errors |= more
    prediction, more = _points(answers.get("prediction", {}), round_.dimensions, "prediction")
    errors |= more
    ways = {k: v for k, v in (answers.get("ways") or {}).items() if v}
    errors |= ways_module.validate(ways)
    note = str(answers.get("ways_note", "") or "").strip()
    if len(note) > 4 * TEXT_LIMIT:
        errors["ways_note"] = [f"Keep the note under {4 * TEXT_LIMIT} characters."]
    if errors:
        raise ValidationFailed(errors)
    return {
        "outcomes": outcomes,
        "priorities": priorities,
        "prediction": prediction,
        "ways": ways,
        "ways_note": note,
    }


def _require_complete(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if not values["outcomes"]:
        errors["outcomes"] = ["State at least one desired outcome."]
    for field in ("priorities", "prediction"):
        total = sum(values[field].values())
        if total != 100:
            errors[field] = [f"Spread exactly 100 points; these add up to {total}."]
    if errors:
        raise ValidationFailed(errors, "The submission is not complete yet.")


def submission_save(
    *, actor: Any, round_: SubmissionRound, version: int | None = None, **answers: Any
) -> Submission:
    """Save the actor's organisation's answers (a draft, or a revision of a submitted one)."""
    owner_id = writer_org(actor, round_.partnership)
    if round_.status != RoundStatus.OPEN:
        raise InvalidState("This round is revealed; answers can no longer change.")
    values = _clean_answers(round_, answers)
    existing = Submission.unscoped.filter(round=round_, owner_id=owner_id).first()
    if existing is None:
        return tracked_create(actor=actor, instance=Submission(round=round_, owner_id=owner_id, **values))
    if version is None:
        raise ValidationFailed.single("version", "Give the version of the answers you are revising.")
    if existing.submitted_at:
        _require_complete(values)  # a submitted answer may be revised, not left half-done
        values["submitted_at"] = timezone.now()
    return tracked_update(actor=actor, instance=existing, version=version, changes=values)


def submission_submit(*, actor: Any, submission: Submission, version: int | None = None) -> Submission:
    require(actor, Action.CHANGE, submission)
    if submission.round.status != RoundStatus.OPEN:
        raise InvalidState("This round is revealed already.")
    _require_complete(
        {
            "outcomes": submission.outcomes,
            "priorities": submission.priorities,
            "prediction": submission.prediction,
        }
    )
    return tracked_update(
        actor=actor,
        instance=submission,
        version=version,
        changes={"submitted_at": timezone.now(), "submitted_by": actor},
    )


def round_reveal(*, actor: Any, round_: SubmissionRound) -> SubmissionRound:
    """Close the round and reveal every party's answers — only once every party has submitted."""
    require(actor, Action.CHANGE, round_.partnership)
    if round_.status != RoundStatus.OPEN:
        raise InvalidState("This round is revealed already.")
    # Every party's submission counts, also those the actor may not read yet (the round is blind).
    done = Submission.unscoped.filter(round=round_, submitted_at__isnull=False)
    submitted = set(done.values_list("owner_id", flat=True))
    parties = Party.unscoped.filter(partnership_id=round_.partnership_id).select_related("organisation")
    waiting = [p.organisation.name for p in parties if p.organisation_id not in submitted]
    if waiting:
        raise InvalidState(f"Waiting for {', '.join(waiting)} to submit.")
    return tracked_update(
        actor=actor,
        instance=round_,
        version=None,
        changes={"status": RoundStatus.REVEALED, "revealed_at": timezone.now()},
    )
