"""Pages of customer insight: the partnership's Insight tab and the organisation's portfolio."""

from django.urls import path

from concord.insight.views import portfolio, profile, tab

urlpatterns = [
    path("partnerships/<id:pk>/insight/", tab.insight_home, name="insight"),
    path("partnerships/<id:pk>/insight/fit/<id:offering>/", tab.insight_fit, name="insight-fit"),
    path("partnerships/<id:pk>/insight/propose/<id:offering>/", tab.insight_propose, name="insight-propose"),
    path("partnerships/<id:pk>/insight/proposals/", tab.proposals, name="proposals"),
    path(
        "partnerships/<id:pk>/insight/proposals/export.<slug:fmt>",
        tab.proposals_export,
        name="proposals-export",
    ),
    path("partnerships/<id:pk>/insight/installed-base/", profile.installed_base, name="installed-base"),
    path(
        "partnerships/<id:pk>/insight/installed-base/export.<slug:fmt>",
        profile.installed_base_export,
        name="installed-base-export",
    ),
    path(
        "partnerships/<id:pk>/insight/installed-base/import/",
        profile.installed_base_import,
        name="installed-base-import",
    ),
    path("partnerships/<id:pk>/insight/customer-goals/", profile.customer_goals, name="customer-goals"),
    path(
        "partnerships/<id:pk>/insight/customer-goals/export.<slug:fmt>",
        profile.customer_goals_export,
        name="customer-goals-export",
    ),
    path(
        "partnerships/<id:pk>/insight/constraints/", profile.customer_constraints, name="customer-constraints"
    ),
    path("installed-items/<id:pk>/", profile.installed_item, name="installed-item"),
    path("installed-items/<id:pk>/delete/", profile.installed_item_delete, name="installed-item-delete"),
    path("customer-goals/<id:pk>/", profile.customer_goal, name="customer-goal"),
    path("customer-goals/<id:pk>/delete/", profile.customer_goal_delete, name="customer-goal-delete"),
    path("organisations/<id:pk>/offerings/", portfolio.offerings, name="offerings"),
    path(
        "organisations/<id:pk>/offerings/export.<slug:fmt>",
        portfolio.offerings_export,
        name="offerings-export",
    ),
    path("organisations/<id:pk>/fit-weights/", portfolio.fit_weights, name="fit-weights"),
    path("offerings/<id:pk>/", portfolio.offering, name="offering"),
    path("offerings/<id:pk>/delete/", portfolio.offering_delete, name="offering-delete"),
]
