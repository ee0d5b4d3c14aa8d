"""The meetings and the decision log as spreadsheets: one row per meeting or decision of the
filtered list, in the list's order (core.exports does the writing, the chunks and the cap)."""

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

DECISION_COLUMNS = [
    Column("Id", lambda d: d.pk),
    Column("Decision", lambda d: d.text),
    Column("Rationale", lambda d: d.rationale),
    Column("Meeting", lambda d: d.meeting.title),
    Column("Meeting starts (UTC)", lambda d: d.meeting.starts_at),
    Column("Visibility", lambda d: d.meeting.visibility),
    Column("Goal", lambda d: d.goal.title if d.goal else None),
    Column("Demand", lambda d: d.demand.title if d.demand else None),
    Column("Recorded by", lambda d: person(d.recorded_by)),
    Column("Logged (UTC)", lambda d: d.created_at),
]
