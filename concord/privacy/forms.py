"""The erasure request an organisation admin fills in."""

from django import forms


class ErasureForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept in the audit trail, so say why without naming the person "
        "(e.g. “Request by email of 2026-11-30, ticket 4711”).",
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone",
        help_text="Their name and email address are replaced everywhere; what they wrote stays, "
        "under “Former member”.",
    )
