"""API: an organisation's export of its own data (its admins)."""

from django.http import HttpResponseBase
from ninja import Path, Router

from concord.accounts.requests import AuthedRequest
from concord.core.api import responses
from concord.core.inputs import MAX_ID
from concord.privacy.downloads import export_download
from concord.privacy.selectors import organisation_for_export

router = Router(tags=["organisations"])
OrgId = Path(..., ge=1, le=MAX_ID)


@router.get(
    "/organisations/{org_id}/export",
    response=responses(200, None, 403, 404),
    summary="Export everything the organisation may see, as a ZIP of JSON and CSV (admins)",
    description="A ZIP with manifest.json, README.txt, one JSON file per kind of record and a CSV for "
    "each list, the people the records name, and the partnerships' audit chains the organisation "
    "reads (docs/privacy.md). Shared records of its partnerships and its own internal ones — never "
    "another organisation's internal records. Generated while you wait.",
)
def organisation_export(request: AuthedRequest, org_id: int = OrgId) -> HttpResponseBase:
    organisation = organisation_for_export(actor=request.user, pk=org_id)
    return export_download(actor=request.user, organisation=organisation)
