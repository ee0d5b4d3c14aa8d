"""A contingency plan as the steps of an action plan (pure): one step a non-empty line, with its
list marker ("- ", "* ", "1.", "2)") dropped, each cut to an item's 200 characters."""

import re

MAX_STEPS = 20
TITLE_LENGTH = 200
_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s*")


def steps(text: str) -> list[str]:
    """The steps of a contingency plan, in order."""
    found = []
    for line in text.splitlines():
        step = _MARKER.sub("", line, count=1).strip()
        if step:
            found.append(step[:TITLE_LENGTH])
    return found
