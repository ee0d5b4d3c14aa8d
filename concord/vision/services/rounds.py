"""Vision use cases: open a blind round, save and submit a party's answers, reveal.

The answers are one JSON document (outcomes, points, ways of working); the Submission model checks
it (vision.answers) on every save, so the page, the API and the demo are held to the same rules.
"""

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from concord.access.models import Party
from concord.access.policy import require, writer_org
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.services import tracked_create, tracked_update
from concord.core.errors import InvalidState, ValidationFailed
from concord.partnerships.models import Partnership
from concord.vision import answers
from concord.vision.models import DEFAULT_DIMENSIONS, RoundStatus, Submission, SubmissionRound


def round_open(
    *, actor: User, partnership: Partnership, dimensions: Sequence[str] | None = None
) -> SubmissionRound:
    """Open a new blind round; the dimension list (default: the eight standard ones) is fixed for
    the round from here on. The model checks it (2 to 12 different names)."""
    require(actor, Action.CHANGE, partnership)
    with transaction.atomic():
        rounds = SubmissionRound.unscoped.select_for_update().filter(partnership=partnership)
        if rounds.filter(status=RoundStatus.OPEN).exists():
            raise InvalidState("A round is already open; reveal it before opening another.")
        number = (rounds.aggregate(n=Max("number"))["n"] or 0) + 1
        round_ = SubmissionRound(
            partnership=partnership,
            number=number,
            dimensions=answers.tidy_dimensions(dimensions or DEFAULT_DIMENSIONS),
            opened_by=actor,
        )
        return tracked_create(actor=actor, instance=round_)


def _require_complete(
    outcomes: Sequence[object], priorities: Mapping[str, int], prediction: Mapping[str, int]
) -> None:
    errors = answers.completeness_problems(outcomes, priorities, prediction)
    if errors:
        raise ValidationFailed(errors, "The submission is not complete yet.")


def submission_save(
    *,
    actor: User,
    round_: SubmissionRound,
    version: int | None = None,
    outcomes: Sequence[Mapping[str, str]] = (),
    priorities: Mapping[str, int] | None = None,
    prediction: Mapping[str, int] | None = None,
    ways: Mapping[str, str] | None = None,
    ways_note: str = "",
) -> Submission:
    """Save the actor's organisation's answers (a draft, or a revision of a submitted one). Blank
    outcome rows and ways answers are dropped; the model checks the rest against the round."""
    owner_id = writer_org(actor, round_.partnership)
    if round_.status != RoundStatus.OPEN:
        raise InvalidState("This round is revealed; answers can no longer change.")
    tidy = answers.tidy_outcomes(outcomes)
    points, guessed = dict(priorities or {}), dict(prediction or {})
    values: dict[str, object] = {
        "outcomes": tidy,
        "priorities": points,
        "prediction": guessed,
        "ways": {key: value for key, value in (ways or {}).items() if value},
        "ways_note": ways_note.strip(),
    }
    existing = Submission.unscoped.filter(round=round_, owner_id=owner_id).first()
    if existing is None:
        return tracked_create(actor=actor, instance=Submission(round=round_, owner_id=owner_id, **values))
    if version is None:
        raise ValidationFailed.single("version", "Give the version of the answers you are revising.")
    if existing.submitted_at:  # a submitted answer may be revised, not left half-done
        _require_complete(tidy, points, guessed)
        values["submitted_at"] = timezone.now()
    return tracked_update(actor=actor, instance=existing, version=version, changes=values)


def submission_submit(*, actor: User, submission: Submission, version: int | None = None) -> Submission:
    """Submit the saved answers: complete ones only (an outcome, 100 points on each spread)."""
    require(actor, Action.CHANGE, submission)
    if submission.round.status != RoundStatus.OPEN:
        raise InvalidState("This round is revealed already.")
    _require_complete(submission.outcomes, submission.priorities, submission.prediction)
    return tracked_update(
        actor=actor,
        instance=submission,
        version=version,
        changes={"submitted_at": timezone.now(), "submitted_by": actor},
    )


def round_reveal(*, actor: User, round_: SubmissionRound) -> SubmissionRound:
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
