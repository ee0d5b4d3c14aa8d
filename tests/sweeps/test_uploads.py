"""Every upload path, page and API, against the upload rules (concord.core.uploads): too large,
content that is not what the name claims, hostile names — a field error naming the file, never a
500, nothing written; a body over the limit is a 413; no upload is stored or served.

The API's upload operations are found in the live schema (a multipart body), so a new one fails
`test_every_upload_operation_is_covered` until it has its entry in UPLOADS.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.http.multipartparser import MultiPartParser
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils.module_loading import import_string

from concord.audit.models import AuditEvent
from concord.core import uploads
from tests.sweeps.test_api import openapi
from tests.world import World


@dataclass(frozen=True)
class UploadPath:
    api: Callable[[World], str]
    page: Callable[[World], str]
    text: str  # an accepted name for a text file
    package: str  # an accepted name for an Office package
    main_part: str  # what that package must hold
    api_fields: dict[str, str] = field(default_factory=lambda: {"dry_run": "false"})
    page_fields: dict[str, str] = field(default_factory=lambda: {"action": "commit"})
    persona: str = "buyer_lead"  # who may upload here (the installed base is the supplier's)


UPLOADS: dict[str, UploadPath] = {
    "goals_api_measurements_import": UploadPath(
        api=lambda w: f"/api/v1/partnerships/{w.partnership.pk}/measurements/import",
        page=lambda w: f"/partnerships/{w.partnership.pk}/goals/import/",
        text="values.csv",
        package="values.xlsx",
        main_part="xl/workbook.xml",
    ),
    "agreements_api_clauses_import": UploadPath(
        api=lambda w: f"/api/v1/agreements/{w.agreement.pk}/clauses/import",
        page=lambda w: f"/agreements/{w.agreement.pk}/import/",
        text="terms.md",
        package="terms.docx",
        main_part="word/document.xml",
    ),
    # Due-diligence files are kept (in the database, served by an access-checked view); text
    # reports and Word documents go through the same rules as every other upload.
    "lifecycle_api_document_add": UploadPath(
        api=lambda w: f"/api/v1/diligence/{w.diligence_item.pk}/files",
        page=lambda w: f"/diligence/{w.diligence_item.pk}/files/",
        text="screening.txt",
        package="policy.docx",
        main_part="word/document.xml",
        api_fields={},
        page_fields={},
    ),
    "insight_api_item_import": UploadPath(
        api=lambda w: f"/api/v1/partnerships/{w.partnership.pk}/installed-base/import",
        page=lambda w: f"/partnerships/{w.partnership.pk}/insight/installed-base/import/",
        text="base.csv",
        package="base.xlsx",
        main_part="xl/workbook.xml",
        page_fields={},
        persona="supplier_lead",
    ),
}


def _limit() -> int:
    return uploads.max_bytes()


def _package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return out.getvalue()


# (case, name from the path: "text" or "package", content builder, what the message says)
BAD: list[tuple[str, str, Callable[[UploadPath], bytes], str]] = [
    ("too large", "text", lambda p: b"x" * (_limit() + 1), "larger than 5 MB"),
    (
        "NUL in text",
        "text",
        lambda p: b"goal_id,date,value\n1,2026-01-01,\x003\n",
        "control character on line 2 (NUL)",
    ),
    (
        "escape in text",
        "text",
        lambda p: b"## 1 Scope\n\x1b[2Jgone\n",
        "control character on line 2 (U+001B)",
    ),
    ("not UTF-8", "text", lambda p: "Vertrag §1 Geltungsbereich".encode("latin-1"), "is not UTF-8 text"),
    ("a PDF named as text", "text", lambda p: b"%PDF-1.7\n1 0 obj\n", "is a PDF, not a text file"),
    (
        "a workbook named as text",
        "text",
        lambda p: _package({"[Content_Types].xml": b"<x/>"}),
        "is a ZIP package",
    ),
    (
        "text named as a package",
        "package",
        lambda p: b"goal_id,date,value\n1,2026-01-01,3\n",
        "it contains text",
    ),
    ("a PDF named as a package", "package", lambda p: b"%PDF-1.7\n", "it is a PDF"),
    ("a damaged package", "package", lambda p: b"PK\x03\x04 and then nothing", "damaged ZIP package"),
    ("a ZIP of something else", "package", lambda p: _package({"notes.txt": b"hello"}), "without one inside"),
    (
        "a zip bomb",
        "package",
        lambda p: _package(
            {"[Content_Types].xml": b"<x/>", p.main_part: b"<x/>", "big.bin": bytes(10 * _limit() + 1)}
        ),
        "unpacks to more than 50 MB",
    ),
]


def _file(path: UploadPath, which: str, content: bytes, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or (path.text if which == "text" else path.package), content)


def test_every_upload_operation_is_covered() -> None:
    multipart = {
        op["operationId"].removeprefix("concord_")
        for ops in openapi()["paths"].values()
        for op in ops.values()
        if "multipart/form-data" in op.get("requestBody", {}).get("content", {})
    }
    assert multipart == set(UPLOADS), "an upload operation needs its entry in UPLOADS"


@pytest.mark.parametrize("key", UPLOADS)
@pytest.mark.parametrize(("case", "which", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_get_a_field_error_from_the_api(
    world: World, client_for: Any, key: str, case: str, which: str, content: Any, message: str
) -> None:
    path = UPLOADS[key]
    before = AuditEvent.unscoped.count()
    response = client_for(path.persona).post(
        path.api(world), {"file": _file(path, which, content(path)), **path.api_fields}
    )
    assert response.status_code == 422, response.content[:300]
    [error] = response.json()["errors"]
    assert error["field"] == "file" and message in error["message"], error
    assert AuditEvent.unscoped.count() == before


@pytest.mark.parametrize("key", UPLOADS)
@pytest.mark.parametrize(("case", "which", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_get_a_field_error_on_the_page(
    world: World, client_for: Any, key: str, case: str, which: str, content: Any, message: str
) -> None:
    path = UPLOADS[key]
    before = AuditEvent.unscoped.count()
    response = client_for(path.persona).post(
        path.page(world), {"file": _file(path, which, content(path)), **path.page_fields}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in e for e in form.errors.get("file", [])), form.errors
    assert AuditEvent.unscoped.count() == before


@pytest.mark.parametrize("key", UPLOADS)
def test_a_hostile_name_is_cut_to_its_last_part_without_control_characters(
    world: World, client_for: Any, key: str
) -> None:
    path = UPLOADS[key]
    hostile = "../../etc/\x1b[31mre\u202eport" + Path(path.text).suffix
    response = client_for(path.persona).post(
        path.api(world), {"file": _file(path, "text", b"\x00", hostile), **path.api_fields}
    )
    [error] = response.json()["errors"]
    assert error["message"].startswith("[31mreport" + Path(path.text).suffix + " contains")


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("values.csv", "values.csv"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ann\\Q3 values.xlsx", "Q3 values.xlsx"),
        ("va\x00l\x1bues\r\n.csv", "values.csv"),
        ("bidi\u202etxt.exe", "biditxt.exe"),
        ("..", "upload"),
        ("", "upload"),
        (None, "upload"),
        ("x" * 300 + ".xlsx", "x" * 95 + ".xlsx"),
    ],
)
def test_names_are_sanitised(name: str | None, safe: str) -> None:
    assert uploads.safe_name(name) == safe


def test_no_more_than_the_limit_of_a_file_is_ever_kept() -> None:
    """Django's handlers after LimitedUpload get the first limit + 1 bytes of a larger file."""
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("big.csv", b"x" * (3 * _limit()))})
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(len(body))}
    handlers = [import_string(name)() for name in settings.FILE_UPLOAD_HANDLERS]
    _, files = MultiPartParser(meta, io.BytesIO(body), handlers).parse()
    assert files["file"].size == _limit() + 1
    assert uploads.read(files["file"]) == b"x" * (_limit() + 1)


def test_a_json_body_over_the_limit_is_a_413_with_the_error_body(world: World, client_for: Any) -> None:
    url = f"/api/v1/agreements/{world.agreement.pk}/clauses/bulk"
    body = b'{"text": "' + b"x" * _limit() + b'"}'
    response = client_for("buyer_lead").post(url, body, content_type="application/json")
    assert response.status_code == 413
    assert "larger than 5 MB" in response.json()["detail"] and response.json()["errors"]
    operation = openapi()["paths"]["/api/v1/agreements/{agreement_id}/clauses/bulk"]["post"]
    assert 413 in operation["responses"]


def test_a_form_over_the_limit_is_a_413_page_that_says_so(world: World, client_for: Any) -> None:
    before = AuditEvent.unscoped.count()
    response = client_for("buyer_lead").post(
        f"/agreements/{world.agreement.pk}/import/", {"text": "x" * (_limit() + 1), "action": "commit"}
    )
    assert response.status_code == 413
    assert b"larger than 5 MB" in response.content and b"nothing was saved" in response.content
    assert AuditEvent.unscoped.count() == before


def test_a_form_over_the_limit_is_a_413_with_csrf_checks_too(world: World, client_for: Any) -> None:
    """In production the CSRF check reads the form before any view: the 413 comes from there."""
    client = client_for("buyer_lead")
    client.handler.enforce_csrf_checks = True
    url = f"/agreements/{world.agreement.pk}/import/"
    assert client.get(url).status_code == 200  # sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(url, {"csrfmiddlewaretoken": token, "text": "x" * (_limit() + 1)})
    assert response.status_code == 413
    assert b"larger than 5 MB" in response.content


def test_no_upload_is_stored_or_served(client_for: Any) -> None:
    """Uploads are parsed and dropped. A model that keeps files must store them in MEDIA_ROOT
    (outside the web root) and serve them through a view that checks access: add it here then."""
    file_fields = [
        f"{model._meta.label}.{f.name}"
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if isinstance(f, models.FileField)
    ]
    assert file_fields == []
    media = Path(settings.MEDIA_ROOT).resolve()
    for served in [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]:
        assert not media.is_relative_to(served.resolve())
    assert client_for("buyer_lead").get("/media/concord.sqlite3").status_code == 404
