"""The RACI matrix's rules, pure: exactly one Accountable and at least one Responsible per
activity; a person who left their organisation is flagged wherever they hold a role.

Why these rules: an activity with two people accountable has none in practice (each waits for
the other), and one with nobody responsible is not done. The matrix is shown with its problems,
never refused: a partnership mid-reorganisation must still be able to write down where it is.
"""

from collections.abc import Iterable
from dataclasses import dataclass

ACCOUNTABLE, RESPONSIBLE = "A", "R"


@dataclass(frozen=True)
class Cell:
    person_id: int
    role: str  # R, A, C or I
    left: bool = False  # the person no longer belongs to the organisation they stand for


@dataclass(frozen=True)
class Problem:
    activity_id: int
    text: str


def activity_problems(activity_id: int, cells: Iterable[Cell], names: dict[int, str]) -> list[Problem]:
    """What is wrong with one activity's row (an empty list when it is sound)."""
    cells = list(cells)
    accountable = [c for c in cells if c.role == ACCOUNTABLE]
    found = []
    if not accountable:
        found.append(Problem(activity_id, "Nobody is accountable: name exactly one person."))
    elif len(accountable) > 1:
        who = ", ".join(names.get(c.person_id, "?") for c in accountable)
        found.append(
            Problem(activity_id, f"{len(accountable)} people are accountable ({who}): name exactly one.")
        )
    if not any(c.role == RESPONSIBLE for c in cells):
        found.append(Problem(activity_id, "Nobody is responsible: name at least one person."))
    for cell in cells:
        if cell.left:
            found.append(
                Problem(
                    activity_id,
                    f"{names.get(cell.person_id, '?')} has left their organisation but is still {cell.role}.",
                )
            )
    return found


def matrix_problems(rows: dict[int, list[Cell]], names: dict[int, str]) -> dict[int, list[Problem]]:
    """The problems of every activity (key: activity id); activities without problems are left out."""
    found = {}
    for activity_id, cells in rows.items():
        problems = activity_problems(activity_id, cells, names)
        if problems:
            found[activity_id] = problems
    return found


# The activities a strategic partnership starts with (editable): ISO 44001's working-together and
# value-creation stages, and the practices of the seeds (reviews, demands, issues, risks).
DEFAULT_ACTIVITIES = (
    "Maintain the shared vision",
    "Set and track joint goals and KPIs",
    "Run quarterly business reviews",
    "Answer demands and keep commitments",
    "Resolve issues and escalations",
    "Manage partnership risks",
    "Approve changes to the agreement",
    "Drive continuous improvement",
)
