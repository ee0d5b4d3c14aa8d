"""The Reviews tab: performance reviews (with the report pack) and the relationship health survey."""

from django.urls import path

from concord.reviews.views import reviews, surveys

urlpatterns = [
    path("partnerships/<id:pk>/reviews/", reviews.review_list, name="reviews"),
    path("partnerships/<id:pk>/reviews/export.<slug:fmt>", reviews.reviews_export, name="reviews-export"),
    path("reviews/<id:pk>/", reviews.review_detail, name="review"),
    path("reviews/<id:pk>/narrative/", reviews.review_narrative, name="review-narrative"),
    path("reviews/<id:pk>/sign/", reviews.review_sign, name="review-sign"),
    path("reviews/<id:pk>/actions/", reviews.review_action, name="review-action"),
    path("reviews/<id:pk>/report/", reviews.review_report, name="review-report"),
    path("reviews/<id:pk>/report.pdf", reviews.review_pdf, name="review-pdf"),
    path("partnerships/<id:pk>/surveys/", surveys.survey_list, name="surveys"),
    path("partnerships/<id:pk>/surveys/export.<slug:fmt>", surveys.surveys_export, name="surveys-export"),
    path("surveys/<id:pk>/", surveys.survey_round, name="survey-round"),
    path("surveys/<id:pk>/answer/", surveys.survey_answer, name="survey-answer"),
    path("surveys/<id:pk>/edit/", surveys.survey_round_edit, name="survey-round-edit"),
    path("surveys/<id:pk>/open/", surveys.survey_round_open, name="survey-round-open"),
    path("surveys/<id:pk>/close/", surveys.survey_round_close, name="survey-round-close"),
]
