"""A partnership's settings and parties, its notes, and the tabs not built yet.

`partnerships/<id>/<tab>/` catches every other tab name, so config.urls includes this module after
the apps that serve real tabs (vision, goals, meetings, ...).
"""

from django.urls import path

from concord.partnerships import views

urlpatterns = [
    path("partnerships/new/", views.partnership_create, name="partnership-create"),
    path("partnerships/<id:pk>/edit/", views.partnership_edit, name="partnership-edit"),
    path("partnerships/<id:pk>/history/", views.partnership_history, name="partnership-history"),
    path(
        "partnerships/<id:pk>/parties/<id:party_id>/manager/",
        views.party_manager,
        name="party-manager",
    ),
    path("partnerships/<id:pk>/<slug:tab>/", views.partnership_tab, name="partnership-tab"),
    path("notes/<id:pk>/edit/", views.note_edit, name="note-edit"),
    path("notes/<id:pk>/delete/", views.note_delete, name="note-delete"),
    path("notes/<id:pk>/history/", views.note_history, name="note-history"),
]
