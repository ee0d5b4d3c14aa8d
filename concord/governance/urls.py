"""The Governance tab (roles and escalation, committees, the decision log, issues); its Lessons
and the portfolio's library are the lessons app's (lessons/urls.py)."""

from django.urls import path

from concord.governance import views
from concord.governance.views import edits

P = "partnerships/<id:pk>/"

urlpatterns = [
    path(f"{P}governance/", views.roles, name="governance"),
    path(f"{P}governance/defaults/", views.defaults_start, name="governance-defaults"),
    path(f"{P}governance/people/", views.key_person_add, name="governance-person"),
    path(f"{P}governance/activities/", views.activity_add, name="governance-activity"),
    path("governance/activities/<id:pk>/raci/", views.assignment_set, name="raci-set"),
    path("governance/levels/<id:pk>/", views.level_edit, name="level-edit"),
    path("governance/people/<id:pk>/edit/", edits.key_person_edit, name="key-person-edit"),
    path("governance/people/<id:pk>/delete/", edits.key_person_delete, name="key-person-delete"),
    path("committees/<id:pk>/edit/", edits.committee_edit, name="committee-edit"),
    path("committees/<id:pk>/delete/", edits.committee_delete, name="committee-delete"),
    path("rights/<id:pk>/edit/", edits.right_edit, name="right-edit"),
    path("rights/<id:pk>/delete/", edits.right_delete, name="right-delete"),
    path("decisions/<id:pk>/", edits.decision_detail, name="governance-decision"),
    path(f"{P}committees/", views.committees, name="committees"),
    path("committees/<id:pk>/rights/", views.right_add, name="committee-right"),
    path(f"{P}decisions/", views.decision_log, name="decision-log"),
    path(f"{P}decisions/export.<slug:fmt>", views.decisions_export, name="decision-log-export"),
    path(f"{P}issues/", views.issue_list, name="issues"),
    path(f"{P}issues/export.<slug:fmt>", views.issues_export, name="issues-export"),
    path("issues/<id:pk>/", views.issue_detail, name="issue"),
    path("issues/<id:pk>/resolve/", views.issue_resolve, name="issue-resolve"),
    path("issues/<id:pk>/reopen/", views.issue_reopen, name="issue-reopen"),
    path("issues/<id:pk>/lessons/", views.issue_lesson, name="issue-lesson"),
    path("issues/<id:pk>/history/", views.issue_history, name="issue-history"),
]
