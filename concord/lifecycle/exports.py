"""The lifecycle lists as spreadsheets (core.exports): one row per record of the filtered list."""

from django.utils import timezone

from concord.core.exports import Column, label, person
from concord.lifecycle import expiry
from concord.lifecycle.stages import Stage

DILIGENCE_COLUMNS = [
    Column("Id", lambda i: i.pk),
    Column("Supplier", lambda i: i.supplier.name),
    Column("Check or document", lambda i: i.title),
    Column("Category", lambda i: label(i, "category")),
    Column("Status", lambda i: label(i, "status")),
    Column("Reference", lambda i: i.reference),
    Column("Issued", lambda i: i.issued_on),
    Column("Expires", lambda i: i.expires_on),
    Column("Expiry", lambda i: expiry.LABELS[expiry.expiry(i.expires_on, timezone.localdate())]),
    Column("Files", lambda i: i.files),
    Column("Note", lambda i: i.note),
]

SEGMENTATION_COLUMNS = [
    Column("Id", lambda s: s.pk),
    Column("Assessed", lambda s: s.assessed_on),
    Column("Quadrant", lambda s: label(s, "quadrant")),
    Column("Profit impact", lambda s: s.profit_impact),
    Column("Supply risk", lambda s: s.supply_risk),
    Column("Spend share", lambda s: s.spend_share),
    Column("Impact on quality and business", lambda s: s.business_impact),
    Column("Qualified suppliers", lambda s: s.qualified_suppliers),
    Column("Switching cost", lambda s: s.switching_cost),
    Column("Market scarcity", lambda s: s.market_scarcity),
    Column("Suggested relationship", lambda s: s.suggested_type),
    Column("Note", lambda s: s.note),
    Column("Assessed by", lambda s: person(s.created_by)),
]

STAGE_COLUMNS = [
    Column("Id", lambda c: c.pk),
    Column("On", lambda c: c.changed_on),
    Column("From", lambda c: Stage(c.from_stage).label),
    Column("To", lambda c: Stage(c.to_stage).label),
    Column("Open items then", lambda c: "; ".join(c.open_items)),
    Column("Reason", lambda c: c.reason),
    Column("By", lambda c: person(c.changed_by)),
]

PORTFOLIO_COLUMNS = [
    Column("Partnership", lambda s: s.partnership.name),
    Column("Assessed", lambda s: s.assessed_on),
    Column("Profit impact", lambda s: s.profit_impact),
    Column("Supply risk", lambda s: s.supply_risk),
    Column("Quadrant", lambda s: label(s, "quadrant")),
    Column("Relationship type", lambda s: label(s.partnership, "relationship_type")),
    Column("Suggested relationship", lambda s: s.suggested_type),
]
