"""Choosing partners: the buying organisation's needs, a need's evaluation and its decision."""

from django.urls import path

from concord.selection import views

urlpatterns = [
    path("selection/needs/", views.need_list, name="selection-needs"),
    path("selection/needs/export.<slug:fmt>", views.needs_export, name="selection-needs-export"),
    path("selection/needs/<id:pk>/", views.need_detail, name="selection-need"),
    path("selection/needs/<id:pk>/edit/", views.need_edit, name="selection-need-edit"),
    path("selection/needs/<id:pk>/close/", views.need_close, name="selection-need-close"),
    path("selection/needs/<id:pk>/criteria/", views.criterion_add, name="selection-criterion-add"),
    path("selection/criteria/<id:pk>/edit/", views.criterion_edit, name="selection-criterion-edit"),
    path("selection/criteria/<id:pk>/remove/", views.criterion_remove, name="selection-criterion-remove"),
    path("selection/needs/<id:pk>/comparisons/", views.comparison_set, name="selection-comparison"),
    path("selection/needs/<id:pk>/candidates/", views.candidate_add, name="selection-candidate-add"),
    path(
        "selection/needs/<id:pk>/candidates/export.<slug:fmt>",
        views.candidates_export,
        name="selection-candidates-export",
    ),
    path("selection/candidates/<id:pk>/remove/", views.candidate_remove, name="selection-candidate-remove"),
    path("selection/needs/<id:pk>/scores/", views.scores, name="selection-scores"),
    path("selection/needs/<id:pk>/compare/", views.compare, name="selection-compare"),
    path("selection/needs/<id:pk>/decide/", views.decide, name="selection-decide"),
]
