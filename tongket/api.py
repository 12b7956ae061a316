"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every endpoint needs a signed-in caller: a bearer token (`Authorization: Bearer tk_...`, made on the
"Mã truy cập API" page) or the browser's session. Each app adds its router in its own `api.py`; they are
mounted here. Endpoints read the caller from `request.auth` and ask tongket.accounts.rights, as pages do.
"""

from __future__ import annotations

import functools
import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from tongket.accounts.services import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tk_...`, checked against the stored SHA-256; revoked tokens are refused."""

    def authenticate(self, request: HttpRequest, token: str):
        """The token's active user, or None (then the API answers 401)."""
        user = user_for_token(token.strip(), client=request.META.get("REMOTE_ADDR", "-"))
        if user is not None:
            # Pages and helpers that read request.user see the token's owner too.
            request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """The signed-in browser (unsafe methods need the CSRF token, as forms do)."""

    def authenticate(self, request: HttpRequest, key: str | None):
        """The session's active user, or None."""
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


# Every refusal is `{"detail": ...}`: a Vietnamese message, or ninja's list of invalid fields (422).
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        }
    },
    "required": ["detail"],
}
ERROR_REF = {"$ref": "#/components/schemas/Error"}

# What each refusal means, and to which operations it applies.
ERROR_RESPONSES = {
    400: "Nội dung gửi lên không phải một đối tượng JSON hợp lệ.",
    401: "Chưa đăng nhập hoặc mã truy cập API không hợp lệ.",
    403: "Không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy (hoặc không được xem).",
    422: "Dữ liệu gửi lên không hợp lệ; `detail` nói chỗ sai.",
}


def _error_codes(operation: dict) -> list[int]:
    """The refusals an operation can answer: every endpoint needs a caller and may refuse or not find;
    an input can be invalid (422) and a body unreadable (400)."""
    codes = [401, 403, 404]
    if operation.get("parameters") or operation.get("requestBody"):
        codes.append(422)
    if operation.get("requestBody"):
        codes.append(400)
    return codes


def _allows_error(schema: dict) -> bool:
    """Whether a response schema already admits `{"detail": ...}` (documenting twice is a no-op)."""
    return schema == ERROR_REF or ERROR_REF in schema.get("anyOf", [])


def document_errors(schema: dict) -> dict:
    """Add the refusals every endpoint answers to the OpenAPI schema, so that clients (and the
    schemathesis tests) know them: a code an endpoint already documents (422 with its own result,
    409 …) may also come as a plain `{"detail": ...}`, so it becomes either."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                content = response.get("content", {}).get("application/json")
                if 400 <= int(code) < 500 and content and not _allows_error(content["schema"]):
                    content["schema"] = {"anyOf": [content["schema"], ERROR_REF]}
            documented = {int(code) for code in responses}
            for code in _error_codes(operation):
                if code not in documented:
                    responses[code] = {
                        "description": ERROR_RESPONSES[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    }
    return schema


class ObjectBodyParser(Parser):
    """JSON bodies must be objects. ninja's schemas read fields as attributes of whatever they are
    given, so `[]` or `false` passed as an object with every field left out (a PUT of `false` cleared
    a section's assignment); now it is refused with 400 like unreadable JSON."""

    def parse_body(self, request: HttpRequest) -> dict:
        """The body's JSON object; anything else raises (ninja answers 400)."""
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the JSON body is not an object")
        return data


class TongketAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema documents the refusals too (ninja lists only the successes)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> OpenAPISchema:
        """ninja's schema with every endpoint's refusals added."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


api = TongketAPI(
    title="Tongket API",
    version="1",
    description="API của Tongket: đợt tổng kết, nghị quyết, chỉ tiêu, chỉ số, địa bàn, cơ quan, số liệu.",
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSessionAuth()],
    # The schema and its docs are public (they describe, they hold no data) but answer GET/HEAD only.
    docs_decorator=require_safe,
    parser=ObjectBodyParser(),
)


def _has_nul(value: object) -> bool:
    """Whether a string, or any key or value inside a JSON value, holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _body_has_nul(request: HttpRequest) -> bool:
    """Whether the JSON body holds a NUL (an unreadable body is left to the parser's 400)."""
    body = request.body
    if b"\\u0000" not in body and b"\x00" not in body:
        return False
    try:
        return _has_nul(json.loads(body))
    except ValueError:
        return False


def refuse_nul_characters(view):
    """Refuse a NUL character (\\u0000) in a path, query or body value with 422: PostgreSQL can
    neither store nor compare text holding one, so such input answered 500 (found by schemathesis)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        query = [item for pair in request.GET.lists() for item in (pair[0], *pair[1])]
        if _has_nul(kwargs) or _has_nul(query) or _body_has_nul(request):
            detail = gettext("Dữ liệu gửi lên chứa ký tự NUL (\\u0000); hãy bỏ ký tự này.")
            return api.create_response(request, {"detail": detail}, status=422)
        return view(request, *args, **kwargs)

    return wrapper


# Before validation, so that no NUL reaches a query.
api.add_decorator(refuse_nul_characters, mode="view")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied):
    """403 as JSON in Vietnamese (ninja would otherwise answer a traceback when DEBUG is on)."""
    return api.create_response(
        request, {"detail": gettext("Anh/chị không có quyền thực hiện thao tác này.")}, status=403
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError):
    """The endpoint's own message; ninja's English one for an unreadable body said in Vietnamese."""
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        message = gettext("Nội dung gửi lên phải là một đối tượng JSON hợp lệ ({...}).")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404):
    """404 without any detail of what was looked for."""
    return api.create_response(request, {"detail": gettext("Không tìm thấy.")}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
    """401 in Vietnamese: say how to authenticate."""
    return api.create_response(
        request,
        {
            "detail": gettext(
                "Cần đăng nhập hoặc mã truy cập API hợp lệ (Authorization: Bearer tk_...)."
            )
        },
        status=401,
    )


# Each app's router, mounted by import path so that apps stay independent of each other.
for _prefix, _router in [
    ("/", "tongket.organizations.api.router"),
    ("/", "tongket.resolutions.api.router"),
    ("/", "tongket.reviews.api.router"),
    ("/", "tongket.figures.api.router"),
    ("/", "tongket.assessment.api.router"),
    ("/", "tongket.reports.api.router"),
]:
    api.add_router(_prefix, _router)
