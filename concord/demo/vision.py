"""Demo Shared Vision: a revealed round on the bioprocess partnership that shows real
misalignment (Helix weighs cost and supply security, Aurora growth and innovation), and an open,
still-blind round on the cold-chain partnership where only Helix has submitted."""

from typing import Any

from concord.accounts.models import User
from concord.partnerships.models import Partnership
from concord.vision import services
from concord.vision.models import SubmissionRound

HELIX = {
    "outcomes": [
        {"outcome": "No batch lost to a bag or filter shortage", "measure": "Zero stock-outs over 24 months"},
        {"outcome": "Lower total cost of single-use consumables", "measure": "−8 % cost per batch by 2028"},
        {
            "outcome": "Second validated film line for resilience",
            "measure": "Dual-site qualification by Q4 2027",
        },
    ],
    "priorities": {
        "Cost": 35,
        "Quality": 25,
        "Risk & resilience": 25,
        "Speed / time-to-market": 5,
        "Service level": 10,
    },
    "prediction": {"Growth / market access": 40, "Cost": 30, "Innovation": 20, "Quality": 10},
    "ways": {
        "cadence": "weekly",
        "response_time": "two_days",
        "reporting": "monthly",
        "escalation": "early",
        "contract_length": "2_3y",
        "decision_style": "joint_committee",
    },
    "ways_note": "Weekly calls during the 2027 scale-up, then fortnightly.",
}
AURORA = {
    "outcomes": [
        {
            "outcome": "Become Helix's partner for filtration as well as bags",
            "measure": "Filtration share of wallet above 50 % by 2028",
        },
        {"outcome": "Co-develop the next-generation 3,000 L bag", "measure": "Joint design freeze in 2027"},
    ],
    "priorities": {
        "Growth / market access": 35,
        "Innovation": 25,
        "Cost": 10,
        "Quality": 15,
        "Speed / time-to-market": 15,
    },
    "prediction": {"Cost": 50, "Quality": 30, "Risk & resilience": 20},
    "ways": {
        "cadence": "monthly",
        "response_time": "one_week",
        "reporting": "quarterly",
        "escalation": "threshold",
        "contract_length": "5y_plus",
        "decision_style": "joint_committee",
    },
}


def _answer(actor: User, round_: SubmissionRound, answers: dict[str, Any]) -> None:
    saved = services.submission_save(
        actor=actor,
        round_=round_,
        outcomes=answers["outcomes"],
        priorities=answers["priorities"],
        prediction=answers["prediction"],
        ways=answers["ways"],
    )
    services.submission_submit(actor=actor, submission=saved, version=saved.version)


def build(*, clara: User, sam: User, bioprocess: Partnership, cold_chain: Partnership) -> None:
    first = services.round_open(actor=clara, partnership=bioprocess)
    _answer(clara, first, HELIX)
    _answer(sam, first, AURORA)
    services.round_reveal(actor=clara, round_=first)
    blind = services.round_open(actor=clara, partnership=cold_chain)
    _answer(clara, blind, {**HELIX, "prediction": {"Service level": 60, "Cost": 40}})


PURPOSE = (
    "Helix and Aurora secure the single-use supply behind Helix's biologics pipeline and grow it "
    "together: no batch lost for want of a bag or a filter, a lower total cost per batch, and a "
    "next-generation 3,000 L bag designed jointly."
)
OBJECTIVES = [
    ("Secure supply", "Zero stock-outs of validated bags and filters; dual-site qualification by Q4 2027."),
    ("Lower total cost per batch", "−8 % cost of single-use consumables per batch by 2028."),
    ("Co-develop the 3,000 L bag", "Joint design freeze in 2027, Helix as launch customer."),
]


def agree_vision(*, clara: User, sam: User, partnership: Partnership) -> None:
    """Write, give objectives to and jointly sign the bioprocess partnership's vision."""
    from concord.vision.services import document

    first = document.vision_edit(
        actor=clara,
        partnership=partnership,
        base=None,
        sections={
            "purpose": PURPOSE,
            "outcomes": "**Helix:** supply security and cost.\n\n**Aurora:** growth into filtration and "
            "joint innovation.",
            "behaviours": "- Bad news travels fast: supply risks are raised within 48 hours.\n"
            "- Decisions in the joint steering committee, minuted in Concord.",
        },
    )
    number = first.number
    for title, description in OBJECTIVES:
        document.objective_add(
            actor=sam, partnership=partnership, base=number, title=title, description=description
        )
        number += 1
    document.vision_sign(actor=clara, partnership=partnership, number=number)
    document.vision_sign(actor=sam, partnership=partnership, number=number)
