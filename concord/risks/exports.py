"""The risk register as a spreadsheet: one row per risk of the filtered list, in the list's order
(core.exports does the writing); reads only what the list's selector selected."""

from concord.core.exports import Column, label, person

RISK_COLUMNS = [
    Column("Id", lambda r: r.pk),
    Column("Risk", lambda r: r.title),
    Column("Category", lambda r: label(r, "category")),
    Column("Likelihood", lambda r: r.likelihood),
    Column("Impact", lambda r: r.impact),
    Column("Score", lambda r: r.score),
    Column("Band", lambda r: r.band),
    Column("Status", lambda r: label(r, "status")),
    Column("Owner", lambda r: person(r.owner_person)),
    Column("Owner party", lambda r: r.owner_party.name),
    Column("Next review", lambda r: r.next_review_on),
    Column("Review overdue", lambda r: "yes" if r.review_overdue else "no"),
    Column("Mitigation", lambda r: r.mitigation),
    Column("Contingency plan", lambda r: r.contingency),
    Column("Trigger", lambda r: r.trigger),
    Column("Fired on", lambda r: r.fired_on),
    Column("Recorded by", lambda r: r.owner.name),
    Column("Visibility", lambda r: r.visibility),
]
