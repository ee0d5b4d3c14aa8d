"""Demo agreement: the bioprocess partnership's master supply agreement, in negotiation after the
vision was agreed. Clauses were pasted as Markdown; most support an objective, the exclusivity
clause supports none (an orphan the traceability view flags), and two clauses carry positions."""

import datetime

from concord.access.roles import Visibility
from concord.accounts.models import User
from concord.agreements import parsing, services
from concord.agreements.models import AgreementKind
from concord.partnerships.models import Partnership
from concord.vision.models import Objective

CLAUSES = """## 1 Scope
Aurora supplies single-use bioreactor bags, tubing assemblies and depth filters to Helix sites in
Basel and Leiden.

## 2 Supply security and safety stock
Aurora holds a consignment safety stock of eight weeks of forecast demand and qualifies a second
film line so that no batch is lost to a stock-out.

## 3 Price and cost reduction
Prices are fixed for 2027. From 2028, cost savings from process improvements are shared equally and
lower the total cost per batch.

## 4 Joint development of the 3,000 L bag
The parties co-develop the 3,000 L bag with a joint design freeze in 2027; Helix is launch customer.

## 5 Exclusivity
Helix buys all single-use bags for new lines from Aurora for the term of the agreement.
"""
# clause number -> objective codes it supports (O1 supply security, O2 cost, O3 co-development)
LINKS = {"1": ["O1"], "2": ["O1"], "3": ["O2"], "4": ["O3"]}


def build(*, clara: User, sam: User, partnership: Partnership) -> None:
    agreement = services.agreement_create(
        actor=clara,
        partnership=partnership,
        kind=AgreementKind.CONTRACT,
        title="Master supply agreement 2027–2029",
        reference="HX-MSA-2027-004",
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2029, 12, 31),
        renewal_notice_date=datetime.date(2029, 6, 30),
    )
    clauses = services.clauses_import(
        actor=sam, agreement=agreement, parsed=parsing.split_text(CLAUSES).clauses
    )
    codes = {o.code: o.pk for o in Objective.unscoped.filter(partnership=partnership)}
    for clause in clauses:
        if clause.number in LINKS:
            services.clause_update(
                actor=sam,
                clause=clause,
                version=None,
                objective_ids=[codes[c] for c in LINKS[clause.number] if c in codes],
            )
    agreement = services.agreement_move(actor=clara, agreement=agreement, to="negotiation", version=None)
    by_number = {c.number: c for c in clauses}
    services.clause_update(actor=clara, clause=by_number["1"], version=None, negotiation_status="agreed")
    price, exclusivity = by_number["3"], by_number["5"]
    services.clause_update(actor=sam, clause=price, version=None, negotiation_status="disputed")
    services.note_add(
        actor=sam,
        clause=price,
        body="Equal sharing from 2028 works only with a three-year volume commitment.",
    )
    services.note_add(actor=clara, clause=price, body="We can commit 70 % of forecast volume, not 100 %.")
    services.note_add(
        actor=clara,
        clause=price,
        body="Internal: accept 80 % if the safety stock clause stays as written.",
        visibility=Visibility.INTERNAL,
    )
    services.note_add(
        actor=clara,
        clause=exclusivity,
        body="Which shared objective does exclusivity serve? It is not in our vision.",
    )
