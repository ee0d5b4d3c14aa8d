"""A person's notifications as a spreadsheet: one row per notification of the filtered list,
newest first (core.exports does the writing, the chunks and the cap)."""

from typing import Any

from concord.core.exports import Column
from concord.notifications.models import NotificationKind


def _about(kind: str) -> str:
    try:
        return str(NotificationKind(kind).label)
    except ValueError:
        return kind


def _partnership(n: Any) -> str:
    return n.partnership.name if n.partnership else ""


NOTIFICATION_COLUMNS = [
    Column("Id", lambda n: n.pk),
    Column("When (UTC)", lambda n: n.created_at),
    Column("About", lambda n: _about(n.kind)),
    Column("Partnership", _partnership),
    Column("Text", lambda n: n.text),
    Column("Link", lambda n: n.url),
    Column("Read (UTC)", lambda n: n.read_at),
    Column("Emailed (UTC)", lambda n: n.emailed_at),
]
