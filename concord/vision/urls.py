"""The Vision tab: the shared document (edit, sign, diff, export, comments) and the blind rounds."""

from django.urls import path

from concord.vision import document_views, views

urlpatterns = [
    path("partnerships/<id:pk>/vision/", views.vision_home, name="vision"),
    path("partnerships/<id:pk>/vision/rounds/", views.round_open, name="vision-round-open"),
    path("partnerships/<id:pk>/vision/edit/", document_views.vision_edit, name="vision-edit"),
    path(
        "partnerships/<id:pk>/vision/objectives/",
        document_views.objective_add,
        name="vision-objective-add",
    ),
    path("partnerships/<id:pk>/vision/sign/", document_views.vision_sign, name="vision-sign"),
    path("partnerships/<id:pk>/vision/diff/", document_views.vision_diff, name="vision-diff"),
    path(
        "partnerships/<id:pk>/vision/export.md",
        document_views.vision_markdown,
        name="vision-export-md",
    ),
    path("partnerships/<id:pk>/vision/export.pdf", document_views.vision_pdf, name="vision-export-pdf"),
    # GET lists the comments (filtered, paged), POST adds one; the name is older than the list.
    path(
        "partnerships/<id:pk>/vision/comments/",
        document_views.vision_comments,
        name="vision-comment-add",
    ),
    path("vision/rounds/<id:pk>/", views.round_detail, name="vision-round"),
    path("vision/rounds/<id:pk>/answers/", views.answers_save, name="vision-answers"),
    path("vision/rounds/<id:pk>/reveal/", views.round_reveal, name="vision-reveal"),
    path("vision/rounds/<id:pk>/report.md", views.round_report_markdown, name="vision-report-md"),
    path("vision/rounds/<id:pk>/report.pdf", views.round_report_pdf, name="vision-report-pdf"),
    path(
        "vision/comments/<id:pk>/resolve/",
        document_views.comment_resolve,
        name="vision-comment-resolve",
    ),
]
