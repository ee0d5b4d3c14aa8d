"""Vision use cases: blind rounds (rounds.py) and the vision document (document.py)."""

from concord.vision.services.rounds import (
    round_open,
    round_reveal,
    submission_save,
    submission_submit,
)

__all__ = ["round_open", "round_reveal", "submission_save", "submission_submit"]
