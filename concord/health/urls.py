"""The health index's pages."""

from django.urls import path

from concord.health import views

urlpatterns = [
    path("partnerships/<id:pk>/health/", views.partnership_health, name="partnership-health"),
    path("organisations/<id:pk>/health-weights/", views.weights, name="health-weights"),
]
