"""The Scorecards tab, a new scorecard, and one scorecard (edit, history, chart files)."""

from django.urls import path

from concord.scorecards import views

urlpatterns = [
    path("partnerships/<id:pk>/scorecards/", views.scorecard_list, name="scorecards"),
    path("partnerships/<id:pk>/scorecards/new/", views.scorecard_create, name="scorecard-create"),
    path("scorecards/<id:pk>/", views.scorecard_detail, name="scorecard"),
    path("scorecards/<id:pk>/edit/", views.scorecard_edit, name="scorecard-edit"),
    path("scorecards/<id:pk>/history/", views.scorecard_history, name="scorecard-history"),
    path("scorecards/<id:pk>/chart.<slug:fmt>", views.scorecard_chart_file, name="scorecard-chart"),
]
