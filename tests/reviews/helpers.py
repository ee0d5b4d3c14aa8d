"""Survey rounds for the Reviews tests: draft, open, answer as personas, close."""

from typing import Any

from concord.reviews.models import SurveyRound
from concord.reviews.services import survey
from tests.world import World, soon

KEYS = ["trust", "communication", "alignment", "responsiveness", "value", "innovation", "fairness"]


def answers(is_: int, other: int, comment: str = "") -> dict[str, Any]:
    return {k: {"is": is_, "other": other, "comment": comment} for k in KEYS}


def open_round(world: World, threshold: int = 2, title: str = "Q3 2026") -> SurveyRound:
    lead = world.user("buyer_lead")
    found = survey.round_create(
        actor=lead, partnership=world.partnership, title=title, closes_on=soon(10), min_respondents=threshold
    )
    return survey.round_open(actor=lead, round_=found, version=found.version)


def closed_round(
    world: World, given: dict[str, tuple[int, int]], threshold: int = 2, title: str = "Q3 2026"
) -> SurveyRound:
    """A round answered by `given` personas ({persona: (how it is, what the other side will say)})
    and closed by the buyer lead."""
    found = open_round(world, threshold, title)
    for persona, (is_, other) in given.items():
        survey.response_save(
            actor=world.user(persona), round_=found, answers=answers(is_, other, f"{persona} says")
        )
    found.refresh_from_db()
    return survey.round_close(actor=world.user("buyer_lead"), round_=found, version=found.version)


BOTH = {"buyer_lead": (4, 3), "buyer_viewer": (2, 3), "supplier_lead": (5, 2), "supplier_member": (3, 4)}
