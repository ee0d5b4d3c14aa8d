from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from concord.accounts import views as account_views
from concord.agreements import views as agreement_views
from concord.commitments import views as commitment_views
from concord.config.api import api
from concord.core.converters import IdConverter
from concord.goals import views as goal_views
from concord.invitations import views as invitation_views
from concord.meetings import views as meeting_views
from concord.notifications import views as notification_views
from concord.organisations import views as org_views
from concord.overview import views as overview_views
from concord.partnerships import views as p_views
from concord.scorecards import views as scorecard_views
from concord.vision import document_views as vision_docs
from concord.vision import views as vision_views

register_converter(IdConverter, "id")

auth_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("tokens/", account_views.token_list, name="tokens"),
    path("tokens/<id:pk>/revoke/", account_views.token_revoke, name="token-revoke"),
    path("calendar/", meeting_views.calendar_feeds, name="calendar-feeds"),
    path("calendar/<id:pk>/revoke/", meeting_views.calendar_feed_revoke, name="calendar-feed-revoke"),
]

organisation_patterns = [
    path("", org_views.organisation_list, name="organisation-list"),
    path("new/", org_views.organisation_create, name="organisation-create"),
    path("<id:pk>/", org_views.organisation_detail, name="organisation-detail"),
    path("<id:pk>/edit/", org_views.organisation_edit, name="organisation-edit"),
    path("<id:pk>/history/", org_views.organisation_history, name="organisation-history"),
    path("<id:pk>/invite/", invitation_views.organisation_invite, name="organisation-invite"),
    path("<id:pk>/members/<id:member_id>/role/", org_views.member_role, name="member-role"),
    path("<id:pk>/members/<id:member_id>/remove/", org_views.member_remove, name="member-remove"),
]

partnership_patterns = [
    path("new/", p_views.partnership_create, name="partnership-create"),
    path("<id:pk>/", overview_views.partnership_overview, name="partnership-detail"),
    path("<id:pk>/edit/", p_views.partnership_edit, name="partnership-edit"),
    path("<id:pk>/history/", p_views.partnership_history, name="partnership-history"),
    path("<id:pk>/invite/", invitation_views.partnership_invite, name="partnership-invite"),
    path("<id:pk>/parties/<id:party_id>/manager/", p_views.party_manager, name="party-manager"),
    path("<id:pk>/notes/", overview_views.note_create, name="note-create"),
    path("<id:pk>/vision/", vision_views.vision_home, name="vision"),
    path("<id:pk>/vision/rounds/", vision_views.round_open, name="vision-round-open"),
    path("<id:pk>/vision/edit/", vision_docs.vision_edit, name="vision-edit"),
    path("<id:pk>/vision/objectives/", vision_docs.objective_add, name="vision-objective-add"),
    path("<id:pk>/vision/sign/", vision_docs.vision_sign, name="vision-sign"),
    path("<id:pk>/vision/diff/", vision_docs.vision_diff, name="vision-diff"),
    path("<id:pk>/vision/export.md", vision_docs.vision_markdown, name="vision-export-md"),
    path("<id:pk>/vision/export.pdf", vision_docs.vision_pdf, name="vision-export-pdf"),
    path("<id:pk>/vision/comments/", vision_docs.comment_add, name="vision-comment-add"),
    path("<id:pk>/agreements/", agreement_views.agreement_list, name="agreements"),
    path("<id:pk>/goals/", goal_views.goal_list, name="goals"),
    path("<id:pk>/goals/import/", goal_views.goals_import, name="goals-import"),
    path("<id:pk>/goals/export.<slug:fmt>", goal_views.goals_export, name="goals-export"),
    path("<id:pk>/scorecards/", scorecard_views.scorecard_list, name="scorecards"),
    path("<id:pk>/scorecards/new/", scorecard_views.scorecard_create, name="scorecard-create"),
    path("<id:pk>/demands/", commitment_views.demand_list, name="demands"),
    path("<id:pk>/commitments/", commitment_views.commitment_list, name="commitments"),
    path("<id:pk>/wins/", commitment_views.wins, name="wins"),
    path("<id:pk>/plans/", commitment_views.plan_list, name="plans"),
    path("<id:pk>/meetings/", meeting_views.meeting_list, name="meetings"),
    path("<id:pk>/decisions/", meeting_views.decision_log, name="decision-log"),
    path("<id:pk>/<slug:tab>/", p_views.partnership_tab, name="partnership-tab"),
]

urlpatterns = [
    path("", p_views.portfolio, name="portfolio"),
    path("account/", include(auth_patterns)),
    path("organisations/", include(organisation_patterns)),
    path("partnerships/", include(partnership_patterns)),
    path("notes/<id:pk>/edit/", p_views.note_edit, name="note-edit"),
    path("notes/<id:pk>/delete/", p_views.note_delete, name="note-delete"),
    path("notes/<id:pk>/history/", p_views.note_history, name="note-history"),
    path("invitations/<id:pk>/revoke/", invitation_views.invitation_revoke, name="invitation-revoke"),
    path("invitations/<str:token>/", invitation_views.invitation_accept, name="invitation-accept"),
    path("vision/rounds/<id:pk>/", vision_views.round_detail, name="vision-round"),
    path("vision/rounds/<id:pk>/answers/", vision_views.answers_save, name="vision-answers"),
    path("vision/rounds/<id:pk>/reveal/", vision_views.round_reveal, name="vision-reveal"),
    path("vision/rounds/<id:pk>/report.md", vision_views.round_report_markdown, name="vision-report-md"),
    path("vision/rounds/<id:pk>/report.pdf", vision_views.round_report_pdf, name="vision-report-pdf"),
    path("vision/comments/<id:pk>/resolve/", vision_docs.comment_resolve, name="vision-comment-resolve"),
    path("agreements/<id:pk>/", agreement_views.agreement_detail, name="agreement"),
    path("agreements/<id:pk>/edit/", agreement_views.agreement_edit, name="agreement-edit"),
    path("agreements/<id:pk>/move/", agreement_views.agreement_move, name="agreement-move"),
    path("agreements/<id:pk>/history/", agreement_views.agreement_history, name="agreement-history"),
    path("agreements/<id:pk>/clauses/", agreement_views.clause_add, name="clause-add"),
    path("agreements/<id:pk>/import/", agreement_views.clauses_import, name="clauses-import"),
    path("agreements/<id:pk>/traceability/", agreement_views.traceability, name="agreement-traceability"),
    path("clauses/<id:pk>/", agreement_views.clause_detail, name="clause"),
    path("clauses/<id:pk>/positions/", agreement_views.clause_note_add, name="clause-note"),
    path("goals/<id:pk>/", goal_views.goal_detail, name="goal"),
    path("goals/<id:pk>/edit/", goal_views.goal_edit, name="goal-edit"),
    path("goals/<id:pk>/history/", goal_views.goal_history, name="goal-history"),
    path("goals/<id:pk>/measurements/", goal_views.measurement_add, name="goal-measure"),
    path("goals/<id:pk>/chart.<slug:fmt>", goal_views.goal_chart_file, name="goal-chart"),
    path("measurements/<id:pk>/correct/", goal_views.measurement_correct, name="measurement-correct"),
    path("measurements/<id:pk>/history/", goal_views.measurement_history, name="measurement-history"),
    path("scorecards/<id:pk>/", scorecard_views.scorecard_detail, name="scorecard"),
    path("scorecards/<id:pk>/edit/", scorecard_views.scorecard_edit, name="scorecard-edit"),
    path("scorecards/<id:pk>/history/", scorecard_views.scorecard_history, name="scorecard-history"),
    path("scorecards/<id:pk>/chart.<slug:fmt>", scorecard_views.scorecard_chart_file, name="scorecard-chart"),
    path("demands/<id:pk>/", commitment_views.demand_detail, name="demand"),
    path("demands/<id:pk>/answer/", commitment_views.demand_answer, name="demand-answer"),
    path("demands/<id:pk>/withdraw/", commitment_views.demand_withdraw, name="demand-withdraw"),
    path("demands/<id:pk>/history/", commitment_views.demand_history, name="demand-history"),
    path("commitments/<id:pk>/", commitment_views.commitment_detail, name="commitment"),
    path("commitments/<id:pk>/deliver/", commitment_views.commitment_deliver, name="commitment-deliver"),
    path(
        "commitments/<id:pk>/renegotiate/",
        commitment_views.commitment_renegotiate,
        name="commitment-renegotiate",
    ),
    path("commitments/<id:pk>/give-up/", commitment_views.commitment_give_up, name="commitment-give-up"),
    path("commitments/<id:pk>/learnings/", commitment_views.commitment_learning, name="commitment-learning"),
    path("commitments/<id:pk>/history/", commitment_views.commitment_history, name="commitment-history"),
    path("meetings/<id:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<id:pk>/edit/", meeting_views.meeting_edit, name="meeting-edit"),
    path("meetings/<id:pk>/cancel/", meeting_views.meeting_cancel, name="meeting-cancel"),
    path("meetings/<id:pk>/record/", meeting_views.meeting_record, name="meeting-record"),
    path("meetings/<id:pk>/attendees/", meeting_views.attendees_add, name="meeting-attendees"),
    path("meetings/<id:pk>/decisions/", meeting_views.decision_add, name="meeting-decision"),
    path("meetings/<id:pk>/actions/", meeting_views.action_add, name="meeting-action"),
    path("meetings/<id:pk>/invite.ics", meeting_views.meeting_ics, name="meeting-ics"),
    path("meetings/<id:pk>/history/", meeting_views.meeting_history, name="meeting-history"),
    path("calendar/<str:token>.ics", meeting_views.calendar_feed, name="calendar-feed"),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/<id:pk>/open/", notification_views.notification_open, name="notification-open"),
    path("notifications/read-all/", notification_views.notifications_read_all, name="notifications-read-all"),
    path("plans/<id:pk>/", commitment_views.plan_detail, name="plan"),
    path("plans/<id:pk>/items/", commitment_views.plan_item_add, name="plan-item"),
    path("plans/<id:pk>/reviews/", commitment_views.plan_review, name="plan-review"),
    path("plans/<id:pk>/history/", commitment_views.plan_history, name="plan-history"),
    path("api/v1/", api.urls),
]
