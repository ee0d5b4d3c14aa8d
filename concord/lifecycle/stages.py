"""The ISO 44001:2017 life cycle of a collaborative relationship, and each stage's entry
checklist: the rule, pure and without the database (services gather the `Facts`).

The eight stages are the standard's: 1 operational awareness, 2 knowledge, 3 internal assessment,
4 partner selection, 5 working together, 6 value creation, 7 staying together, 8 exit strategy
activation. The standard asks for the exit strategy early, so the exit plan is required before
working together (stage 5), not at the end.

The checklist is shared by both sides, so it reads only joint facts (parties, managers, the
vision, agreements, shared goals and meetings, the exit plan): nothing internal to one side —
not the buyer's segmentation or due diligence — may decide or reveal an item.

Moving on: to a stage whose entry items (and those of every stage passed over) are not all done,
or back to an earlier stage, a reason must be recorded.
"""

from dataclasses import dataclass
from enum import IntEnum


class Stage(IntEnum):
    OPERATIONAL_AWARENESS = 1
    KNOWLEDGE = 2
    INTERNAL_ASSESSMENT = 3
    PARTNER_SELECTION = 4
    WORKING_TOGETHER = 5
    VALUE_CREATION = 6
    STAYING_TOGETHER = 7
    EXIT_STRATEGY_ACTIVATION = 8

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS = {
    Stage.OPERATIONAL_AWARENESS: "Operational awareness",
    Stage.KNOWLEDGE: "Knowledge",
    Stage.INTERNAL_ASSESSMENT: "Internal assessment",
    Stage.PARTNER_SELECTION: "Partner selection",
    Stage.WORKING_TOGETHER: "Working together",
    Stage.VALUE_CREATION: "Value creation",
    Stage.STAYING_TOGETHER: "Staying together",
    Stage.EXIT_STRATEGY_ACTIVATION: "Exit strategy activation",
}
CHOICES = [(s.value, f"{s.value}. {s.label}") for s in Stage]


@dataclass(frozen=True)
class Facts:
    """What the checklist reads of a partnership (all of it joint)."""

    has_description: bool = False
    buyer_manager: bool = False
    supplier_joined: bool = False
    supplier_manager: bool = False
    vision_agreed: bool = False
    agreement_signed: bool = False
    exit_plan_complete: bool = False
    shared_goals: int = 0
    measured_goals: int = 0
    meetings_held: int = 0


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    done: bool


def _entry(stage: Stage, f: Facts) -> list[Item]:
    if stage == Stage.KNOWLEDGE:
        return [Item("description", "The partnership's purpose is described", f.has_description)]
    if stage == Stage.INTERNAL_ASSESSMENT:
        return [Item("buyer_manager", "The buying side has named its partnership manager", f.buyer_manager)]
    if stage == Stage.PARTNER_SELECTION:
        return [Item("supplier_joined", "The supplier organisation has joined", f.supplier_joined)]
    if stage == Stage.WORKING_TOGETHER:
        return [
            Item("vision_agreed", "The shared vision is agreed (signed by every party)", f.vision_agreed),
            Item("agreement_signed", "An agreement is signed", f.agreement_signed),
            Item(
                "managers",
                "Partnership managers are named on both sides",
                f.buyer_manager and f.supplier_manager,
            ),
            Item("exit_plan", "The exit plan is complete", f.exit_plan_complete),
        ]
    if stage == Stage.VALUE_CREATION:
        return [
            Item("shared_goals", "Shared goals are set", f.shared_goals > 0),
            Item("measured", "Shared goals are being measured", f.measured_goals > 0),
        ]
    if stage == Stage.STAYING_TOGETHER:
        return [Item("meetings_held", "Joint meetings have been held", f.meetings_held > 0)]
    if stage == Stage.EXIT_STRATEGY_ACTIVATION:
        return [Item("exit_plan", "The exit plan is complete", f.exit_plan_complete)]
    return []  # operational awareness: where every partnership starts


def entry_checklist(stage: Stage, facts: Facts) -> list[Item]:
    """What entering `stage` asks for, each item done or open."""
    return _entry(stage, facts)


def open_items(current: Stage, target: Stage, facts: Facts) -> list[Item]:
    """The open entry items of `target` and of every stage passed over on the way (each once)."""
    if target <= current:
        return []
    seen: dict[str, Item] = {}
    for stage in Stage:
        if current < stage <= target:
            for item in _entry(stage, facts):
                if not item.done:
                    seen.setdefault(item.key, item)
    return list(seen.values())


def reason_needed(current: Stage, target: Stage, facts: Facts) -> str | None:
    """Why a move from `current` to `target` needs a recorded reason, or None when it does not."""
    if target < current:
        return "Going back to an earlier stage needs a reason."
    missing = open_items(current, target, facts)
    if missing:
        names = "; ".join(i.label.lower() for i in missing)
        return f"Open items ({names}): record why you move on anyway."
    return None
