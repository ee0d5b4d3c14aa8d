"""The Goals tab (list, import, export), a goal with its measurements and chart, and corrections."""

from django.urls import path

from concord.goals import views

urlpatterns = [
    path("partnerships/<id:pk>/goals/", views.goal_list, name="goals"),
    path("partnerships/<id:pk>/goals/import/", views.goals_import, name="goals-import"),
    path("partnerships/<id:pk>/goals/export.<slug:fmt>", views.goals_export, name="goals-export"),
    path("partnerships/<id:pk>/goals/list.<slug:fmt>", views.goal_list_export, name="goal-list-export"),
    path("goals/<id:pk>/", views.goal_detail, name="goal"),
    path("goals/<id:pk>/edit/", views.goal_edit, name="goal-edit"),
    path("goals/<id:pk>/history/", views.goal_history, name="goal-history"),
    path("goals/<id:pk>/measurements/", views.measurement_add, name="goal-measure"),
    path("goals/<id:pk>/chart.<slug:fmt>", views.goal_chart_file, name="goal-chart"),
    path("measurements/<id:pk>/correct/", views.measurement_correct, name="measurement-correct"),
    path("measurements/<id:pk>/history/", views.measurement_history, name="measurement-history"),
]
