"""What an organisation's export holds: one part per kind of record, each a JSON file (and a CSV
for the list-like ones), read through the model's scoped manager as a member of the organisation
would read it. `tests/privacy/test_export.py` checks that every model with an owner is either here
or in NOT_EXPORTED with the reason."""

from dataclasses import dataclass

from django.db.models import Model

from concord.access.models import Membership, Party
from concord.accounts.models import ApiToken
from concord.agreements.models import Agreement, Clause, ClauseNote
from concord.commitments.models import (
    ActionPlan,
    Answer,
    Commitment,
    Demand,
    PlanReview,
    Renegotiation,
)
from concord.goals.models import Goal, Measurement, SuccessEvent
from concord.governance.models import (
    Activity,
    Assignment,
    Committee,
    DecisionRight,
    EscalationLevel,
    GovernanceDecision,
    Issue,
    KeyPerson,
)
from concord.health.models import HealthScore, HealthWeights
from concord.insight.models import (
    CustomerConstraints,
    CustomerGoal,
    FitWeights,
    InstalledItem,
    Offering,
    OfferingKey,
    Proposal,
)
from concord.lessons.models import Lesson
from concord.lifecycle.models import (
    DiligenceDocument,
    DiligenceItem,
    DocumentContent,
    ExitPlan,
    KraljicWeights,
    Lifecycle,
    Segmentation,
    StageChange,
)
from concord.meetings.models import Attendee, CalendarFeed, Decision, Meeting
from concord.notifications.models import DigestSent, Notification, Preference
from concord.organisations.models import Invitation, Organisation
from concord.partnerships.models import Note, Partnership
from concord.reviews.models import Review, SurveyResponse, SurveyRound
from concord.risks.models import Risk, ScoreChange
from concord.scorecards.models import Scorecard
from concord.selection.models import Candidate, Comparison, Criterion, Need, Score
from concord.vision.models import (
    Objective,
    Signature,
    Submission,
    SubmissionRound,
    VisionComment,
    VisionDocument,
    VisionRevision,
)


@dataclass(frozen=True)
class Part:
    """One kind of record in the export: `name`.json (and `name`.csv when `csv`)."""

    name: str
    model: type[Model]
    holds: str
    csv: bool = True


PARTS = [
    Part("organisation", Organisation, "The organisation itself.", csv=False),
    Part("members", Membership, "Its members: person, role."),
    Part("invitations", Invitation, "Invitations it sent (to join it, or a partnership as a supplier)."),
    Part("partnerships", Partnership, "The partnerships it takes part in."),
    Part("parties", Party, "Each partnership's parties: organisation, side, partnership manager."),
    Part("notes", Note, "Notes: shared ones, and its own internal ones."),
    Part("agreements", Agreement, "Agreements of its partnerships."),
    Part("clauses", Clause, "Their clauses."),
    Part("clause_notes", ClauseNote, "Positions and remarks on clauses: shared, and its own internal ones."),
    Part("vision_documents", VisionDocument, "Each partnership's shared vision document."),
    Part("vision_revisions", VisionRevision, "Its revisions (sections and objectives as JSON)."),
    Part("vision_signatures", Signature, "Sign-offs of revisions."),
    Part("vision_objectives", Objective, "The vision's objectives."),
    Part("vision_comments", VisionComment, "Comments on the vision: shared, and its own internal ones."),
    Part("vision_rounds", SubmissionRound, "Vision rounds (blind submissions)."),
    Part(
        "vision_submissions",
        Submission,
        "Its own submissions, and the other parties' once a round is revealed (answers as JSON).",
    ),
    Part("goals", Goal, "Goals: shared, and its own internal ones."),
    Part("measurements", Measurement, "The goals' measurements."),
    Part("success_events", SuccessEvent, "Successes recorded against goals and commitments."),
    Part("scorecards", Scorecard, "Scorecards (definition as JSON): shared, and its own internal ones."),
    Part("demands", Demand, "Demands raised between the parties."),
    Part("answers", Answer, "Answers to demands."),
    Part("commitments", Commitment, "Commitments given: shared, and its own internal ones."),
    Part("renegotiations", Renegotiation, "Renegotiations of commitments."),
    Part("action_plans", ActionPlan, "Action plans."),
    Part("plan_reviews", PlanReview, "Reviews of action plans."),
    Part("meetings", Meeting, "Meetings: shared, and its own internal ones."),
    Part("attendees", Attendee, "Who was invited to each meeting."),
    Part("decisions", Decision, "The meetings' decisions."),
    Part("risks", Risk, "The risk register: shared risks, and its own internal ones."),
    Part("risk_scores", ScoreChange, "Each risk's ratings over time (its score history)."),
    Part("survey_rounds", SurveyRound, "Relationship health survey rounds: dimensions, threshold, dates."),
    Part(
        "reviews",
        Review,
        "Performance reviews: the frozen snapshot (JSON, shared records only), narratives, signatures.",
    ),
    Part("escalation_levels", EscalationLevel, "Each partnership's escalation path and response times."),
    Part("key_people", KeyPerson, "The key personnel directory of both sides."),
    Part("raci_activities", Activity, "The activities of the RACI matrix."),
    Part("raci_assignments", Assignment, "Who is responsible, accountable, consulted, informed."),
    Part("committees", Committee, "Joint committees."),
    Part("decision_rights", DecisionRight, "What each committee may decide, up to which value."),
    Part(
        "governance_decisions",
        GovernanceDecision,
        "Decisions outside meetings: shared, and its own internal ones.",
    ),
    Part("issues", Issue, "Issues and conflicts: shared, and its own internal ones."),
    Part("lessons", Lesson, "Lessons learned (blameless): shared, and its own internal ones."),
    Part("diligence_items", DiligenceItem, "Its due diligence on its suppliers (internal to it)."),
    Part("diligence_files", DiligenceDocument, "The files kept for them: name, kind, size, SHA-256."),
    Part("kraljic_weights", KraljicWeights, "Its Kraljic factor weights.", csv=False),
    Part("segmentations", Segmentation, "Its Kraljic assessments of its partnerships (internal to it)."),
    Part("lifecycles", Lifecycle, "Each partnership's ISO 44001 stage."),
    Part("stage_changes", StageChange, "The stage moves, with open items and reasons."),
    Part("exit_plans", ExitPlan, "The partnerships' joint exit plans."),
    Part(
        "installed_base",
        InstalledItem,
        "Installed base it keeps of a customer (its own; shared ones it reads).",
    ),
    Part(
        "customer_goals", CustomerGoal, "Customer goals and pillars it keeps (its own; shared ones it reads)."
    ),
    Part("customer_constraints", CustomerConstraints, "Customer constraints it keeps."),
    Part("offerings", Offering, "Its offering portfolio."),
    Part("fit_weights", FitWeights, "The weights of its fit engine."),
    Part("proposals", Proposal, "Proposals shared in its partnerships."),
    Part("selection_needs", Need, "Its own needs for a partner (internal: never another organisation's)."),
    Part("selection_criteria", Criterion, "The needs' evaluation criteria and their points."),
    Part("selection_comparisons", Comparison, "The needs' AHP judgments."),
    Part("selection_candidates", Candidate, "The candidates considered for its needs."),
    Part("selection_scores", Score, "The evaluators' scores of the candidates."),
    Part("health_weights", HealthWeights, "Its weights of the health index's sources.", csv=False),
    Part(
        "health_scores",
        HealthScore,
        "The health index of its partnerships as it sees them, by month, with each component (derived).",
    ),
]

# Models with an owner that an organisation's export leaves out, and why.
NOT_EXPORTED: dict[type[Model], str] = {
    ApiToken: "a person's own credential, not the organisation's data",
    CalendarFeed: "a person's own calendar address, not the organisation's data",
    Notification: "a person's own notifications",
    DigestSent: "a person's own record of e-mails sent to them",
    Preference: "a person's own choice of how they hear of things",
    DocumentContent: "the bytes of kept files (diligence_files lists each with its SHA-256; download "
    "them from Concord)",
    SurveyResponse: "anonymous survey answers: never exported one by one (not even to the answering "
    "organisation, whose lead may not read them either); the survey pages give the results per side",
    OfferingKey: "an index of the offerings' lists, which the offerings part holds as written",
}
