"""API: your own notifications."""

from typing import Any

from django.http import HttpResponse
from ninja import Path, Query, Router

from concord.accounts.requests import AuthedRequest
from concord.core import exports, filtering
from concord.core.api import responses
from concord.core.inputs import MAX_ID, validated
from concord.core.paging import Paged, PageParams, page
from concord.notifications import exports as sheets
from concord.notifications import preferences, selectors, services
from concord.notifications.filters import NotificationFilter
from concord.notifications.forms import PreferencesForm
from concord.notifications.models import NotificationKind, deliveries_for
from concord.notifications.schemas import (
    NotificationFilters,
    NotificationOut,
    PreferenceOut,
    PreferencesIn,
    ReadAllOut,
)

router = Router(tags=["notifications"])


@router.get(
    "/me/notifications",
    response=responses(200, Paged[NotificationOut]),
    summary="Your notifications, newest first",
)
def notification_list(
    request: AuthedRequest, filters: Query[NotificationFilters], paging: Query[PageParams]
) -> Any:
    found = filtering.apply(NotificationFilter, filters, selectors.notification_list(actor=request.user))
    return page(found.qs, paging)


@router.get(
    "/me/notifications/export",
    response=responses(200, None),
    summary="Your notifications, filtered as the list, as .csv or .xlsx (one row per notification)",
)
def notifications_export(
    request: AuthedRequest, params: Query[exports.FormatParams], filters: Query[NotificationFilters]
) -> HttpResponse:
    found = filtering.apply(NotificationFilter, filters, selectors.notification_list(actor=request.user))
    table = exports.table(sheets.NOTIFICATION_COLUMNS, found.qs)
    return exports.download(params.format, "notifications", table, "Notifications")


@router.post(
    "/me/notifications/{notification_id}/read",
    response=responses(200, NotificationOut, 403, 404),
    summary="Mark one read",
)
def notification_read(request: AuthedRequest, notification_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    found = selectors.notification_get(actor=request.user, pk=notification_id)
    return services.mark_read(actor=request.user, notification=found)


@router.post("/me/notifications/read-all", response=responses(200, ReadAllOut, 403), summary="Mark all read")
def notifications_read_all(request: AuthedRequest) -> Any:
    return {"marked": services.mark_all_read(actor=request.user)}


def _preferences_out(chosen: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "kind": kind,
            "label": NotificationKind(kind).label,
            "delivery": delivery,
            "choices": [d.value for d in deliveries_for(kind)],
        }
        for kind, delivery in chosen.items()
    ]


@router.get(
    "/me/notification-preferences",
    response=responses(200, list[PreferenceOut]),
    summary="How you hear of each kind of notification",
)
def preferences_get(request: AuthedRequest) -> Any:
    return _preferences_out(preferences.preferences_of(request.user))


@router.patch(
    "/me/notification-preferences",
    response=responses(200, list[PreferenceOut], 400, 403, 422),
    summary="Change how you hear of some kinds (the others stay)",
)
def preferences_patch(request: AuthedRequest, body: PreferencesIn) -> Any:
    sent = validated(PreferencesForm, body)
    choices = {kind: value for kind, value in sent.items() if value}  # a kind left out stays
    chosen = preferences.preferences_set(actor=request.user, user=request.user, choices=choices)
    return _preferences_out(chosen)
