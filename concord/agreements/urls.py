"""The Agreements tab, an agreement (edit, move, history, clauses, import, traceability) and a clause."""

from django.urls import path

from concord.agreements import views

urlpatterns = [
    path("partnerships/<id:pk>/agreements/", views.agreement_list, name="agreements"),
    path(
        "partnerships/<id:pk>/agreements/export.<slug:fmt>", views.agreements_export, name="agreements-export"
    ),
    path("agreements/<id:pk>/", views.agreement_detail, name="agreement"),
    path("agreements/<id:pk>/edit/", views.agreement_edit, name="agreement-edit"),
    path("agreements/<id:pk>/move/", views.agreement_move, name="agreement-move"),
    path("agreements/<id:pk>/history/", views.agreement_history, name="agreement-history"),
    path("agreements/<id:pk>/clauses/", views.clause_add, name="clause-add"),
    path("agreements/<id:pk>/import/", views.clauses_import, name="clauses-import"),
    path("agreements/<id:pk>/traceability/", views.traceability, name="agreement-traceability"),
    path("clauses/<id:pk>/", views.clause_detail, name="clause"),
    path("clauses/<id:pk>/positions/", views.clause_note_add, name="clause-note"),
]
