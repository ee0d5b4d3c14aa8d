"""The notification settings: one choice per kind of notification (the page's form and the API's
body; a kind left out stays as it is)."""

from django import forms

from concord.notifications.models import NotificationKind, deliveries_for


def _choice(kind: NotificationKind) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=kind.label, choices=[(d.value, d.label) for d in deliveries_for(kind)], required=False
    )


# A field per kind, named by the kind: the kinds are data, the form follows them.
PreferencesForm: type[forms.Form] = type(
    "PreferencesForm", (forms.Form,), {kind.value: _choice(kind) for kind in NotificationKind}
)
