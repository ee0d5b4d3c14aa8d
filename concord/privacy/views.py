"""Pages: an organisation admin downloads the organisation's export."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.views.decorators.http import require_GET

from concord.accounts.requests import AuthedRequest
from concord.privacy.downloads import export_download
from concord.privacy.selectors import organisation_for_export


@login_required
@require_GET
def organisation_export(request: AuthedRequest, pk: int) -> HttpResponseBase:
    organisation = organisation_for_export(actor=request.user, pk=pk)
    return export_download(actor=request.user, organisation=organisation)
