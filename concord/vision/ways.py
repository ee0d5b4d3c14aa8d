"""Ways-of-working expectations: pick lists, ordered where an order means something, so that a
mismatch can be stated plainly ("Buyer expects weekly updates, supplier plans monthly")."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Question:
    key: str
    label: str
    choices: tuple[tuple[str, str], ...]  # (value, phrase used in sentences)
    verb: str  # how a party's answer reads: "expects {phrase} updates"


QUESTIONS: tuple[Question, ...] = (
    Question(
        "cadence",
        "Communication cadence",
        (
            ("weekly", "weekly"),
            ("fortnightly", "fortnightly"),
            ("monthly", "monthly"),
            ("quarterly", "quarterly"),
        ),
        "{party} expects {phrase} updates",
    ),
    Question(
        "response_time",
        "Response time to demands",
        (
            ("same_day", "a same-day"),
            ("two_days", "a two-day"),
            ("one_week", "a one-week"),
            ("two_weeks", "a two-week"),
        ),
        "{party} expects {phrase} response to demands",
    ),
    Question(
        "reporting",
        "Reporting frequency",
        (("weekly", "weekly"), ("monthly", "monthly"), ("quarterly", "quarterly"), ("yearly", "yearly")),
        "{party} wants {phrase} reports",
    ),
    Question(
        "escalation",
        "Escalation preference",
        (
            ("early", "early, informal"),
            ("threshold", "formal, at agreed thresholds"),
            ("executive", "executive-level only"),
        ),
        "{party} prefers {phrase} escalation",
    ),
    Question(
        "contract_length",
        "Contract length",
        (
            ("1y", "a one-year"),
            ("2_3y", "a two-to-three-year"),
            ("3_5y", "a three-to-five-year"),
            ("5y_plus", "a five-year-plus"),
        ),
        "{party} wants {phrase} contract",
    ),
    Question(
        "decision_style",
        "Decision style",
        (
            ("consensus", "consensus"),
            ("joint_committee", "joint-committee"),
            ("lead_decides", "lead-party"),
            ("data_driven", "data-driven"),
        ),
        "{party} prefers {phrase} decisions",
    ),
)
BY_KEY = {q.key: q for q in QUESTIONS}


def phrase(key: str, value: str) -> str:
    return dict(BY_KEY[key].choices).get(value, value)


def validate(ways: dict[str, str]) -> dict[str, list[str]]:
    """Field errors for unknown questions or answers; blank answers are allowed until submit."""
    errors: dict[str, list[str]] = {}
    for key, value in ways.items():
        question = BY_KEY.get(key)
        if question is None:
            errors[f"ways.{key}"] = ["Unknown question."]
        elif value and value not in dict(question.choices):
            errors[f"ways.{key}"] = [f"Choose one of: {', '.join(v for v, _ in question.choices)}."]
    return errors
