"""The Demands tab: demands and their answers, the commitment ledger, wins, and action plans."""

from django.urls import path

from concord.commitments import views

urlpatterns = [
    path("partnerships/<id:pk>/demands/", views.demand_list, name="demands"),
    path("partnerships/<id:pk>/commitments/", views.commitment_list, name="commitments"),
    path("partnerships/<id:pk>/wins/", views.wins, name="wins"),
    path("partnerships/<id:pk>/plans/", views.plan_list, name="plans"),
    path("partnerships/<id:pk>/demands/export.<slug:fmt>", views.demands_export, name="demands-export"),
    path(
        "partnerships/<id:pk>/commitments/export.<slug:fmt>",
        views.commitments_export,
        name="commitments-export",
    ),
    path("partnerships/<id:pk>/plans/export.<slug:fmt>", views.plans_export, name="plans-export"),
    path("demands/<id:pk>/", views.demand_detail, name="demand"),
    path("demands/<id:pk>/answer/", views.demand_answer, name="demand-answer"),
    path("demands/<id:pk>/withdraw/", views.demand_withdraw, name="demand-withdraw"),
    path("demands/<id:pk>/history/", views.demand_history, name="demand-history"),
    path("commitments/<id:pk>/", views.commitment_detail, name="commitment"),
    path("commitments/<id:pk>/deliver/", views.commitment_deliver, name="commitment-deliver"),
    path("commitments/<id:pk>/renegotiate/", views.commitment_renegotiate, name="commitment-renegotiate"),
    path("commitments/<id:pk>/give-up/", views.commitment_give_up, name="commitment-give-up"),
    path("commitments/<id:pk>/lessons/", views.commitment_lesson, name="commitment-lesson"),
    path("commitments/<id:pk>/history/", views.commitment_history, name="commitment-history"),
    path("plans/<id:pk>/", views.plan_detail, name="plan"),
    path("plans/<id:pk>/items/", views.plan_item_add, name="plan-item"),
    path("plans/<id:pk>/reviews/", views.plan_review, name="plan-review"),
    path("plans/<id:pk>/history/", views.plan_history, name="plan-history"),
]
