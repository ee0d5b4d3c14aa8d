"""API plumbing shared by every router: the one error body, status declarations, paging."""

import json
import math
from typing import Annotated, Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from concord.core import inputs, pagecache, ratelimit
from concord.core.errors import Conflict, DomainError, InvalidState, ValidationFailed
from concord.core.snapshot import snapshot
from concord.core.uploads import too_large_body_message


class StrictJsonParser(Parser):
    """JSON bodies without NUL characters: PostgreSQL cannot store them in text, and no user
    means to send one. Rejected up front as an unreadable body (400)."""

    def parse_body(self, request: HttpRequest) -> Any:
        raw = request.body
        if b"\\u0000" in raw or b"\x00" in raw:
            raise ValueError("NUL characters are not allowed")
        return json.loads(raw)


# Text the API accepts: anything but NUL (see StrictJsonParser; the forms refuse it in queries).
TEXT = r"^[^\u0000]*$"
REQUIRED_TEXT = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"  # and not only spaces


class ConcordAPI(NinjaAPI):
    """The API whose OpenAPI schema also says which characters its inputs refuse."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        declare_text(schema)
        return schema

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        pagecache.keep(request, response)  # an answer of a kept operation (pagecache.per_reader_api)
        return response


def declare_text(schema: dict[str, Any]) -> None:
    """Give every free text of a request (body, keys and parameters) the pattern refusing NUL, so
    that the schema states what the parser and the forms enforce. Texts with a format, choices or
    a pattern of their own keep them (their patterns admit no NUL)."""
    components = schema.get("components", {}).get("schemas", {})
    seen: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict) or id(node) in seen:
            return
        seen.add(id(node))
        ref = node.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            walk(components.get(ref.rsplit("/", 1)[1]))
        if node.get("type") == "object":  # a body's unknown keys are read, and refused, too
            node.setdefault("propertyNames", {"pattern": TEXT})
        if node.get("type") == "string" and not {"format", "enum", "const"} & node.keys():
            pattern = node.get("pattern")
            if pattern in (None, r"\S"):
                node["pattern"] = TEXT if pattern is None else REQUIRED_TEXT
        for value in node.values():
            walk(value)

    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            walk(operation.get("parameters", []))
            walk(operation.get("requestBody", {}))


# A version is a whole number: `true` or "3" are not versions.
Version = Annotated[inputs.ID, Field(description="The version you are editing; a stale one gets 409.")]


class FieldError(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    """The one error body of the API."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)


class ConflictOut(ErrorOut):
    current: dict[str, Any] = Field(default_factory=dict, description="The stored record now.")


class Unauthenticated(AuthenticationError):
    """401 with a reason: the caller is known but may not use the API this way (yet)."""

    def __init__(self, detail: str) -> None:
        super().__init__(401, detail)


def responses(ok: int, schema: Any, *errors: int) -> dict[int, Any]:
    """Declare every status an operation can return. 400 (unparsable body), 401, 413 (a body over
    CONCORD_UPLOAD_MAX_MB), 422 and 429 (over the rate limit, with Retry-After) apply to every
    operation."""
    declared: dict[int, Any] = {
        ok: schema,
        **dict.fromkeys((400, 401, 413, 422, 429), ErrorOut),
    }
    for status in errors:
        declared[status] = ConflictOut if status == 409 else ErrorOut
    return declared


def _body(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    **extra: Any,
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "errors": errors or [], **extra}, status=status)


_LOCATIONS = {"body", "query", "path", "header", "cookie", "form"}


def _field_of(loc: Any) -> str:
    """("body", "payload", "title") -> "title"; ("path", "note_id") -> "note_id"."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATIONS:
        parts = parts[1:]
    if len(parts) > 1:
        parts = parts[1:]  # the view's parameter name (payload, paging, filters) says nothing
    return ".".join(parts) or "__all__"


def _too_many(api: NinjaAPI, request: HttpRequest, wait: float | None) -> HttpResponse:
    """429 with the one error body and Retry-After: whole seconds until the window ends."""
    seconds = max(1, math.ceil(wait or 1))
    detail = f"Too many requests: over the API's rate limit. Try again in {seconds} seconds."
    response = _body(api, request, 429, detail)
    response["Retry-After"] = str(seconds)
    return response


# Pydantic's words for what people mistype most, in the words of the rest of the API.
_MESSAGES = {"extra_forbidden": "Not a field this accepts: check its spelling (the schema lists them)."}


def _message(error: dict[str, Any]) -> str:
    return _MESSAGES.get(str(error.get("type", "")), str(error.get("msg", "Invalid value.")))


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(NinjaValidationError)
    def validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [{"field": _field_of(e.get("loc", ())), "message": _message(e)} for e in exc.errors]
        return _body(api, request, 422, "Some fields are not valid.", errors)

    @api.exception_handler(ValidationFailed)
    def failed(request: HttpRequest, exc: ValidationFailed) -> HttpResponse:
        return _body(api, request, 422, exc.detail, exc.as_list())

    @api.exception_handler(InvalidState)
    def invalid_state(request: HttpRequest, exc: InvalidState) -> HttpResponse:
        return _body(api, request, 409, exc.detail, [{"field": "__all__", "message": exc.detail}])

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
        current = {"version": getattr(exc.current, "version", None), **snapshot(exc.current)}
        return _body(api, request, 409, exc.detail, current=current)

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return _body(api, request, exc.status, exc.detail)

    @api.exception_handler(MultiPartParserError)
    def unreadable_upload(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        message = "The upload cannot be read: send multipart/form-data with its boundary."
        return _body(api, request, 400, message, [{"field": "__all__", "message": message}])

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        message = too_large_body_message()
        return _body(api, request, 413, message, [{"field": "__all__", "message": message}])

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        if isinstance(exc, Unauthenticated):
            return _body(api, request, 401, str(exc.message))
        wait = ratelimit.failed_call(request)  # anonymous and failed calls, counted per address
        if wait is not None:
            return _too_many(api, request, wait)
        return _body(api, request, 401, "Authentication required: a session or an API token.")

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return _too_many(api, request, exc.wait)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            message = "The request body is not valid JSON (or contains NUL characters)."
            return _body(api, request, 400, message, [{"field": "__all__", "message": message}])
        return _body(api, request, exc.status_code, str(exc.message))


class AuditEventOut(Schema):
    id: int
    action: str
    actor: str | None
    created_at: Any
    changes: dict[str, Any]
    reason: str

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.get_full_name() if obj.actor else None
