"""The demo workspace's Reviews tab: a closed survey round whose results and perception gaps show
on both sides, an open one, a signed review with both narratives and an improvement action."""

from typing import Any

from concord.accounts.models import User
from concord.reviews import selectors
from concord.reviews.models import Review, ReviewStatus, RoundStatus, SurveyRound


def test_the_demo_reviews(world: Any) -> None:
    from concord.demo import workspace

    workspace.build()
    clara = User.objects.get(email="clara@helix.example")
    closed = SurveyRound.unscoped.get(status=RoundStatus.CLOSED, title__startswith="Q3 2026")
    results = selectors.round_results(actor=clara, round_=closed)
    assert all(side.shown for side in results.sides.values()) and results.score is not None
    responsiveness = next(r for r in results.rows() if r["key"] == "responsiveness")
    assert (
        responsiveness["supplier_gap"] is not None and responsiveness["supplier_gap"] < 0
    )  # they thought better
    assert SurveyRound.unscoped.filter(partnership=closed.partnership, status=RoundStatus.OPEN).count() == 1
    review = Review.unscoped.get(partnership=closed.partnership)
    assert review.status == ReviewStatus.SIGNED and review.narrative_buyer and review.narrative_supplier
    assert review.snapshot["survey"]["round_id"] == closed.pk
    assert len(selectors.action_items(actor=clara, review=review)) == 1
