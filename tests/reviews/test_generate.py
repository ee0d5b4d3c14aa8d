"""The generator's survey step: every generated partnership has closed rounds answered by both
sides (so the health figure reads one) and an open one; answers audited without actor or content."""

from typing import Any

from concord.audit.models import AuditEvent
from concord.reviews.models import RoundStatus, SurveyResponse, SurveyRound
from concord.reviews.selectors import survey_health
from tests.demo.test_generate import generate, partnerships


def test_generated_rounds_feed_the_health_figure(world: Any) -> None:
    generate()
    ids = [p.pk for p in partnerships()]
    rounds = SurveyRound.unscoped.filter(partnership_id__in=ids)
    assert rounds.filter(status=RoundStatus.OPEN).count() == len(ids)
    health = survey_health(ids)
    assert set(health) == set(ids) and all(0 <= h.score <= 100 for h in health.values())
    responses = SurveyResponse.unscoped.filter(round__in=rounds)
    events = AuditEvent.unscoped.filter(
        content_type__model="surveyresponse", object_id__in=responses.values("pk")
    )
    assert events.count() == responses.count()
    assert not events.exclude(actor=None).exists()
    assert {str(e.changes) for e in events} == {"{'answers': [None, 'withheld']}"}
