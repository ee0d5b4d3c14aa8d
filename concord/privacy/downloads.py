"""The organisation export as a download: generated into an anonymous temporary file (deleted
when the answer has been sent) and streamed from it, so neither the rows nor the ZIP sit in memory.
Synchronous: an admin waits while it is written (docs/privacy.md says why that is acceptable)."""

import tempfile

from django.http import FileResponse
from django.utils import timezone

from concord.accounts.models import User
from concord.organisations.models import Organisation
from concord.privacy.export import organisation_export

ZIP = "application/zip"


def export_download(*, actor: User, organisation: Organisation) -> FileResponse:
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- closed (and so removed) by FileResponse when sent
    try:
        organisation_export(actor=actor, organisation=organisation, out=spool)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    name = f"concord-organisation-{organisation.pk}-{timezone.localdate().isoformat()}.zip"
    response = FileResponse(spool, as_attachment=True, filename=name, content_type=ZIP)
    response["X-Content-Type-Options"] = "nosniff"
    return response
