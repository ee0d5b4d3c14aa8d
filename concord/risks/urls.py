"""The Risks tab: the register with its heat map, a risk (edit, fire), exports and history."""

from django.urls import path

from concord.risks import views

urlpatterns = [
    path("partnerships/<id:pk>/risks/", views.risk_list, name="risks"),
    path("partnerships/<id:pk>/risks/export.<slug:fmt>", views.risks_export, name="risks-export"),
    path("risks/<id:pk>/", views.risk_detail, name="risk"),
    path("risks/<id:pk>/edit/", views.risk_edit, name="risk-edit"),
    path("risks/<id:pk>/fire/", views.risk_fire, name="risk-fire"),
    path("risks/<id:pk>/lessons/", views.risk_lesson, name="risk-lesson"),
    path("risks/<id:pk>/history/", views.risk_history, name="risk-history"),
]
