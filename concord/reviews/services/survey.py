"""Use cases of the relationship health survey.

- Either side's lead (an admin of its organisation or the partnership manager) drafts a round,
  edits its dimensions and threshold while it is a draft, opens it (everyone of both parties is
  invited) and may close it early; the daily job closes rounds whose closing day has passed.
- Everyone of both parties answers once and may change their answer until the round closes. The
  answer is stored under a sealed key (core.sealing) and the organisation it counts for, never the
  person. Its audit event names no actor and withholds the answers: the trail shows that *a*
  response was given, not whose nor what.
- Thresholds and dimensions are fixed once the round opens: lowering the threshold after answers
  came in would reveal results the respondents were promised stay hidden.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from concord.access.models import Membership
from concord.access.policy import acting_organisation, require, require_side_lead
from concord.access.rights import parties_of
from concord.access.roles import Action
from concord.accounts.models import User
from concord.audit.models import AuditAction
from concord.audit.services import record, tracked_create, tracked_update
from concord.core.errors import InvalidState, NotFound, ValidationFailed
from concord.core.inputs import UNSET, Unset, given
from concord.core.sealing import seal
from concord.partnerships.models import Partnership
from concord.reviews import dimensions as dims
from concord.reviews import perception
from concord.reviews.models import RoundStatus, SurveyResponse, SurveyRound
from concord.reviews.services.invitations import invite

SEAL = "survey"
CLOSES = "The round closes on a day after today."
NOT_DRAFT = "Dimensions and threshold are fixed once the round is open."
NOT_OPEN = "The round is not open for answers."
RATING = "Rate each dimension from 1 to 5, both how it is and how you think the other side will rate it."
COMMENT_MAX = 1000
WITHHELD = "withheld"


def respondent_key(user: Any) -> str:
    return seal(SEAL, user.pk)


def _dimensions(text: str | None) -> list[dict[str, str]]:
    if text is None or not text.strip():
        return dims.default()
    found = dims.parse(text)
    if found is None:
        raise ValidationFailed.single("dimensions", dims.PROBLEM)
    return found


def _closes(closes_on: datetime.date) -> None:
    if closes_on <= timezone.localdate():
        raise ValidationFailed.single("closes_on", CLOSES)


def round_create(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    closes_on: datetime.date,
    min_respondents: int = perception.DEFAULT_THRESHOLD,
    dimensions: str | None = None,
) -> SurveyRound:
    """Draft a round (the default dimensions unless others are given, one a line)."""
    require_side_lead(actor, partnership)
    _closes(closes_on)
    found = SurveyRound(
        partnership=partnership,
        title=title,
        closes_on=closes_on,
        min_respondents=min_respondents,
        dimensions=_dimensions(dimensions),
        created_by=actor,
    )
    return tracked_create(actor=actor, instance=found)


def round_update(
    *,
    actor: User,
    round_: SurveyRound,
    version: int | None,
    title: str | Unset = UNSET,
    closes_on: datetime.date | Unset = UNSET,
    min_respondents: int | Unset = UNSET,
    dimensions: str | Unset = UNSET,
) -> SurveyRound:
    """Change a round: its title and closing day until it closes, its dimensions and threshold
    while it is a draft."""
    require(actor, Action.VIEW, round_)
    require_side_lead(actor, round_.partnership)
    if round_.status == RoundStatus.CLOSED:
        raise InvalidState("A closed round does not change.")
    changes = given(title=title, closes_on=closes_on, min_respondents=min_respondents)
    if not isinstance(dimensions, Unset):
        changes["dimensions"] = _dimensions(dimensions)
    fixed = {"dimensions", "min_respondents"} & set(changes)
    if round_.status != RoundStatus.DRAFT and any(changes[k] != getattr(round_, k) for k in fixed):
        raise ValidationFailed.single(sorted(fixed)[0], NOT_DRAFT)
    if "closes_on" in changes and changes["closes_on"] != round_.closes_on:
        _closes(changes["closes_on"])
    return tracked_update(actor=actor, instance=round_, version=version, changes=changes)


def round_open(*, actor: User, round_: SurveyRound, version: int | None) -> SurveyRound:
    """Open a draft: everyone of both parties is invited at once (notifications; the e-mail comes
    with the day's digest) and reminded by the daily job until they answer."""
    require(actor, Action.VIEW, round_)
    require_side_lead(actor, round_.partnership)
    if round_.status != RoundStatus.DRAFT:
        raise InvalidState("Only a draft round opens.")
    _closes(round_.closes_on)
    today = timezone.localdate()
    with transaction.atomic():
        opened = tracked_update(
            actor=actor,
            instance=round_,
            version=version,
            changes={"status": RoundStatus.OPEN, "opened_on": today},
        )
        invite(opened, today)
    return opened


def round_close(*, actor: User | None, round_: SurveyRound, version: int | None) -> SurveyRound:
    """Close an open round (a lead, early; or the daily job once its closing day has passed):
    answers freeze and results show for each side that reached the threshold."""
    if actor is not None:
        require(actor, Action.VIEW, round_)
        require_side_lead(actor, round_.partnership)
    if round_.status != RoundStatus.OPEN:
        raise InvalidState("Only an open round closes.")
    changes = {"status": RoundStatus.CLOSED, "closed_on": timezone.localdate()}
    return tracked_update(actor=actor, instance=round_, version=version, changes=changes)


def close_due(day: datetime.date) -> int:
    """The daily job: close every open round whose closing day is before `day`."""
    due = list(SurveyRound.unscoped.filter(status=RoundStatus.OPEN, closes_on__lt=day))
    for found in due:
        round_close(actor=None, round_=found, version=found.version)
    return len(due)


def _clean_answers(round_: SurveyRound, answers: Any) -> dict[str, dict[str, Any]]:
    """The answers kept: a 1–5 pair for every dimension of the round and an optional comment;
    anything else is refused field by field (`answers.<key>`)."""
    if not isinstance(answers, dict):
        raise ValidationFailed.single("answers", RATING)
    errors: dict[str, list[str]] = {}
    kept: dict[str, dict[str, Any]] = {}
    for key in round_.keys:
        given_ = answers.get(key)
        given_ = given_ if isinstance(given_, dict) else {}
        pair = {w: given_.get(w) for w in (perception.IS, perception.OTHER)}
        if any(
            not isinstance(v, int) or isinstance(v, bool) or v not in perception.SCALE for v in pair.values()
        ):
            errors[f"answers.{key}"] = [RATING]
            continue
        comment = given_.get(perception.COMMENT) or ""
        if not isinstance(comment, str) or len(comment) > COMMENT_MAX:
            errors[f"answers.{key}"] = [f"A comment is text of at most {COMMENT_MAX} characters."]
            continue
        kept[key] = {**pair, perception.COMMENT: comment.strip()}
    if errors:
        raise ValidationFailed(errors)
    return kept


def response_save(*, actor: User, round_: SurveyRound, answers: Any) -> SurveyResponse:
    """Answer a round, or change one's answer while it is open. Stored under the respondent's
    sealed key and the organisation they answer for; audited without actor or content."""
    require(actor, Action.VIEW, round_)
    organisation_id = acting_organisation(actor, round_.partnership)
    if organisation_id is None:
        raise NotFound()
    if round_.status != RoundStatus.OPEN:
        raise InvalidState(NOT_OPEN)
    kept = _clean_answers(round_, answers)
    key = respondent_key(actor)
    with transaction.atomic():
        SurveyRound.unscoped.select_for_update().filter(pk=round_.pk).first()  # one answer at a time
        found = SurveyResponse.unscoped.filter(round=round_, respondent=key).first()
        created = found is None
        if found is None:
            found = SurveyResponse(round=round_, respondent=key, organisation_id=organisation_id)
        found.answers = kept
        found.save()
        record(
            actor=None,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            instance=found,
            changes={"answers": [None if created else WITHHELD, WITHHELD]},
        )
    return found


def invited_people(round_: SurveyRound) -> set[int]:
    """Everyone of both parties (whom a round invites)."""
    orgs = [p.organisation_id for p in parties_of(round_.partnership)]
    return set(Membership.unscoped.filter(organisation_id__in=orgs).values_list("user_id", flat=True))
