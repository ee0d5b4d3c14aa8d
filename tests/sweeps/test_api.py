"""Walk every API operation for every persona and assert the answer.

Operations come from the live OpenAPI schema, so a new operation without an entry in OPERATIONS fails
`test_every_operation_is_covered`. Each answer must also be a status the schema declares, and every
error must carry the one error body.
"""

import functools
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from concord.access.roles import TokenScope
from concord.accounts.services import token_create
from concord.audit.models import AuditEvent
from concord.config.api import api
from tests.world import PERSONAS, World, scorecard_definition, soon

ALL = "*"
Body = Callable[[World], dict[str, Any]]


def _none(w: World) -> dict[str, Any]:
    return {}


_BUYERS_READ = {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}
_BUYERS_WRITE = {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404}


def _pv(w: World) -> int:
    from concord.partnerships.models import Partnership

    return Partnership.unscoped.get(pk=w.partnership.pk).version


# Customer insight: the supplier's people read it, the buyer is refused (403), others see nothing.
INSIGHT_READS = {"anon": 401, "outsider": 404, "buyer_lead": 403, "buyer_viewer": 403, ALL: 200}
INSIGHT_WRITES = {"anon": 401, "outsider": 404, "buyer_lead": 403, "buyer_viewer": 403, ALL: 200}
SUPPLIER_ONLY = {"anon": 401, "supplier_lead": 200, "supplier_member": 200, ALL: 404}

BUYER_READS = {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}
BUYER_WRITES = {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404}
BUYER_CREATES = {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404}

# A side's lead (an admin of its organisation or the partnership manager): survey rounds, signatures.
_LEADS = {"anon": 401, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 200}

# operationId suffix: ({persona: status}, body builder, query string)
OPERATIONS: dict[str, tuple[dict[str, int], Body, str]] = {
    "accounts_api_me": ({"anon": 401, ALL: 200}, _none, ""),
    "accounts_api_token_list": ({"anon": 401, ALL: 200}, _none, ""),
    "accounts_api_token_create": ({"anon": 401, ALL: 201}, lambda w: {"name": "ci"}, ""),
    "accounts_api_token_revoke": ({"anon": 401, "buyer_lead": 200, ALL: 404}, _none, ""),
    "organisations_api_organisation_list": ({"anon": 401, ALL: 200}, _none, ""),
    "organisations_api_organisation_get": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "organisations_api_organisation_patch": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": w.buyer.version, "country": "DE"},
        "",
    ),
    "organisations_api_organisation_history": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "organisations_api_member_list": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "invitations_api_invitation_list": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        _none,
        "",
    ),
    "invitations_api_invitation_create": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404},
        lambda w: {"email": "new@buyer.test", "role": "member"},
        "",
    ),
    "partnerships_api_partnership_list": ({"anon": 401, ALL: 200}, _none, ""),
    "partnerships_api_partnership_create": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404},
        lambda w: {"buyer_id": w.buyer.pk, "name": "Filters"},
        "",
    ),
    "partnerships_api_partnership_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "partnerships_api_partnership_patch": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 200},
        lambda w: {"version": w.partnership.version, "category": "Bags and film"},
        "",
    ),
    "partnerships_api_partnership_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "partnerships_api_partnership_audit_verify": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "partnerships_api_partnership_audit_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "invitations_api_partner_invite": (
        {"anon": 401, "outsider": 404, "buyer_lead": 201, ALL: 403},
        lambda w: {"email": "kam@second.test", "supplier_name": "Second Co"},
        "",
    ),
    "partnerships_api_note_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "partnerships_api_note_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"body": "hello", "visibility": "shared"},
        "",
    ),
    # The note under test is the buyer's *internal* note: the supplier must not learn it exists.
    "partnerships_api_note_get": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "partnerships_api_note_patch": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": w.buyer_internal.version, "body": "revised"},
        "",
    ),
    "partnerships_api_note_delete": (
        {"anon": 401, "buyer_lead": 204, "buyer_viewer": 403, ALL: 404},
        _none,
        "?version=1",
    ),
    "partnerships_api_note_history": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "vision_api_round_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # A round is open already: those allowed to open one are told so (409), the rest 403/404.
    "vision_api_round_open": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 409},
        _none,
        "",
    ),
    "vision_api_round_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "vision_api_submission_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "vision_api_submission_save": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": w.buyer_submission.version, "priorities": {"Cost": 50}},
        "",
    ),
    "vision_api_submission_submit": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "buyer_lead": 200, ALL: 409},
        lambda w: {"version": w.buyer_submission.version},
        "",
    ),
    "vision_api_round_reveal": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 409},
        _none,
        "",
    ),
    "vision_api_round_report": ({"anon": 401, "outsider": 404, ALL: 409}, _none, ""),
    "vision_api_vision_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "vision_api_vision_edit": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"base": 1, "sections": {"purpose": "Grow together"}},
        "",
    ),
    "vision_api_objective_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"base": 1, "title": "No stock-outs"},
        "",
    ),
    "vision_api_vision_sign": (
        {"anon": 401, "outsider": 404, "buyer_lead": 200, "supplier_lead": 200, ALL: 403},
        lambda w: {"revision": 1},
        "",
    ),
    "vision_api_vision_diff": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?old=1&new=1"),
    "vision_api_comment_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "vision_api_comment_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"section": "principles", "body": "Add transparency"},
        "",
    ),
    # The comment under test is the buyer's internal one.
    "vision_api_comment_resolve": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "resolved": True},
        "",
    ),
    "agreements_api_agreement_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_agreements_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=xlsx"),
    "agreements_api_agreement_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"kind": "sow", "title": "SoW 2027"},
        "",
    ),
    "agreements_api_agreement_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_agreement_patch": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": 1, "reference": "C-2027-01"},
        "",
    ),
    # The vision is not agreed in the world: only admins may override the gate, with a reason.
    "agreements_api_agreement_move": (
        {"anon": 401, "outsider": 404, "buyer_lead": 200, "supplier_lead": 200, ALL: 403},
        lambda w: {"version": 1, "to": "negotiation", "override_reason": "The old contract ends."},
        "",
    ),
    "agreements_api_agreement_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_clause_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_clause_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"number": "2", "heading": "Lead times", "text": "Six weeks."},
        "",
    ),
    "agreements_api_clauses_bulk": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"text": "## 7 Audit\nOnce a year.", "dry_run": False},
        "",
    ),
    "agreements_api_clauses_import": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"file": _upload("terms.md", b"## 8 Exit\nSix months notice."), "dry_run": "false"},
        "",
    ),
    "agreements_api_traceability": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_clause_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_clause_patch": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": 1, "negotiation_status": "disputed"},
        "",
    ),
    "agreements_api_clause_suggestions": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_clause_notes": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "agreements_api_clause_note_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"body": "We accept six weeks.", "visibility": "shared"},
        "",
    ),
    "goals_api_goal_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?status=on_track"),
    "goals_api_goal_list_export": (
        {"anon": 401, "outsider": 404, ALL: 200},
        _none,
        "?format=csv&status=on_track",
    ),
    "goals_api_goal_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Fewer complaints", "target": 100, "direction": "lower"},
        "",
    ),
    # The goal under test is the buyer's *internal* goal: the supplier must not learn it exists.
    "goals_api_goal_detail": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    "goals_api_goal_update": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "target": 25},
        "",
    ),
    "goals_api_goal_history": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    "goals_api_goal_chart_spec": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    "goals_api_measurement_list": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "goals_api_measurement_add": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404},
        lambda w: {"measured_on": "2026-02-28", "value": 5},
        "",
    ),
    "goals_api_measurement_correct": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "value": 4.5, "note": "Restated"},
        "",
    ),
    "goals_api_measurement_history": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "goals_api_measurements_import": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {
            "file": _upload("values.csv", f"goal_id,date,value\n{w.goal_shared.pk},2026-02-28,94\n".encode()),
            "dry_run": "false",
        },
        "",
    ),
    "goals_api_measurements_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "scorecards_api_scorecard_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # The buyer already has its scorecard in the world (422); the supplier's side may set up its own.
    "scorecards_api_scorecard_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "buyer_lead": 422, ALL: 201},
        lambda w: {"name": "How we score the buyer", "definition": scorecard_definition(w)},
        "",
    ),
    "scorecards_api_scorecard_detail": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "scorecards_api_scorecard_update": (
        {"anon": 401, "outsider": 404, "buyer_lead": 200, ALL: 403},
        lambda w: {"version": 1, "name": "Supplier scorecard"},
        "",
    ),
    "scorecards_api_scorecard_backtest": (
        {"anon": 401, "outsider": 404, ALL: 200},
        lambda w: {"definition": scorecard_definition(w)},
        "",
    ),
    "scorecards_api_scorecard_chart": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "scorecards_api_scorecard_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # Customer insight (docs/insight.md): the supplier's; the buyer reads only what was shared.
    "insight_api_recommendations": (INSIGHT_READS, _none, ""),
    "insight_api_offering_fit": (INSIGHT_READS, _none, ""),
    "insight_api_item_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?status=ageing"),
    "insight_api_item_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "insight_api_item_create": (
        INSIGHT_WRITES | {"supplier_lead": 201, "supplier_member": 201},
        lambda w: {"technology": "Pump"},
        "",
    ),
    "insight_api_item_import": (
        INSIGHT_WRITES,
        lambda w: {
            "file": _upload("base.csv", b"technology,quantity,status\nPump,2,ageing\n"),
            "dry_run": "false",
        },
        "",
    ),
    "insight_api_item_get": (SUPPLIER_ONLY, _none, ""),
    "insight_api_item_patch": (
        {"anon": 401, "supplier_lead": 200, "supplier_member": 403, ALL: 404},
        lambda w: {"version": 1, "site": "Plant 2"},
        "",
    ),
    "insight_api_item_delete": (
        {"anon": 401, "supplier_lead": 204, "supplier_member": 403, ALL: 404},
        _none,
        "?version=1",
    ),
    "insight_api_customer_goal_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?theme=uptime"),
    "insight_api_customer_goal_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=xlsx"),
    "insight_api_customer_goal_create": (
        INSIGHT_WRITES | {"supplier_lead": 201, "supplier_member": 201},
        lambda w: {"title": "Cut energy use", "theme": "sustainability"},
        "",
    ),
    "insight_api_customer_goal_patch": (
        {"anon": 401, "supplier_lead": 200, "supplier_member": 403, ALL: 404},
        lambda w: {"version": 1, "importance": 5},
        "",
    ),
    "insight_api_customer_goal_delete": (
        {"anon": 401, "supplier_lead": 204, "supplier_member": 403, ALL: 404},
        _none,
        "?version=1",
    ),
    "insight_api_constraints_get": (INSIGHT_READS, _none, ""),
    "insight_api_constraints_put": (INSIGHT_WRITES, lambda w: {"budget_month": 4, "sites": "Plant 1"}, ""),
    "insight_api_proposal_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?status=open"),
    "insight_api_proposal_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "insight_api_proposal_create": (
        INSIGHT_WRITES | {"supplier_lead": 201, "supplier_member": 201},
        lambda w: {"title": "Try the F-300 filler", "description": "It replaces the ageing F-200."},
        "",
    ),
    "insight_api_portfolio_offering_list": (SUPPLIER_ONLY, _none, "?lifecycle=mainstream"),
    "insight_api_portfolio_offering_export": (SUPPLIER_ONLY, _none, "?format=csv"),
    "insight_api_portfolio_offering_create": (
        {"anon": 401, "supplier_lead": 201, "supplier_member": 201, ALL: 404},
        lambda w: {"name": "Dust hood", "themes": ["safety"]},
        "",
    ),
    "insight_api_portfolio_offering_get": (SUPPLIER_ONLY, _none, ""),
    "insight_api_portfolio_offering_patch": (
        SUPPLIER_ONLY,
        lambda w: {"version": 1, "lead_time_days": 10},
        "",
    ),
    "insight_api_portfolio_offering_delete": (
        {"anon": 401, "supplier_lead": 204, "supplier_member": 204, ALL: 404},
        _none,
        "?version=1",
    ),
    "insight_api_portfolio_weights_get": (SUPPLIER_ONLY, _none, ""),
    "insight_api_portfolio_weights_put": (
        {"anon": 401, "supplier_lead": 200, "supplier_member": 403, ALL: 404},
        lambda w: {"goals": 5, "installed_base": 3, "timing": 2, "cost_benefit": 1},
        "",
    ),
    "commitments_api_demand_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?status=open"),
    "commitments_api_demands_export": (
        {"anon": 401, "outsider": 404, ALL: 200},
        _none,
        "?format=csv&status=open",
    ),
    "commitments_api_demand_raise": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Quarterly review slides", "needed_by": soon().isoformat()},
        "",
    ),
    "commitments_api_demand_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # The demand under test is the buyer's to the supplier: only the supplier's contributors answer.
    "commitments_api_demand_answer": (
        {"anon": 401, "outsider": 404, "supplier_lead": 201, "supplier_member": 201, ALL: 403},
        lambda w: {
            "version": 1,
            "kind": "maybe",
            "rationale": "Depends on the audit",
            "conditions": "Audit passed",
            "follow_up_on": soon().isoformat(),
        },
        "",
    ),
    "commitments_api_demand_withdraw": (
        {"anon": 401, "outsider": 404, "buyer_lead": 200, ALL: 403},
        lambda w: {"version": 1},
        "",
    ),
    "commitments_api_demand_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "commitments_api_commitment_ledger": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?window_days=90"),
    "commitments_api_commitments_export": (
        {"anon": 401, "outsider": 404, ALL: 200},
        _none,
        "?format=xlsx&window_days=90&sort=-due_on",
    ),
    "commitments_api_commitment_give": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Send the forecast", "promised_on": soon().isoformat()},
        "",
    ),
    "commitments_api_commitment_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # The commitment under test is the supplier's: only its contributors deliver, move or drop it.
    "commitments_api_commitment_deliver": (
        {"anon": 401, "outsider": 404, "supplier_lead": 200, "supplier_member": 200, ALL: 403},
        lambda w: {"version": 1},
        "",
    ),
    "commitments_api_commitment_renegotiate": (
        {"anon": 401, "outsider": 404, "supplier_lead": 200, "supplier_member": 200, ALL: 403},
        lambda w: {"version": 1, "to_date": soon(45).isoformat(), "reason": "The audit moved"},
        "",
    ),
    "commitments_api_commitment_give_up": (
        {"anon": 401, "outsider": 404, "supplier_lead": 200, "supplier_member": 200, ALL: 403},
        lambda w: {"version": 1, "reason": "The line closes"},
        "",
    ),
    # Lessons are for misses; the open commitment is told so (409).
    "commitments_api_commitment_lesson": (
        {"anon": 401, "outsider": 404, "supplier_lead": 409, "supplier_member": 409, ALL: 403},
        lambda w: {
            "title": "Film",
            "what_happened": "Film shortage",
            "contributing_factors": "One film source",
            "what_we_change": "Second source",
        },
        "",
    ),
    "commitments_api_commitment_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "commitments_api_plans_win_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "commitments_api_plans_kudos_give": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"text": "Thanks for the weekend shift"},
        "",
    ),
    "meetings_api_meeting_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "meetings_api_meetings_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "meetings_api_meeting_schedule": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Monthly check-in", "starts_at": f"{soon().isoformat()}T10:00:00+00:00"},
        "",
    ),
    # The meeting under test is the buyer's *internal* meeting: the supplier must not learn it exists.
    "meetings_api_meeting_get": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    "meetings_api_meeting_update": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "location": "Room 2"},
        "",
    ),
    "meetings_api_meeting_cancel": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1},
        "",
    ),
    "meetings_api_meeting_record": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "agenda_text": "1. Second source"},
        "",
    ),
    "meetings_api_attendees_add": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"user_ids": [w.user("buyer_viewer").pk]},
        "",
    ),
    "meetings_api_decision_list": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "meetings_api_decision_add": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404},
        lambda w: {"text": "Qualify a second film source", "rationale": "Single source risk"},
        "",
    ),
    "meetings_api_action_add": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404},
        lambda w: {
            "title": "Draft the RFI",
            "promised_on": soon().isoformat(),
            "owner_person_id": w.user("buyer_lead").pk,
        },
        "",
    ),
    "meetings_api_meeting_ics": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    "meetings_api_meeting_history": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "governance_api_raci_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "governance_api_defaults_start": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        _none,
        "",
    ),
    "governance_api_people_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # The buyer lead names themself; anyone else naming the buyer lead is a field error.
    "governance_api_person_add": (
        {"anon": 401, "outsider": 404, "buyer_lead": 201, "buyer_viewer": 403, ALL: 422},
        lambda w: {"person": w.user("buyer_lead").pk, "role_title": "Category manager"},
        "",
    ),
    "governance_api_level_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "governance_api_level_edit": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": w.level.version, "name": "Operational leads", "response_days": 4},
        "",
    ),
    "governance_api_activity_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Audit the supplier"},
        "",
    ),
    "governance_api_assignment_set": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},  # the world's key person
        lambda w: {"key_person": w.key_person.pk, "role": "A"},
        "",
    ),
    "governance_api_committee_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "governance_api_committee_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"name": "Quality board", "cadence_days": 30},
        "",
    ),
    "governance_api_right_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"scope": "Tooling investments", "value_limit": "50000"},
        "",
    ),
    "governance_api_decision_log": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "governance_api_decisions_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    # Only the partnership managers (both leads) record a decision of the managers.
    "governance_api_decision_record": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "supplier_member": 422, ALL: 201},
        lambda w: {
            "text": "Consignment stock",
            "rationale": "Fewer stock-outs",
            "decided_on": soon(0).isoformat(),
        },
        "",
    ),
    "governance_api_plans_issue_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "governance_api_plans_issues_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=xlsx"),
    "governance_api_plans_issue_raise": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Late lots", "description": "Three late lots", "severity": "high"},
        "",
    ),
    # The issue under test is the buyer's *internal* issue: the supplier must not learn it exists.
    "governance_api_plans_issue_get": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "governance_api_plans_issue_history": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404},
        _none,
        "",
    ),
    "governance_api_plans_issue_resolve": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": w.issue.version, "resolution": "Second line", "citation": "principle:Honesty"},
        "",
    ),
    # Corrections of the joint structure: contributors of either side (each side its own people).
    "governance_api_person_update": (
        {"anon": 401, "outsider": 404, "supplier_lead": 200, "supplier_member": 200, ALL: 403},
        lambda w: {"version": 1, "role_title": "Senior analyst"},
        "",
    ),
    "governance_api_person_delete": (
        {"anon": 401, "outsider": 404, "supplier_lead": 204, "supplier_member": 204, ALL: 403},
        _none,
        "?version=1",
    ),
    "governance_api_committee_update": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": 1, "cadence_days": 30},
        "",
    ),
    "governance_api_committee_delete": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 204},
        _none,
        "?version=1",
    ),
    "governance_api_right_update": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": 1, "value_limit": "25000"},
        "",
    ),
    "governance_api_right_delete": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 204},
        _none,
        "?version=1",
    ),
    # Nothing later to supersede it with in the world: the field is refused (422) to recorders.
    "governance_api_decision_supersede": (
        {"anon": 401, "outsider": 404, "buyer_lead": 422, "supplier_lead": 422, ALL: 422},
        lambda w: {"version": 1, "superseded_by": w.decision.pk},
        "",
    ),
    # The world's issue is open: reopening it is refused (409) to those who may act on it.
    "governance_api_plans_issue_reopen": (
        {"anon": 401, "buyer_lead": 409, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": w.issue.version, "reason": "Late again"},
        "",
    ),
    "governance_api_plans_issue_lesson": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 403, ALL: 404},
        lambda w: {
            "title": "Capacity",
            "what_happened": "Late",
            "contributing_factors": "No shared forecast",
            "what_we_change": "Monthly forecast",
            "visibility": "internal",
        },
        "",
    ),
    "lessons_api_lesson_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "lessons_api_lessons_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "lessons_api_lesson_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "lessons_api_lesson_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    # The buyer lead wrote it: the author's side corrects it (an admin of the buyer would too).
    "lessons_api_lesson_update": (
        {"anon": 401, "outsider": 404, "buyer_lead": 200, ALL: 403},
        lambda w: {"version": 1, "title": "Pallet specification, shared"},
        "",
    ),
    "lessons_api_lesson_delete": (
        {"anon": 401, "outsider": 404, "buyer_lead": 204, ALL: 403},
        _none,
        "?version=1",
    ),
    "lessons_api_lesson_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {
            "title": "Packaging",
            "what_happened": "Damaged bags",
            "contributing_factors": "Pallet spec unclear",
            "what_we_change": "Shared pallet spec",
        },
        "",
    ),
    "lessons_api_library": ({"anon": 401, ALL: 200}, _none, ""),
    "lessons_api_library_export": ({"anon": 401, ALL: 200}, _none, "?format=csv"),
    "meetings_api_feed_list": ({"anon": 401, ALL: 200}, _none, ""),
    "meetings_api_feed_create": ({"anon": 401, ALL: 201}, _none, ""),
    "meetings_api_feed_revoke": ({"anon": 401, "buyer_lead": 200, ALL: 404}, _none, ""),
    "commitments_api_plans_plan_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "commitments_api_plans_plans_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=xlsx"),
    "commitments_api_plans_plan_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"title": "Quality plan", "review_every_days": 7, "goal_ids": [w.goal_shared.pk]},
        "",
    ),
    "commitments_api_plans_plan_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "commitments_api_plans_plan_item_add": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {
            "title": "Weekly stock count",
            "promised_on": soon().isoformat(),
            "owner_person_id": w.user("supplier_lead").pk,
        },
        "",
    ),
    "commitments_api_plans_plan_review": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {"version": 1, "note": "On track"},
        "",
    ),
    "commitments_api_plans_plan_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "notifications_api_notification_list": ({"anon": 401, ALL: 200}, _none, "?unread=true"),
    "notifications_api_notifications_export": ({"anon": 401, ALL: 200}, _none, "?format=csv&unread=true"),
    "notifications_api_notification_read": ({"anon": 401, "buyer_lead": 200, ALL: 404}, _none, ""),
    "notifications_api_notifications_read_all": ({"anon": 401, ALL: 200}, _none, ""),
    "notifications_api_preferences_get": ({"anon": 401, ALL: 200}, _none, ""),
    "notifications_api_preferences_patch": (
        {"anon": 401, ALL: 200},
        lambda w: {"demand_raised": "digest"},
        "",
    ),
    # Issue 14: a need is internal to the buying organisation: 404 for everyone else.
    "selection_api_need_list": ({"anon": 401, ALL: 200}, _none, ""),
    "selection_api_needs_export": ({"anon": 401, ALL: 200}, _none, "?format=xlsx"),
    "selection_api_need_create": (
        {"anon": 401, "buyer_lead": 201, "buyer_viewer": 422, ALL: 422},
        lambda w: {"organisation": w.buyer.pk, "title": "Film", "purpose": "Second source"},
        "",
    ),
    "selection_api_need_get": (BUYER_READS, _none, ""),
    "selection_api_need_update": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "category": "Packaging"},
        "",
    ),
    "selection_api_need_close": (BUYER_WRITES, lambda w: {"version": 1, "rationale": "Postponed"}, ""),
    "selection_api_criterion_list": (BUYER_READS, _none, ""),
    "selection_api_criterion_add": (BUYER_CREATES, lambda w: {"name": "Innovation", "points": 5}, ""),
    "selection_api_criterion_update": (BUYER_WRITES, lambda w: {"points": 30}, ""),
    "selection_api_criterion_remove": (
        {"anon": 401, "buyer_lead": 204, "buyer_viewer": 403, ALL: 404},
        _none,
        "",
    ),
    "selection_api_comparison_set": (
        BUYER_WRITES,
        lambda w: {
            "first": w.criterion.pk,
            "second": w.criterion.pk + 1,
            "favours": "second",
            "intensity": 5,
        },
        "",
    ),
    "selection_api_candidate_list": (BUYER_READS, _none, "?kind=known"),
    "selection_api_candidates_export": (BUYER_READS, _none, "?format=csv"),
    "selection_api_candidate_add": (BUYER_CREATES, lambda w: {"name": "Third Bags"}, ""),
    "selection_api_candidate_remove": (
        {"anon": 401, "buyer_lead": 204, "buyer_viewer": 403, ALL: 404},
        _none,
        "",
    ),
    "selection_api_score_list": (BUYER_READS, _none, ""),
    "selection_api_score_set": (
        BUYER_WRITES,
        lambda w: {
            "candidate": w.candidate.pk,
            "criterion": w.criterion.pk,
            "value": 2,
            "evidence": "Late twice",
        },
        "",
    ),
    "selection_api_evaluation": (BUYER_READS, _none, ""),
    "selection_api_need_decide": (
        BUYER_WRITES,
        lambda w: {"version": 1, "candidate": w.candidate.pk, "rationale": "Best fit"},
        "",
    ),
    "privacy_api_organisation_export": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        _none,
        "",
    ),
    # Risks: the list, heat map and exposure of the partnership; one risk is the buyer's internal
    # one (the other side and outsiders: 404).
    "risks_api_risk_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?overdue=true&sort=-score"),
    "risks_api_risks_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "risks_api_risk_heat_map": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?live=true"),
    "risks_api_risk_exposure": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "risks_api_risk_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {
            "title": "Resin shortage",
            "category": "supply",
            "likelihood": 2,
            "impact": 5,
            "owner_person_id": w.user("supplier_lead").pk,
        },
        "",
    ),
    "risks_api_risk_get": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    "risks_api_risk_update": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "likelihood": 4},
        "",
    ),
    "risks_api_risk_fire": (
        {"anon": 401, "buyer_lead": 200, "buyer_viewer": 403, ALL: 404},
        lambda w: {"version": 1, "respond_by": soon().isoformat()},
        "",
    ),
    # The buyer's internal risk has not fired: its side's contributors are told so (409).
    "risks_api_risk_lesson": (
        {"anon": 401, "buyer_lead": 409, "buyer_viewer": 403, ALL: 404},
        lambda w: {
            "title": "Film line",
            "what_happened": "Line 1 stopped",
            "contributing_factors": "One line",
            "what_we_change": "Line 2 qualified",
        },
        "",
    ),
    "risks_api_risk_history": ({"anon": 401, "buyer_lead": 200, "buyer_viewer": 200, ALL: 404}, _none, ""),
    # Issue 16 (reviews): joint rounds and reviews; a side's lead opens, closes and signs; nobody
    # reads anyone's answer (the world's round is a draft: answering it is 409).
    "reviews_api_round_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?status=draft"),
    "reviews_api_rounds_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=csv"),
    "reviews_api_round_trends": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "reviews_api_round_create": (
        {**_LEADS, "buyer_lead": 201, "supplier_lead": 201},
        lambda w: {"title": "Q1 pulse", "closes_on": soon().isoformat(), "min_respondents": 2},
        "",
    ),
    "reviews_api_round_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "reviews_api_round_update": (_LEADS, lambda w: {"version": 1, "title": "Q4"}, ""),
    "reviews_api_round_open": (_LEADS, lambda w: {"version": 1}, ""),
    "reviews_api_round_close": (
        {**_LEADS, "buyer_lead": 409, "supplier_lead": 409},
        lambda w: {"version": 1},
        "",
    ),
    "reviews_api_answer_get": ({"anon": 401, ALL: 404}, _none, ""),
    "reviews_api_answer_put": (
        {"anon": 401, "outsider": 404, ALL: 409},
        lambda w: {"answers": {d["key"]: {"is": 3, "other": 4} for d in w.survey_round.dimensions}},
        "",
    ),
    "reviews_api_review_list": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?sort=-period_to"),
    "reviews_api_reviews_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, "?format=xlsx"),
    "reviews_api_review_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "reviews_api_review_create": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {
            "title": "Q2 review",
            "period_from": soon(-60).isoformat(),
            "period_to": soon(-1).isoformat(),
        },
        "",
    ),
    "reviews_api_review_narrative": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": 1, "narrative": "A steady quarter."},
        "",
    ),
    "reviews_api_review_sign": (_LEADS, lambda w: {"version": 1}, ""),
    "reviews_api_review_action": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 201},
        lambda w: {
            "title": "Weekly call",
            "promised_on": soon().isoformat(),
            "owner_person_id": w.user("buyer_lead").pk,
        },
        "",
    ),
    # Issue 14 (lifecycle): due diligence and segmentation are the buying organisation's alone.
    "lifecycle_api_supplier_list": (_BUYERS_READ, _none, ""),
    "lifecycle_api_item_list": (_BUYERS_READ, _none, "?expiry=expiring"),
    "lifecycle_api_item_export": (_BUYERS_READ, _none, "?format=xlsx"),
    "lifecycle_api_diligence_start": (_BUYERS_WRITE | {"buyer_lead": 201}, _none, ""),
    "lifecycle_api_item_create": (
        _BUYERS_WRITE | {"buyer_lead": 201},
        lambda w: {"title": "Conflict minerals declaration", "category": "compliance"},
        "",
    ),
    "lifecycle_api_item_get": (_BUYERS_READ, _none, ""),
    "lifecycle_api_item_update": (
        _BUYERS_WRITE,
        lambda w: {"version": w.diligence_item.version, "status": "accepted"},
        "",
    ),
    "lifecycle_api_item_delete": (_BUYERS_WRITE | {"buyer_lead": 204}, _none, "?version=__item_version__"),
    "lifecycle_api_item_history": (_BUYERS_READ, _none, ""),
    "lifecycle_api_document_list": (_BUYERS_READ, _none, ""),
    "lifecycle_api_document_add": (
        _BUYERS_WRITE | {"buyer_lead": 201},
        lambda w: {"file": _upload("insurance.pdf", b"%PDF-1.7\n%%EOF\n")},
        "",
    ),
    "lifecycle_api_document_download": (_BUYERS_READ, _none, ""),
    "lifecycle_api_document_delete": (_BUYERS_WRITE | {"buyer_lead": 204}, _none, ""),
    "lifecycle_api_plans_segmentation_list": (_BUYERS_READ, _none, "?quadrant=strategic"),
    "lifecycle_api_plans_segmentation_export": (_BUYERS_READ, _none, "?format=csv"),
    "lifecycle_api_plans_segmentation_record": (
        _BUYERS_WRITE | {"buyer_lead": 201},
        lambda w: dict.fromkeys(
            ["spend_share", "business_impact", "qualified_suppliers", "switching_cost", "market_scarcity"], 2
        ),
        "",
    ),
    "lifecycle_api_plans_relationship_set": (
        _BUYERS_WRITE,
        lambda w: {
            "relationship_type": "tactical",
            "relationship_rationale": "Two sources",
            "version": _pv(w),
        },
        "",
    ),
    "lifecycle_api_plans_weights_get": (_BUYERS_READ, _none, ""),
    "lifecycle_api_plans_weights_set": (
        _BUYERS_WRITE,
        lambda w: {
            "version": 1,
            "spend_share": 70,
            "business_impact": 30,
            "qualified_suppliers": 40,
            "switching_cost": 30,
            "market_scarcity": 30,
        },
        "",
    ),
    "lifecycle_api_plans_portfolio": (_BUYERS_READ, _none, ""),
    # Health (issue 16): each party reads its own organisation's index; the weights are the
    # organisation's; the dashboard is everyone's own portfolio.
    "health_api_health_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "health_api_weights_get": (_BUYERS_READ, _none, ""),
    "health_api_weights_set": (
        _BUYERS_WRITE,
        lambda w: {
            "version": 1,
            "goals": 30,
            "scorecards": 20,
            "reliability": 20,
            "survey": 10,
            "risk": 10,
            "cadence": 10,
        },
        "",
    ),
    "overview_api_portfolio_rows": ({"anon": 401, ALL: 200}, _none, "?sort=-health"),
    "overview_api_portfolio_export": ({"anon": 401, ALL: 200}, _none, "?format=xlsx"),
    "lifecycle_api_plans_lifecycle_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "lifecycle_api_plans_lifecycle_move": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, "supplier_member": 403, ALL: 200},
        lambda w: {"stage": 2, "reason": "Scoping started", "version": 1},
        "",
    ),
    "lifecycle_api_plans_lifecycle_history": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "lifecycle_api_plans_lifecycle_history_export": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "lifecycle_api_plans_exit_plan_get": ({"anon": 401, "outsider": 404, ALL: 200}, _none, ""),
    "lifecycle_api_plans_exit_plan_save": (
        {"anon": 401, "outsider": 404, "buyer_viewer": 403, ALL: 200},
        lambda w: {"version": w.exit_plan.version, "data_return": "All batch records within 30 days"},
        "",
    ),
}
# Operations that take a multipart upload instead of a JSON body.
MULTIPART = {
    "agreements_api_clauses_import",
    "goals_api_measurements_import",
    "lifecycle_api_document_add",
    "insight_api_item_import",
}


def _upload(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@functools.cache
def openapi() -> dict[str, Any]:
    """The live schema, generated once per test process (it takes a while to build)."""
    return api.get_openapi_schema()


def _operations() -> list[tuple[str, str, str, set[int]]]:
    found = []
    for path, ops in openapi()["paths"].items():
        for method, op in ops.items():
            key = op["operationId"].removeprefix("concord_")
            found.append((key, method, path, {int(code) for code in op["responses"]}))
    return found


def _fill(path: str, w: World) -> str:
    values = {
        "{token_id}": w.lead_token.pk,
        "{org_id}": w.buyer.pk,
        "{partnership_id}": w.partnership.pk,
        "{note_id}": w.buyer_internal.pk,
        "{round_id}": w.round.pk,
        "{comment_id}": w.comment_internal.pk,
        "{agreement_id}": w.agreement.pk,
        "{clause_id}": w.clause.pk,
        "{goal_id}": w.goal_internal.pk,
        "{measurement_id}": w.measurement_internal.pk,
        "{scorecard_id}": w.scorecard.pk,
        "{demand_id}": w.demand.pk,
        "{commitment_id}": w.commitment.pk,
        "{meeting_id}": w.meeting.pk,
        "{feed_id}": w.feed.pk,
        "{notification_id}": w.notification.pk,
        "{plan_id}": w.plan.pk,
        "{risk_id}": w.risk_internal.pk,
        "{level_id}": w.level.pk,
        "{activity_id}": w.activity.pk,
        "{committee_id}": w.committee.pk,
        "{issue_id}": w.issue.pk,
        "{lesson_id}": w.lesson.pk,
        "{key_person_id}": w.key_person.pk,
        "{right_id}": w.right.pk,
        "{decision_id}": w.decision.pk,
        "{supplier_id}": w.supplier.pk,
        "{item_id}": w.diligence_item.pk,
        "{document_id}": w.diligence_file.pk,
        "{organisation_id}": w.supplier.pk,
        "{installed_item_id}": w.installed_item.pk,
        "{customer_goal_id}": w.customer_goal.pk,
        "{offering_id}": w.offering.pk,
        "{need_id}": w.need.pk,
        "{criterion_id}": w.criterion.pk,
        "{candidate_id}": w.candidate.pk,
        "{survey_id}": w.survey_round.pk,
        "{review_id}": w.review.pk,
    }
    for name, value in values.items():
        path = path.replace(name, str(value))
    assert "{" not in path, f"no test value for a parameter in {path}"
    return path


def test_every_operation_is_covered() -> None:
    keys = {key for key, *_ in _operations()}
    missing = keys - set(OPERATIONS)
    assert not missing, f"add these operations to OPERATIONS: {sorted(missing)}"
    assert not set(OPERATIONS) - keys, "OPERATIONS names an operation that no longer exists"


def _call(client: Client, world: World, key: str, method: str, path: str) -> Any:
    """Send the operation's request as OPERATIONS describes it."""
    _, body, query = OPERATIONS[key]
    url = _fill(path, world) + query.replace("__item_version__", str(world.diligence_item.version))
    kwargs: dict[str, Any] = {}
    if key in MULTIPART:
        kwargs = {"data": body(world)}
    elif method in ("post", "patch", "put") or body is not _none:
        kwargs = {"data": body(world), "content_type": "application/json"}
    return getattr(client, method)(url, **kwargs)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("operation", _operations(), ids=lambda op: op[0])
def test_operation_answers(world: World, client_for: Any, operation: Any, persona: str) -> None:
    key, method, path, declared = operation
    expected = OPERATIONS[key][0]
    client: Client = client_for(persona)
    response = _call(client, world, key, method, path)
    url = _fill(path, world)
    want = expected.get(persona, expected[ALL])
    assert response.status_code == want, f"{persona} {method.upper()} {url}: {response.content!r}"
    assert response.status_code in declared, f"{response.status_code} not declared for {key}"
    if response.status_code >= 400:
        payload = response.json()
        assert isinstance(payload["detail"], str) and isinstance(payload["errors"], list)


@pytest.mark.parametrize("operation", _operations(), ids=lambda op: op[0])
def test_a_read_only_token_reads_and_never_writes(world: World, operation: Any) -> None:
    """The buyer lead's read-only token answers every read as their session does, and every other
    method with 403 (declared, the one error body, saying why) before anything is written."""
    key, method, path, declared = operation
    expected = OPERATIONS[key][0]
    _, secret = token_create(actor=world.user("buyer_lead"), name="read", scope=TokenScope.READ)
    written = AuditEvent.unscoped.count()
    response = _call(Client(HTTP_AUTHORIZATION=f"Bearer {secret}"), world, key, method, path)
    want = expected.get("buyer_lead", expected[ALL]) if method == "get" else 403
    assert response.status_code == want, f"{method.upper()} {path}: {response.content!r}"
    assert response.status_code in declared, f"{response.status_code} not declared for {key}"
    if method != "get":
        assert "read-only" in response.json()["detail"] and response.json()["errors"] == []
        assert AuditEvent.unscoped.count() == written


@pytest.mark.parametrize("persona", ["buyer_lead", "supplier_lead"])
def test_token_acts_as_its_owner(world: World, persona: str) -> None:
    """A bearer token works like the session, with the owner's rights and no more."""
    client = Client()
    secret = world.lead_secret if persona == "buyer_lead" else None
    if secret is None:
        _, secret = token_create(actor=world.user(persona), name="t")
    response = client.get(
        f"/api/v1/notes/{world.buyer_internal.pk}", headers={"authorization": f"Bearer {secret}"}
    )
    assert response.status_code == (200 if persona == "buyer_lead" else 404)
