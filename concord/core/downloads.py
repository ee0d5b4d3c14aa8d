"""File downloads: one place that sets the type and the attachment name."""

from django.http import HttpResponse

MARKDOWN = "text/markdown; charset=utf-8"
PDF = "application/pdf"


def attachment(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
