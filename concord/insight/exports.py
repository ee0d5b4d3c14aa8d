"""The installed base, the customer's goals, the portfolio and the proposals as spreadsheets: one
row per record of the filtered list (core.exports does the writing). The installed base's columns
are the import's; the supplier's notes are written only for the supplier."""

from collections.abc import Callable
from typing import Any

from concord.core.exports import Column, label, person
from concord.insight.models import Proposal


def _latest_answer(proposal: Proposal, read: Callable[[Any], Any]) -> Any:
    answers = list(proposal.demand.answers.all())  # prefetched in the reader's scope
    return read(answers[-1]) if answers else None


def item_columns(with_notes: bool) -> list[Column]:
    columns = [
        Column("technology", lambda i: i.technology),
        Column("make", lambda i: i.make),
        Column("model", lambda i: i.model),
        Column("version", lambda i: i.item_version),
        Column("quantity", lambda i: i.quantity),
        Column("site", lambda i: i.site),
        Column("installed_on", lambda i: i.installed_on),
        Column("status", lambda i: i.status),
        Column("end_of_support_on", lambda i: i.end_of_support_on),
    ]
    if with_notes:
        columns.append(Column("notes", lambda i: i.notes))
    return [*columns, Column("visibility", lambda i: i.visibility)]


def goal_columns(with_notes: bool) -> list[Column]:
    columns = [
        Column("Id", lambda g: g.pk),
        Column("Kind", lambda g: label(g, "kind")),
        Column("Title", lambda g: g.title),
        Column("Theme", lambda g: label(g, "theme")),
        Column("Importance", lambda g: g.importance),
        Column("Shared goal", lambda g: g.goal.title if g.goal else ""),
        Column("Vision objective", lambda g: str(g.objective) if g.objective else ""),
        Column("Visibility", lambda g: g.visibility),
    ]
    return [*columns, Column("Notes", lambda g: g.notes)] if with_notes else columns


OFFERING_COLUMNS = [
    Column("Id", lambda o: o.pk),
    Column("Name", lambda o: o.name),
    Column("Category", lambda o: o.category),
    Column("Tags", lambda o: o.tags),
    Column("Replaces", lambda o: o.replaces),
    Column("Compatible with", lambda o: o.compatible_with),
    Column("Incompatible with", lambda o: o.incompatible_with),
    Column("Prerequisites", lambda o: o.prerequisites),
    Column("Benefits", lambda o: ", ".join(o.themes or [])),
    Column("Cost band", lambda o: label(o, "cost_band")),
    Column("Lead time (days)", lambda o: o.lead_time_days),
    Column("Available from", lambda o: o.available_from),
    Column("Available until", lambda o: o.available_until),
    Column("Lifecycle", lambda o: label(o, "lifecycle")),
    Column("Description", lambda o: o.description),
]

PROPOSAL_COLUMNS = [
    Column("Id", lambda p: p.pk),
    Column("Offering", lambda p: p.offering_name),
    Column("Proposal", lambda p: p.demand.title),
    Column("Proposed by", lambda p: p.owner.name),
    Column("Proposed by person", lambda p: person(p.created_by)),
    Column("Proposed on", lambda p: p.created_at),
    Column("Answer", lambda p: label(p.demand, "status")),
    Column("Why", lambda p: _latest_answer(p, lambda a: a.rationale)),
    Column("Answered on", lambda p: _latest_answer(p, lambda a: a.created_at)),
]
