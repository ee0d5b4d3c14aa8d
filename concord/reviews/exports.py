"""The Reviews tab's lists as spreadsheets (core.exports does the writing); each reads only what
its list's selector selected. Survey rounds carry counts and per-side results only — never an
answer."""

from concord.core.exports import Column, label, person

ROUND_COLUMNS = [
    Column("Id", lambda r: r.pk),
    Column("Round", lambda r: r.title),
    Column("Status", lambda r: label(r, "status")),
    Column("Opened", lambda r: r.opened_on),
    Column("Closes", lambda r: r.closes_on),
    Column("Closed", lambda r: r.closed_on),
    Column("Minimum respondents a side", lambda r: r.min_respondents),
    Column("Respondents", lambda r: r.answered),
    Column("Dimensions", lambda r: "; ".join(d["label"] for d in r.dimensions)),
]

REVIEW_COLUMNS = [
    Column("Id", lambda r: r.pk),
    Column("Review", lambda r: r.title),
    Column("From", lambda r: r.period_from),
    Column("To", lambda r: r.period_to),
    Column("Status", lambda r: label(r, "status")),
    Column("Buyer signed by", lambda r: person(r.buyer_signed_by) if r.buyer_signed_by else ""),
    Column("Buyer signed on", lambda r: r.buyer_signed_on),
    Column("Supplier signed by", lambda r: person(r.supplier_signed_by) if r.supplier_signed_by else ""),
    Column("Supplier signed on", lambda r: r.supplier_signed_on),
]
