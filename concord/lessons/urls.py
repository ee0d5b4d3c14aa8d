"""A partnership's lessons (under the Governance tab), one lesson, and the portfolio's library."""

from django.urls import path

from concord.lessons import views

P = "partnerships/<id:pk>/"

urlpatterns = [
    path(f"{P}lessons/", views.lesson_list, name="lessons"),
    path(f"{P}lessons/export.<slug:fmt>", views.lessons_export, name="lessons-export"),
    path("lessons/", views.library, name="lesson-library"),
    path("lessons/export.<slug:fmt>", views.library_export, name="lesson-library-export"),
    path("lessons/<id:pk>/", views.lesson_detail, name="lesson"),
    path("lessons/<id:pk>/delete/", views.lesson_delete, name="lesson-delete"),
    path("lessons/<id:pk>/history/", views.lesson_history, name="lesson-history"),
]
