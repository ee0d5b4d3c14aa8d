"""Garbage in, a 4xx out: every API operation is sent malformed bodies and parameters and must
answer with the one error body, never a 500 (and never store anything)."""

from typing import Any

import pytest
from django.test import Client

from concord.audit.models import AuditEvent
from tests.sweeps.test_api import _fill, _operations, openapi
from tests.world import World

BAD_VALUES: list[Any] = [None, 12345, -1, True, "x" * 100_001, [], {"nested": {"deep": [1]}}, "🙂\x00"]
BAD_BODIES: list[Any] = [
    [],
    "text",
    7,
    {"unknown_field": 1},
    b"\xff\xfe{}",  # not UTF-8
    b'{"title": "cut short',  # not JSON
    b'{"n": Infinity}',  # what a float overflow looks like in some encoders: not JSON
    b"\x00",
]
# Values for one kind of field: impossible calendar dates and times, numbers beyond any range.
BAD_BY_KIND: dict[str, list[Any]] = {
    "date": ["2026-02-30", "2026-13-01", "0000-01-01", "99999-01-01"],
    "date-time": ["2026-02-28T25:61:00", "2026-02-30T10:00:00Z", "tomorrow"],
    "integer": [10**40, -(10**40), 1.5, "7"],
    "number": [10**400, "1e999", "NaN"],
}


def _has_body(operation_key: str) -> bool:
    for ops in openapi()["paths"].values():
        for op in ops.values():
            if op["operationId"].removeprefix("concord_") == operation_key:
                return "requestBody" in op
    return False


def _kind(prop: dict[str, Any]) -> str:
    """A property's format or type, looking inside `anyOf` (optional fields are `X | null`)."""
    for option in [prop, *prop.get("anyOf", [])]:
        if option.get("format") in ("date", "date-time"):
            return str(option["format"])
        if option.get("type") in ("integer", "number"):
            return str(option["type"])
    return ""


def _schema_kinds(operation_key: str) -> dict[str, str]:
    schema = openapi()
    for ops in schema["paths"].values():
        for op in ops.values():
            if op["operationId"].removeprefix("concord_") == operation_key and "requestBody" in op:
                content = op["requestBody"]["content"].get("application/json")
                if content is None:
                    return {}
                ref = content["schema"]["$ref"].rsplit("/", 1)[1]
                props = schema["components"]["schemas"][ref].get("properties", {})
                return {name: _kind(prop) for name, prop in props.items()}
    return {}


def _schema_props(operation_key: str) -> list[str]:
    schema = openapi()
    for ops in schema["paths"].values():
        for op in ops.values():
            if op["operationId"].removeprefix("concord_") == operation_key and "requestBody" in op:
                content = op["requestBody"]["content"]
                if "application/json" not in content:
                    return []  # multipart uploads: see test_bad_uploads_get_field_errors
                ref = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
                return list(schema["components"]["schemas"][ref].get("properties", {}))
    return []


WRITE_OPS = [op for op in _operations() if op[1] in ("post", "put", "patch")]


@pytest.mark.parametrize("operation", WRITE_OPS, ids=lambda op: op[0])
def test_malformed_bodies_get_4xx(world: World, operation: Any) -> None:
    key, method, path, declared = operation
    client = Client()
    client.force_login(world.user("buyer_lead"))
    url = _fill(path, world)
    before = AuditEvent.unscoped.count()
    payloads = list(BAD_BODIES)
    for prop in _schema_props(key):
        payloads += [{prop: value} for value in BAD_VALUES]
    for prop, kind in _schema_kinds(key).items():
        payloads += [{prop: value} for value in BAD_BY_KIND.get(kind, [])]
    for payload in payloads:
        response = getattr(client, method)(url, data=payload, content_type="application/json")
        assert response.status_code < 500, f"{key} {payload!r:.80}"
        if response.status_code >= 400:
            assert response.status_code in declared, f"{response.status_code} undeclared for {key}"
            body = response.json()
            assert isinstance(body["detail"], str) and isinstance(body["errors"], list)
    # None of these payloads is a valid request on its own: nothing may have been written. (An
    # operation without a body, like creating a calendar feed, ignores the garbage and acts.)
    if _has_body(key):
        assert AuditEvent.unscoped.count() == before


@pytest.mark.parametrize(
    "query",
    [
        "limit=-1",
        "limit=abc",
        "offset=-5",
        "offset=99999999999999999999999",
        "status=bogus",
        "relationship_type=1",
        "q=" + "x" * 500,
    ],
)
def test_bad_list_parameters_get_422(world: World, client_for: Any, query: str) -> None:
    response = client_for("buyer_lead").get(f"/api/v1/partnerships?{query}")
    assert response.status_code == 422
    assert response.json()["errors"]


BAD_UPLOADS: list[tuple[str, bytes, str]] = [
    ("contract.pdf", b"%PDF-1.7", "Upload a .txt, .md or .docx file."),
    ("contract.txt", "Vertrag §1".encode("latin-1"), "not UTF-8"),
    ("contract.docx", b"PK\x03\x04 broken", "not a Word"),
    ("contract.md", b"no headings at all, just one sentence.", "No clauses found"),
    ("contract.md", b"", "No clauses found"),
    ("contract.md", b"## 1 A\n## 1 B\n", "used twice"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS)
def test_bad_uploads_get_field_errors(world: World, name: str, content: bytes, message: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(world.user("buyer_lead"))
    before = world.agreement.clauses.count()
    response = client.post(
        f"/api/v1/agreements/{world.agreement.pk}/clauses/import",
        data={"file": SimpleUploadedFile(name, content), "dry_run": "false"},
    )
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert errors and errors[0]["field"] in ("file", "text") and message in errors[0]["message"]
    assert world.agreement.clauses.count() == before
