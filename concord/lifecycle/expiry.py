"""When a due-diligence document counts as expired or expiring: the rule, pure.

A document is valid through its expiry date and expired from the day after; it is *expiring*
from EXPIRING_DAYS before that date. A document without an expiry date never expires.
"""

import datetime
from enum import StrEnum

EXPIRING_DAYS = 30


class Expiry(StrEnum):
    NONE = "none"  # no expiry date
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"


LABELS = {
    Expiry.NONE: "No expiry",
    Expiry.VALID: "Valid",
    Expiry.EXPIRING: "Expiring",
    Expiry.EXPIRED: "Expired",
}


def expiry(expires_on: datetime.date | None, today: datetime.date) -> Expiry:
    if expires_on is None:
        return Expiry.NONE
    if expires_on < today:
        return Expiry.EXPIRED
    if expires_on <= today + datetime.timedelta(days=EXPIRING_DAYS):
        return Expiry.EXPIRING
    return Expiry.VALID


def horizon(today: datetime.date) -> datetime.date:
    """The last expiry date that counts as expiring today (for set-based queries)."""
    return today + datetime.timedelta(days=EXPIRING_DAYS)


def review_due_on(last_assessed: datetime.date) -> datetime.date:
    """A segmentation is reviewed at least yearly: twelve months after the last assessment (29
    February falls back to 28 February)."""
    try:
        return last_assessed.replace(year=last_assessed.year + 1)
    except ValueError:
        return last_assessed.replace(year=last_assessed.year + 1, day=28)


def review_cutoff(today: datetime.date) -> datetime.date:
    """The latest assessment date whose review is due by `today` (review_due_on(d) <= today)."""
    try:
        cutoff = today.replace(year=today.year - 1)
    except ValueError:  # today is 29 February: a year earlier has none
        return today.replace(year=today.year - 1, day=28)
    leap_day = datetime.date(cutoff.year, 3, 1) - datetime.timedelta(days=1)
    if today.month == 2 and today.day == 28 and leap_day.day == 29:
        return leap_day  # an assessment of 29 February falls due on 28 February
    return cutoff
