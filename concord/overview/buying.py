"""The buying side's own home page sections: its checks on suppliers (due diligence, Kraljic
reviews) and the scores it awaits in partner selection. Both read records internal to the buyer
(rules Member/Record and OrgInternal): the supplier never sees them, nor their count."""

import datetime

from django.db.models import F
from django.urls import reverse

from concord.accounts.models import User
from concord.lifecycle import selectors as lifecycle
from concord.lifecycle.expiry import review_due_on
from concord.overview.lines import LIMIT, Line, Section, bounded, due_text
from concord.selection.selectors import awaiting_scores


def checks_section(actor: User, today: datetime.date) -> Section:
    """The buying side's own checks (internal: only its members read them, rule Member and
    Record): supplier documents expired or expiring within 30 days, and Kraljic segmentations a
    year old or more. Two queries for the documents' bounded rows and total, two for the reviews."""
    found = bounded(lifecycle.attention_items(actor=actor, today=today), partnership="supplier_id")
    lines = []
    for item in found.rows:
        when, late = due_text(item.expires_on, today, "expires")
        lines.append(
            Line(
                item.title,
                0,
                item.supplier.name,
                when.replace("overdue", "ago"),
                reverse("diligence-item", args=[item.pk]),
                late,
            )
        )
    reviews = lifecycle.reviews_due_query(actor=actor, today=today)
    due = list(reviews[: max(LIMIT - len(lines), 0)])
    for r in due:
        day = review_due_on(r["last"])
        lines.append(
            Line(
                "Kraljic re-segmentation review",
                r["partnership_id"],
                r["partnership__name"],
                due_text(day, today)[0],
                reverse("lifecycle", args=[r["partnership_id"]]) + "#segmentation",
                True,
            )
        )
    total = found.total + reviews.count()
    return Section(
        "checks", "Supplier checks: documents expiring, reviews due", lines, total, capped=found.capped
    )


def scores_section(actor: User) -> Section:
    """Open needs of my organisations with candidates I have not scored on every criterion (the
    need is internal to the buying side, rule OrgInternal: the supplier never sees it). One query."""
    # The most urgent first: the earliest "needed by", then the oldest need.
    urgent = (F("needed_by").asc(nulls_last=True), "created_at", "pk")
    found = bounded(
        awaiting_scores(actor=actor).select_related("owner").order_by(*urgent), partnership="owner_id"
    )
    lines = []
    for need in found.rows:
        left = need.cells - need.given
        when = f"{left} of {need.cells} scores to give"
        if need.needed_by:
            when += f"; partner needed by {need.needed_by:%d %b %Y}"
        url = reverse("selection-scores", args=[need.pk])
        lines.append(Line(need.title, 0, need.owner.name, when, url))
    return Section.of(
        "scores",
        "Scores awaited from you",
        lines,
        found,
        reverse("selection-needs") + "?status=open",
    )
