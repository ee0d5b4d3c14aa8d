"""Walk every named page URL for every persona and assert the answer.

A URL added without an entry in PAGES fails `test_every_page_is_covered`, so new pages are covered
automatically, not by remembering.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver

from tests.world import PERSONAS, World

ALL = "*"
LOGIN = 302  # login_required sends anonymous visitors to the sign-in page
Kw = Callable[[World], dict[str, Any]]


def _token(w: World) -> str:
    return signing.dumps({"i": w.pending_invitation.pk}, salt="concord.invitation")


def _unsubscribe(w: World) -> dict[str, Any]:
    person = w.user("supplier_lead").pk
    return {"token": signing.dumps([person, "demand_raised"], salt="concord.unsubscribe", compress=True)}


def _p(w: World) -> dict[str, Any]:
    return {"pk": w.partnership.pk}


def _a(w: World) -> dict[str, Any]:
    return {"pk": w.agreement.pk}


def _c(w: World) -> dict[str, Any]:
    return {"pk": w.clause.pk}


def _g(w: World) -> dict[str, Any]:
    return {"pk": w.goal_internal.pk}


def _d(w: World) -> dict[str, Any]:
    return {"pk": w.demand.pk}


def _k(w: World) -> dict[str, Any]:
    return {"pk": w.commitment.pk}


def _m(w: World) -> dict[str, Any]:
    return {"pk": w.meeting.pk}


def _s(w: World) -> dict[str, Any]:
    return {"pk": w.scorecard.pk}


def _o(w: World) -> dict[str, Any]:
    return {"pk": w.buyer.pk}


def _i(w: World) -> dict[str, Any]:
    return {"pk": w.diligence_item.pk}


def _version(w: World) -> int:
    from concord.partnerships.models import Partnership

    return Partnership.unscoped.get(pk=w.partnership.pk).version


def _pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.world import PDF

    return SimpleUploadedFile("policy.pdf", PDF)


def _offer(w: World) -> dict[str, Any]:
    return {"pk": w.partnership.pk, "offering": w.offering.pk}


# Customer insight: only the supplier's people; the buyer is refused (403), others see nothing.
_SUPPLIER_READS = {"anon": LOGIN, "outsider": 404, "buyer_lead": 403, "buyer_viewer": 403, ALL: 200}
_SUPPLIER_ONLY = {"anon": LOGIN, "supplier_lead": 200, "supplier_member": 200, ALL: 404}


def _n(w: World) -> dict[str, Any]:
    return {"pk": w.need.pk}


BUYER_READS = {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}
BUYER_WRITES = {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404}

# name: (method, kwargs, {persona: status}, POST data)
PAGES: dict[str, tuple[str, Kw, dict[str, int], Any]] = {
    "portfolio": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "home": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "login": ("GET", lambda w: {}, {"anon": 200, ALL: 302}, {}),
    "health": ("GET", lambda w: {}, {ALL: 200}, {}),  # public: the load balancer's check
    "logout": ("POST", lambda w: {}, {ALL: 302}, {}),
    "password_reset": ("GET", lambda w: {}, {ALL: 200}, {}),
    "password_reset_done": ("GET", lambda w: {}, {ALL: 200}, {}),
    "password_reset_confirm": (
        "GET",
        lambda w: {"uidb64": "MQ", "token": "bad-token"},
        {ALL: 200},
        {},
    ),
    "password_reset_complete": ("GET", lambda w: {}, {ALL: 200}, {}),
    # Without a right password first, the code step sends everyone back to signing in.
    "login-code": ("GET", lambda w: {}, {ALL: LOGIN}, {}),
    "password_change": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "password_change_done": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "two-factor": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    # Nobody in the world has two-factor sign-in on: nothing to renew or turn off (409).
    "two-factor-backup-codes": ("POST", lambda w: {}, {"anon": LOGIN, ALL: 409}, {}),
    "two-factor-off": ("POST", lambda w: {}, {"anon": LOGIN, ALL: 409}, {"code": "123456"}),
    "tokens": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "preferences": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "token-revoke": (
        "POST",
        lambda w: {"pk": w.lead_token.pk},
        {"anon": LOGIN, "buyer_lead": 302, ALL: 404},
        {},
    ),
    "organisation-list": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "organisation-create": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "organisation-detail": (
        "GET",
        lambda w: {"pk": w.buyer.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "organisation-edit": (
        "GET",
        lambda w: {"pk": w.buyer.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "organisation-history": (
        "GET",
        lambda w: {"pk": w.buyer.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "organisation-export": (
        "GET",
        lambda w: {"pk": w.buyer.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "organisation-invite": (
        "GET",
        lambda w: {"pk": w.buyer.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "member-role": (
        "POST",
        lambda w: {"pk": w.buyer.pk, "member_id": w.viewer_membership.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"role": "member"},
    ),
    "member-remove": (
        "POST",
        lambda w: {"pk": w.buyer.pk, "member_id": w.viewer_membership.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "member-erase": (
        "GET",
        lambda w: {"pk": w.buyer.pk, "member_id": w.viewer_membership.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "invitation-revoke": (
        "POST",
        lambda w: {"pk": w.pending_invitation.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "invitation-accept": ("GET", lambda w: {"token": _token(w)}, {ALL: 200}, {}),
    "partnership-create": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "partnership-detail": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "partnership-tab": (
        "GET",
        lambda w: {"pk": w.partnership.pk, "tab": "goals"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "partnership-edit": (
        "GET",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 200},
        {},
    ),
    "partnership-history": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "partnership-invite": (
        "GET",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_lead": 200, ALL: 403},
        {},
    ),
    "party-manager": (
        "POST",
        lambda w: {"pk": w.partnership.pk, "party_id": w.partnership.parties.get(side="buyer").pk},
        {"anon": LOGIN, "outsider": 404, "buyer_lead": 302, ALL: 403},
        {"manager": ""},
    ),
    "note-create": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"body": "hello", "visibility": "shared"},
    ),
    "note-edit": (
        "GET",
        lambda w: {"pk": w.buyer_internal.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "note-delete": (
        "POST",
        lambda w: {"pk": w.buyer_internal.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"version": "1"},
    ),
    "note-history": (
        "GET",
        lambda w: {"pk": w.buyer_internal.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "vision": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "vision-round-open": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {"dimensions": "Cost\nSpeed"},
    ),
    "vision-round": ("GET", lambda w: {"pk": w.round.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "vision-answers": (
        "POST",
        lambda w: {"pk": w.round.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 422},
        {},
    ),
    "vision-reveal": (
        "POST",
        lambda w: {"pk": w.round.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {},
    ),
    # Before reveal there is no report to download: 409 for the parties, 404 for outsiders.
    "vision-report-md": ("GET", lambda w: {"pk": w.round.pk}, {"anon": LOGIN, "outsider": 404, ALL: 409}, {}),
    "vision-edit": ("GET", _p, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200}, {}),
    "vision-objective-add": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"title": "X", "base": "1"},
    ),
    "vision-sign": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_lead": 302, "supplier_lead": 302, ALL: 403},
        {"revision": "1"},
    ),
    "vision-diff": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "vision-export-md": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "vision-export-pdf": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "vision-report-pdf": (
        "GET",
        lambda w: {"pk": w.round.pk},
        {"anon": LOGIN, "outsider": 404, ALL: 409},
        {},
    ),
    "vision-comment-add": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"section": "purpose", "body": "Sharper, please", "visibility": "shared"},
    ),
    # The buyer's internal comment: the supplier side may not learn it exists.
    "vision-comment-resolve": (
        "POST",
        lambda w: {"pk": w.comment_internal.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"version": "1", "resolved": "1"},
    ),
    "agreements": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "agreements-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "agreement": ("GET", _a, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "agreement-edit": ("GET", _a, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200}, {}),
    "agreement-move": (
        "POST",
        _a,
        {"anon": LOGIN, "outsider": 404, "buyer_lead": 302, "supplier_lead": 302, ALL: 403},
        {"version": "1", "to": "negotiation", "override_reason": "The old contract ends."},
    ),
    "agreement-history": ("GET", _a, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "clause-add": (
        "POST",
        _a,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"number": "2", "heading": "Lead times", "text": "Six weeks."},
    ),
    "clauses-import": ("GET", _a, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200}, {}),
    "agreement-traceability": ("GET", _a, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "clause": ("GET", _c, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "clause-note": (
        "POST",
        _c,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"body": "We accept.", "visibility": "shared"},
    ),
    "goals": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "goal-list-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "goals-import": ("GET", _p, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200}, {}),
    "goals-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    # The goal under test is the buyer's internal goal: invisible to the supplier and the outsider.
    "goal": ("GET", _g, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "goal-edit": ("GET", _g, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404}, {}),
    "goal-history": ("GET", _g, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "goal-measure": (
        "POST",
        _g,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"measured_on": "2026-02-28", "value": "5"},
    ),
    "goal-chart": (
        "GET",
        lambda w: _g(w) | {"fmt": "svg"},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "measurement-correct": (
        "GET",
        lambda w: {"pk": w.measurement_internal.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "measurement-history": (
        "GET",
        lambda w: {"pk": w.measurement_internal.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "demands": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "demands-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "commitments": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "commitments-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "wins": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    # Customer insight (docs/insight.md): the supplier's; the buyer reads only what was shared.
    "insight": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "insight-fit": ("GET", _offer, _SUPPLIER_READS, {}),
    "insight-propose": (
        "POST",
        _offer,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"title": "Try the F-300 filler", "description": "Replaces the F-200 fillers.", "priority": "normal"},
    ),
    "proposals": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "proposals-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "installed-base": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "installed-base-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "installed-base-import": ("GET", _p, _SUPPLIER_READS, {}),
    "customer-goals": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "customer-goals-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "customer-constraints": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"budget_month": "4", "standards": "ISO 9001"},
    ),
    "installed-item": ("GET", lambda w: {"pk": w.installed_item.pk}, _SUPPLIER_ONLY, {}),
    "installed-item-delete": (
        "POST",
        lambda w: {"pk": w.installed_item.pk},
        {"anon": LOGIN, "supplier_lead": 302, "supplier_member": 403, ALL: 404},
        {"version": "1"},
    ),
    "customer-goal": ("GET", lambda w: {"pk": w.customer_goal.pk}, _SUPPLIER_ONLY, {}),
    "customer-goal-delete": (
        "POST",
        lambda w: {"pk": w.customer_goal.pk},
        {"anon": LOGIN, "supplier_lead": 302, "supplier_member": 403, ALL: 404},
        {"version": "1"},
    ),
    "offerings": ("GET", lambda w: {"pk": w.supplier.pk}, _SUPPLIER_ONLY, {}),
    "offerings-export": ("GET", lambda w: {"pk": w.supplier.pk, "fmt": "csv"}, _SUPPLIER_ONLY, {}),
    "fit-weights": ("GET", lambda w: {"pk": w.supplier.pk}, _SUPPLIER_ONLY, {}),
    "offering": ("GET", lambda w: {"pk": w.offering.pk}, _SUPPLIER_ONLY, {}),
    "offering-delete": (
        "POST",
        lambda w: {"pk": w.offering.pk},
        {"anon": LOGIN, "supplier_lead": 302, "supplier_member": 302, ALL: 404},
        {"version": "1"},
    ),
    "demand": ("GET", _d, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "demand-answer": (
        "POST",
        _d,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"version": "1", "kind": "no", "rationale": "No capacity", "alternative": "Quarterly instead"},
    ),
    "demand-withdraw": (
        "POST",
        _d,
        {"anon": LOGIN, "outsider": 404, "buyer_lead": 302, ALL: 403},
        {"version": "1"},
    ),
    "demand-history": ("GET", _d, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "commitment": ("GET", _k, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "commitment-deliver": (
        "POST",
        _k,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"version": "1"},
    ),
    "commitment-renegotiate": (
        "POST",
        _k,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"version": "1", "to_date": "2099-01-31", "reason": "Audit moved"},
    ),
    "commitment-give-up": (
        "POST",
        _k,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"version": "1", "reason": "Line closed"},
    ),
    "commitment-lesson": (
        "POST",
        _k,
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {
            "title": "Film",
            "what_happened": "Shortage",
            "contributing_factors": "One source",
            "what_we_change": "Second source",
            "visibility": "shared",
        },
    ),
    "commitment-history": ("GET", _k, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "meetings": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "meetings-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "decision-log": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "decision-log-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    # Governance: the structure is joint (viewers read it), the issue under test is the buyer's
    # internal one (the supplier must not learn it exists).
    "governance": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "governance-defaults": ("POST", _p, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302}, {}),
    "governance-person": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        lambda w: {"person": str(w.user("buyer_lead").pk), "role_title": "Category manager"},
    ),
    "governance-activity": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"title": "Audit the supplier"},
    ),
    "raci-set": (
        "POST",
        lambda w: {"pk": w.activity.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"key_person": "1", "role": "A"},
    ),
    "level-edit": (
        "POST",
        lambda w: {"pk": w.level.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"version": "1", "name": "Operational leads", "response_days": "4"},
    ),
    "committees": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "committee-right": (
        "POST",
        lambda w: {"pk": w.committee.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"scope": "Tooling investments", "value_limit": "50000"},
    ),
    "issues": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "issues-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "issue": (
        "GET",
        lambda w: {"pk": w.issue.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "issue-history": (
        "GET",
        lambda w: {"pk": w.issue.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "issue-resolve": (
        "POST",
        lambda w: {"pk": w.issue.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"version": "1", "resolution": "A second line from March", "citation": "principle:Honesty"},
    ),
    "key-person-edit": (
        "GET",
        lambda w: {"pk": w.key_person.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        {},
    ),
    "key-person-delete": (
        "POST",
        lambda w: {"pk": w.key_person.pk},
        {"anon": LOGIN, "outsider": 404, "supplier_lead": 302, "supplier_member": 302, ALL: 403},
        {"version": "1"},
    ),
    "committee-edit": (
        "GET",
        lambda w: {"pk": w.committee.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        {},
    ),
    "committee-delete": (
        "POST",
        lambda w: {"pk": w.committee.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"version": "1"},
    ),
    "right-edit": (
        "GET",
        lambda w: {"pk": w.right.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        {},
    ),
    "right-delete": (
        "POST",
        lambda w: {"pk": w.right.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"version": "1"},
    ),
    "governance-decision": (
        "GET",
        lambda w: {"pk": w.decision.pk},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "issue-reopen": (
        "POST",
        lambda w: {"pk": w.issue.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"version": "1", "reason": "Late again"},
    ),
    "issue-lesson": (
        "POST",
        lambda w: {"pk": w.issue.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {
            "title": "Capacity",
            "what_happened": "Late",
            "contributing_factors": "No shared forecast",
            "what_we_change": "Monthly forecast",
            "visibility": "internal",
        },
    ),
    "lessons": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "lessons-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "lesson-library": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "lesson": ("GET", lambda w: {"pk": w.lesson.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "lesson-history": ("GET", lambda w: {"pk": w.lesson.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "lesson-delete": (
        "POST",
        lambda w: {"pk": w.lesson.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_lead": 302, ALL: 403},
        {"version": "1"},
    ),
    "lesson-library-export": ("GET", lambda w: {"fmt": "csv"}, {"anon": LOGIN, ALL: 200}, {}),
    # The meeting under test is the buyer's internal meeting.
    "meeting": ("GET", _m, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "meeting-history": ("GET", _m, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "meeting-ics": ("GET", _m, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "meeting-edit": (
        "POST",
        _m,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {
            "version": "1",
            "kind": "check_in",
            "title": "Sync",
            "starts_at": "2099-01-01T10:00",
            "duration_minutes": "60",
        },
    ),
    "meeting-cancel": (
        "POST",
        _m,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"version": "1"},
    ),
    "meeting-record": (
        "POST",
        _m,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"version": "1", "agenda_text": "1. Film", "minutes": ""},
    ),
    "meeting-attendees": (
        "POST",
        _m,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        lambda w: {"user_ids": str(w.user("buyer_viewer").pk)},
    ),
    "meeting-decision": (
        "POST",
        _m,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {"text": "Second source", "rationale": "Risk"},
    ),
    "meeting-action": (
        "POST",
        _m,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        lambda w: {
            "title": "RFI",
            "owner_person_id": str(w.user("buyer_lead").pk),
            "promised_on": "2099-01-01",
        },
    ),
    # Issue 14: the buyer's need is internal to the buying organisation: 404 for everyone else.
    "selection-needs": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "selection-needs-export": ("GET", lambda w: {"fmt": "csv"}, {"anon": LOGIN, ALL: 200}, {}),
    "selection-need": ("GET", _n, BUYER_READS, {}),
    "selection-scores": ("GET", _n, BUYER_READS, {}),
    "selection-compare": ("GET", _n, BUYER_READS, {}),
    "selection-candidates-export": ("GET", lambda w: _n(w) | {"fmt": "xlsx"}, BUYER_READS, {}),
    "selection-need-edit": (
        "POST",
        _n,
        BUYER_WRITES,
        {"version": "1", "title": "Bags", "purpose": "Supply", "weighting": "ahp"},
    ),
    "selection-need-close": ("POST", _n, BUYER_WRITES, {"version": "1", "rationale": "Not needed"}),
    "selection-criterion-add": ("POST", _n, BUYER_WRITES, {"name": "Innovation", "points": "10"}),
    "selection-criterion-edit": (
        "POST",
        lambda w: {"pk": w.criterion.pk},
        BUYER_WRITES,
        {"name": "Track", "points": "20"},
    ),
    "selection-criterion-remove": ("POST", lambda w: {"pk": w.criterion.pk}, BUYER_WRITES, {}),
    "selection-comparison": (
        "POST",
        _n,
        BUYER_WRITES,
        lambda w: {
            "first": str(w.criterion.pk),
            "second": str(w.criterion.pk + 1),
            "favours": "first",
            "intensity": "3",
        },
    ),
    "selection-candidate-add": (
        "POST",
        _n,
        BUYER_WRITES,
        {"name": "Third Bags", "contact_email": "a@third.test"},
    ),
    "selection-candidate-remove": ("POST", lambda w: {"pk": w.candidate.pk}, BUYER_WRITES, {}),
    "selection-decide": (
        "POST",
        _n,
        BUYER_WRITES,
        lambda w: {"version": "1", "candidate": str(w.candidate.pk), "rationale": "Best fit"},
    ),
    "calendar-feeds": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "calendar-feed-revoke": (
        "POST",
        lambda w: {"pk": w.feed.pk},
        {"anon": LOGIN, "buyer_lead": 302, ALL: 404},
        {},
    ),
    # The feed is read by calendar apps without a session: the secret token is the key.
    "calendar-feed": ("GET", lambda w: {"token": w.feed_secret}, {ALL: 200}, {}),
    "plans": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "plans-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "plan": ("GET", lambda w: {"pk": w.plan.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "plan-history": ("GET", lambda w: {"pk": w.plan.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "plan-item": (
        "POST",
        lambda w: {"pk": w.plan.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        lambda w: {
            "title": "Count",
            "owner_person_id": str(w.user("supplier_lead").pk),
            "promised_on": "2099-01-01",
        },
    ),
    "plan-review": (
        "POST",
        lambda w: {"pk": w.plan.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"version": "1", "note": "ok"},
    ),
    "notifications": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    "notifications-export": ("GET", lambda w: {"fmt": "xlsx"}, {"anon": LOGIN, ALL: 200}, {}),
    "notification-open": (
        "POST",
        lambda w: {"pk": w.notification.pk},
        {"anon": LOGIN, "buyer_lead": 302, ALL: 404},
        {},
    ),
    "notifications-read-all": ("POST", lambda w: {}, {"anon": LOGIN, ALL: 302}, {}),
    "notification-settings": ("GET", lambda w: {}, {"anon": LOGIN, ALL: 200}, {}),
    # public: the signed link in an email is the key, whoever follows it (GET only asks)
    "notifications-unsubscribe": ("GET", _unsubscribe, {ALL: 200}, {}),
    "scorecards": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "scorecard-create": ("GET", _p, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200}, {}),
    "scorecard": ("GET", _s, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "scorecard-edit": ("GET", _s, {"anon": LOGIN, "outsider": 404, "buyer_lead": 200, ALL: 403}, {}),
    "scorecard-history": ("GET", _s, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "scorecard-chart": (
        "GET",
        lambda w: _s(w) | {"fmt": "png"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    # Risks: the buyer's shared risk is read by both sides; its owner (the supplier lead) and
    # its author change it; the supplier member and the viewer read only. Internal ones: 404.
    "risks": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "risks-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "risk": ("GET", lambda w: {"pk": w.risk.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "risk-history": ("GET", lambda w: {"pk": w.risk.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "risk-edit": (
        "POST",
        lambda w: {"pk": w.risk_internal.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        lambda w: {
            "version": "1",
            "title": "Supplier may be acquired",
            "category": "financial",
            "likelihood": "3",
            "impact": "4",
            "owner_person_id": str(w.user("buyer_lead").pk),
            "status": "open",
        },
    ),
    # Not fired: contributors who may add to the shared risk are told so (a message, 302).
    "risk-lesson": (
        "POST",
        lambda w: {"pk": w.risk.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {
            "title": "Film line",
            "what_happened": "Line 1 stopped",
            "contributing_factors": "One line",
            "what_we_change": "Line 2",
            "visibility": "shared",
        },
    ),
    "risk-fire": (
        "POST",
        lambda w: {"pk": w.risk.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        lambda w: {"version": "1", "respond_by": "2099-01-01", "review_every_days": "7"},
    ),
    # Issue 16 (reviews): the Reviews tab is joint; a side's lead drafts, opens and closes survey
    # rounds and signs reviews; viewers only read; each side writes only its own narrative.
    "reviews": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "reviews-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "review": ("GET", lambda w: {"pk": w.review.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "review-report": ("GET", lambda w: {"pk": w.review.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "review-pdf": ("GET", lambda w: {"pk": w.review.pk}, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "review-narrative": (
        "POST",
        lambda w: {"pk": w.review.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        {"version": "1", "narrative": "A steady quarter."},
    ),
    "review-sign": (
        "POST",
        lambda w: {"pk": w.review.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {"version": "1"},
    ),
    "review-action": (
        "POST",
        lambda w: {"pk": w.review.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 302},
        lambda w: {
            "title": "Weekly call",
            "promised_on": "2099-01-01",
            "owner_person_id": str(w.user("buyer_lead").pk),
        },
    ),
    "surveys": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "surveys-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "survey-round": (
        "GET",
        lambda w: {"pk": w.survey_round.pk},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "survey-answer": (
        "POST",
        lambda w: {"pk": w.survey_round.pk},
        {"anon": LOGIN, "outsider": 404, ALL: 302},  # a draft: "not open" as a message
        lambda w: {f"{d['key']}__{x}": "3" for d in w.survey_round.dimensions for x in ("is", "other")},
    ),
    "survey-round-edit": (
        "POST",
        lambda w: {"pk": w.survey_round.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {
            "version": "1",
            "title": "Q4 pulse",
            "closes_on": "2099-01-01",
            "min_respondents": "2",
            "dimensions": "",
        },
    ),
    "survey-round-open": (
        "POST",
        lambda w: {"pk": w.survey_round.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {"version": "1"},
    ),
    "survey-round-close": (
        "POST",
        lambda w: {"pk": w.survey_round.pk},
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {"version": "1"},
    ),
    # Issue 14 (lifecycle): the Lifecycle tab is joint; the segmentation and the due diligence are
    # the buying organisation's alone (404 for the supplier side and everyone else).
    "lifecycle": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "lifecycle-move": (
        "POST",
        _p,
        {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 302},
        {"stage": "2", "reason": "Scoping started", "version": "1"},
    ),
    "exit-plan": ("GET", _p, {"anon": LOGIN, "outsider": 404, "buyer_viewer": 403, ALL: 200}, {}),
    "lifecycle-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "csv"},
        {"anon": LOGIN, "outsider": 404, ALL: 200},
        {},
    ),
    "segmentation-record": (
        "POST",
        _p,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {
            f: "3"
            for f in (
                "spend_share",
                "business_impact",
                "qualified_suppliers",
                "switching_cost",
                "market_scarcity",
            )
        },
    ),
    "segmentations-export": (
        "GET",
        lambda w: _p(w) | {"fmt": "xlsx"},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "relationship-set": (
        "POST",
        _p,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        lambda w: {
            "relationship_type": "strategic",
            "relationship_rationale": "",
            "version": str(_version(w)),
        },
    ),
    "diligence": ("GET", _o, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "diligence-export": (
        "GET",
        lambda w: _o(w) | {"fmt": "csv"},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "diligence-supplier": (
        "GET",
        lambda w: _o(w) | {"supplier_id": w.supplier.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "diligence-start": (
        "POST",
        lambda w: _o(w) | {"supplier_id": w.supplier.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "diligence-item": ("GET", _i, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "diligence-item-history": (
        "GET",
        _i,
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "diligence-item-delete": (
        "POST",
        _i,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": str(w.diligence_item.version)},
    ),
    "diligence-upload": (
        "POST",
        _i,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        lambda w: {"file": _pdf()},
    ),
    "diligence-document": (
        "GET",
        lambda w: {"pk": w.diligence_file.pk},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "diligence-document-delete": (
        "POST",
        lambda w: {"pk": w.diligence_file.pk},
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {},
    ),
    "kraljic": ("GET", _o, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, {}),
    "kraljic-weights": (
        "POST",
        _o,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {
            "version": "1",
            "spend_share": "60",
            "business_impact": "40",
            "qualified_suppliers": "40",
            "switching_cost": "30",
            "market_scarcity": "30",
        },
    ),
    "kraljic-export": (
        "GET",
        lambda w: _o(w) | {"fmt": "csv"},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    "kraljic-chart": (
        "GET",
        lambda w: _o(w) | {"fmt": "svg"},
        {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        {},
    ),
    # Health (issue 16): each side reads its own organisation's index; the weights are the
    # organisation's (members read them, admins change them); the dashboard's export is anyone's own.
    "partnership-health": ("GET", _p, {"anon": LOGIN, "outsider": 404, ALL: 200}, {}),
    "health-weights": (
        "POST",
        _o,
        {"anon": LOGIN, "buyer_lead": 302, "buyer_viewer": 403, ALL: 404},
        {
            "version": "1",
            "goals": "30",
            "scorecards": "20",
            "reliability": "20",
            "survey": "10",
            "risk": "10",
            "cadence": "10",
        },
    ),
    "portfolio-export": ("GET", lambda w: {"fmt": "csv"}, {"anon": LOGIN, ALL: 200}, {}),
}


# URLs swept above with POST that also answer GET (a list whose form posts to it).
ALSO_GET: dict[str, tuple[Any, dict[str, Any]]] = {
    "vision-comment-add": (_p, {"anon": LOGIN, "outsider": 404, ALL: 200}),
    "health-weights": (_o, {"anon": LOGIN, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}),
}


def _page_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and namespace != "api":
                names.add(pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_page_is_covered() -> None:
    missing = _page_names() - set(PAGES)
    assert not missing, f"add these URL names to PAGES with expected answers: {sorted(missing)}"
    assert not set(PAGES) - _page_names(), "PAGES names a URL that no longer exists"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_answers(world: World, client_for: Any, name: str, persona: str) -> None:
    from django.urls import reverse

    method, kwargs, expected, data = PAGES[name]
    url = reverse(name, kwargs=kwargs(world))
    client = client_for(persona)
    payload = data(world) if callable(data) else data
    response = client.get(url) if method == "GET" else client.post(url, payload)
    want = expected.get(persona, expected.get(ALL))
    assert response.status_code == want, f"{persona} {method} {url}"
    if want == LOGIN and persona == "anon":
        assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(ALSO_GET))
def test_lists_that_take_posts_answer_get_too(world: World, client_for: Any, name: str, persona: str) -> None:
    from django.urls import reverse

    kwargs, expected = ALSO_GET[name]
    response = client_for(persona).get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == expected.get(persona, expected.get(ALL)), f"{persona} GET {name}"
