"""The meetings as a spreadsheet: one row per meeting of the filtered list, in the list's order
(core.exports does the writing, the chunks and the cap)."""

from concord.core.exports import Column, label, person

MEETING_COLUMNS = [
    Column("Id", lambda m: m.pk),
    Column("Meeting", lambda m: m.title),
    Column("Kind", lambda m: label(m, "kind")),
    Column("Status", lambda m: label(m, "status")),
    Column("Starts (UTC)", lambda m: m.starts_at),
    Column("Minutes long", lambda m: m.duration_minutes),
    Column("Location", lambda m: m.location),
    Column("Owner", lambda m: m.owner.name),
    Column("Visibility", lambda m: m.visibility),
    Column("Organised by", lambda m: person(m.created_by)),
    Column("Attendees", lambda m: "; ".join(person(a.user) for a in m.attendance.all())),
]
