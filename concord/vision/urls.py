"""The Vision tab: the shared document (edit, sign, diff, export, comments) and the blind rounds."""

from django.urls import path

from concord.vision.views import comments, document, home, rounds

urlpatterns = [
    path("partnerships/<id:pk>/vision/", home.vision_home, name="vision"),
    path("partnerships/<id:pk>/vision/rounds/", rounds.round_open, name="vision-round-open"),
    path("partnerships/<id:pk>/vision/edit/", document.vision_edit, name="vision-edit"),
    path(
        "partnerships/<id:pk>/vision/objectives/",
        document.objective_add,
        name="vision-objective-add",
    ),
    path("partnerships/<id:pk>/vision/sign/", document.vision_sign, name="vision-sign"),
    path("partnerships/<id:pk>/vision/diff/", document.vision_diff, name="vision-diff"),
    path(
        "partnerships/<id:pk>/vision/export.md",
        document.vision_markdown,
        name="vision-export-md",
    ),
    path("partnerships/<id:pk>/vision/export.pdf", document.vision_pdf, name="vision-export-pdf"),
    # GET lists the comments (filtered, paged), POST adds one; the name is older than the list.
    path(
        "partnerships/<id:pk>/vision/comments/",
        comments.vision_comments,
        name="vision-comment-add",
    ),
    path("vision/rounds/<id:pk>/", rounds.round_detail, name="vision-round"),
    path("vision/rounds/<id:pk>/answers/", rounds.answers_save, name="vision-answers"),
    path("vision/rounds/<id:pk>/reveal/", rounds.round_reveal, name="vision-reveal"),
    path("vision/rounds/<id:pk>/report.md", rounds.round_report_markdown, name="vision-report-md"),
    path("vision/rounds/<id:pk>/report.pdf", rounds.round_report_pdf, name="vision-report-pdf"),
    path(
        "vision/comments/<id:pk>/resolve/",
        comments.comment_resolve,
        name="vision-comment-resolve",
    ),
]
