"""What a resolution (or a decision) may cite, pure: the objectives of the vision in force and the
guiding principles of its latest revision, as (value, label, text) choices — "objective:<id>" or
"principle:<name>". The text is what the issue keeps and shows once resolved."""

from collections.abc import Iterable
from typing import Any

from concord.governance.principles import parse

OBJECTIVE, PRINCIPLE = "objective", "principle"


def choices(objectives: Iterable[Any], principles_section: str) -> list[tuple[str, str, str]]:
    found = []
    for objective in objectives:
        text = f"{objective.code} {objective.title}"
        if objective.description:
            text += f": {objective.description}"
        found.append((f"{OBJECTIVE}:{objective.pk}", f"Objective {objective.code} {objective.title}", text))
    for principle in parse(principles_section):
        found.append((f"{PRINCIPLE}:{principle.name}", f"Principle: {principle.name}", principle.text))
    return found


def principle_names(found: list[tuple[str, str, str]]) -> list[str]:
    return [value.partition(":")[2] for value, _, _ in found if value.startswith(f"{PRINCIPLE}:")]
