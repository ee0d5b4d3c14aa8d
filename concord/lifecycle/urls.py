"""The Lifecycle tab of a partnership, and the buying organisation's due diligence and Kraljic
portfolio."""

from django.urls import path

from concord.lifecycle.views import organisation, workspace

urlpatterns = [
    path("partnerships/<id:pk>/lifecycle/", workspace.lifecycle, name="lifecycle"),
    path("partnerships/<id:pk>/lifecycle/move/", workspace.stage_move, name="lifecycle-move"),
    path("partnerships/<id:pk>/lifecycle/exit-plan/", workspace.exit_plan, name="exit-plan"),
    path(
        "partnerships/<id:pk>/lifecycle/export.<slug:fmt>", workspace.history_export, name="lifecycle-export"
    ),
    path(
        "partnerships/<id:pk>/lifecycle/segmentation/",
        workspace.segmentation_record,
        name="segmentation-record",
    ),
    path(
        "partnerships/<id:pk>/lifecycle/segmentations/export.<slug:fmt>",
        workspace.segmentations_export,
        name="segmentations-export",
    ),
    path("partnerships/<id:pk>/lifecycle/relationship/", workspace.relationship_set, name="relationship-set"),
    path("organisations/<id:pk>/due-diligence/", organisation.diligence_list, name="diligence"),
    path(
        "organisations/<id:pk>/due-diligence/export.<slug:fmt>",
        organisation.diligence_export,
        name="diligence-export",
    ),
    path(
        "organisations/<id:pk>/due-diligence/<id:supplier_id>/",
        organisation.diligence_supplier,
        name="diligence-supplier",
    ),
    path(
        "organisations/<id:pk>/due-diligence/<id:supplier_id>/start/",
        organisation.diligence_start,
        name="diligence-start",
    ),
    path("diligence/<id:pk>/", organisation.diligence_item, name="diligence-item"),
    path("diligence/<id:pk>/delete/", organisation.diligence_item_delete, name="diligence-item-delete"),
    path("diligence/<id:pk>/history/", organisation.diligence_item_history, name="diligence-item-history"),
    path("diligence/<id:pk>/files/", organisation.diligence_upload, name="diligence-upload"),
    path("diligence/files/<id:pk>/", organisation.diligence_document, name="diligence-document"),
    path(
        "diligence/files/<id:pk>/delete/",
        organisation.diligence_document_delete,
        name="diligence-document-delete",
    ),
    path("organisations/<id:pk>/kraljic/", organisation.kraljic_portfolio, name="kraljic"),
    path("organisations/<id:pk>/kraljic/weights/", organisation.kraljic_weights, name="kraljic-weights"),
    path(
        "organisations/<id:pk>/kraljic/export.<slug:fmt>", organisation.kraljic_export, name="kraljic-export"
    ),
    path("organisations/<id:pk>/kraljic/chart.<slug:fmt>", organisation.kraljic_chart, name="kraljic-chart"),
]
