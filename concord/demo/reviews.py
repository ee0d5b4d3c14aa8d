"""Demo Reviews tab for the bioprocess partnership: a closed health survey round that both sides
answered (two people each, threshold 2, so results and perception gaps show), a second round open
now (one answer in), and a signed performance review of the last quarter with both narratives and
an improvement action. Built through the services."""

import datetime

from django.utils import timezone

from concord.accounts.models import User
from concord.partnerships.models import Partnership
from concord.reviews.services import reviews, survey

KEYS = ["trust", "communication", "alignment", "responsiveness", "value", "innovation", "fairness"]
# Each person's (how it is, how the other side will rate it) per dimension, in KEYS order: the
# buyer is more critical of responsiveness than the supplier expects; the supplier rates fairness
# lower than the buyer thinks.
ANSWERS = {
    "clara": [(4, 4), (4, 4), (5, 4), (2, 4), (4, 3), (3, 3), (4, 4)],
    "viktor": [(4, 3), (3, 4), (4, 4), (3, 4), (4, 4), (3, 3), (4, 5)],
    "sam": [(4, 4), (4, 3), (4, 5), (4, 3), (4, 4), (4, 3), (3, 4)],
    "mia": [(5, 4), (4, 4), (4, 4), (4, 3), (3, 4), (4, 4), (2, 4)],
}
COMMENTS = {
    ("clara", "responsiveness"): "Quality deviations took two weeks to get a first answer.",
    ("sam", "fairness"): "Forecast changes land on us without notice, and we carry the stock.",
    ("mia", "innovation"): "The joint kaizen on inspection was the best thing we did this year.",
}


def _answers(who: str) -> dict[str, dict[str, object]]:
    return {
        key: {"is": is_, "other": other, "comment": COMMENTS.get((who, key), "")}
        for key, (is_, other) in zip(KEYS, ANSWERS[who], strict=True)
    }


def build(*, clara: User, viktor: User, sam: User, mia: User, partnership: Partnership) -> None:
    today = timezone.localdate()
    people = {"clara": clara, "viktor": viktor, "sam": sam, "mia": mia}
    closed = survey.round_create(
        actor=clara,
        partnership=partnership,
        title="Q3 2026 relationship health",
        closes_on=today + datetime.timedelta(days=1),
        min_respondents=2,
    )
    closed = survey.round_open(actor=clara, round_=closed, version=closed.version)
    for who, person in people.items():
        survey.response_save(actor=person, round_=closed, answers=_answers(who))
    closed = survey.round_close(actor=sam, round_=closed, version=closed.version)
    current = survey.round_create(
        actor=sam,
        partnership=partnership,
        title="Q4 2026 relationship health",
        closes_on=today + datetime.timedelta(days=12),
        min_respondents=2,
    )
    current = survey.round_open(actor=sam, round_=current, version=current.version)
    survey.response_save(actor=mia, round_=current, answers=_answers("mia"))
    _review(clara=clara, sam=sam, partnership=partnership, today=today)


def _review(*, clara: User, sam: User, partnership: Partnership, today: datetime.date) -> None:
    review = reviews.review_create(
        actor=clara,
        partnership=partnership,
        title="Q3 2026 quarterly business review",
        period_from=today - datetime.timedelta(days=91),
        period_to=today,
    )
    review = reviews.review_narrative(
        actor=clara,
        review=review,
        version=review.version,
        narrative="Supply was secure all quarter and the second film line is on track. "
        "**Responsiveness on quality deviations** must improve: the survey shows we feel it more "
        "than Aurora thinks.",
    )
    review = reviews.review_narrative(
        actor=sam,
        review=review,
        version=review.version,
        narrative="We kept our delivery promises and ran the joint kaizen on inspection. "
        "Forecast changes without notice remain our main pain point.",
    )
    reviews.action_add(
        actor=clara,
        review=review,
        title="Answer quality deviations within 48 hours",
        promised_on=today + datetime.timedelta(days=30),
        owner_person_id=sam.pk,
    )
    review.refresh_from_db()
    review = reviews.review_sign(actor=sam, review=review, version=review.version)
    reviews.review_sign(actor=clara, review=review, version=review.version)
