"""Whether a decision lies within a decision right, pure: a committee decides within one of its
own rights and not above its value limit; the partnership managers decide without a committee's
right (their mandate is the agreement's)."""

from decimal import Decimal

COMMITTEE_NEEDED = "Choose the committee that decided."
RIGHT_NEEDED = "Choose the decision right it was taken under."
NOT_ITS_RIGHT = "Choose one of this committee's decision rights."
NO_COMMITTEE = "Decisions of the partnership managers are taken without a committee or its right."
VALUE_NEEDED = "Give the value involved: this right has a value limit."


def over_limit(limit: Decimal) -> str:
    return f"Above this right's limit of {limit:,.2f}: take it to a committee with a higher limit."


def right_problems(
    *,
    decided_by: str,
    committee_id: int | None,
    right_committee_id: int | None,
    has_right: bool,
    limit: Decimal | None,
    value: Decimal | None,
) -> dict[str, str]:
    """Field errors ({} when sound)."""
    if decided_by != "committee":
        if committee_id is not None or has_right:
            return {"committee": NO_COMMITTEE}
        return {}
    if committee_id is None:
        return {"committee": COMMITTEE_NEEDED}
    if not has_right:
        return {"right": RIGHT_NEEDED}
    if right_committee_id != committee_id:
        return {"right": NOT_ITS_RIGHT}
    if limit is not None and value is None:
        return {"value": VALUE_NEEDED}
    if limit is not None and value is not None and value > limit:
        return {"value": over_limit(limit)}
    return {}
