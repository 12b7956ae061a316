"""The REST API (django-ninja): OpenAPI at /api/openapi.json, docs at /api/docs.

Every endpoint needs a signed-in caller: a bearer token (`Authorization: Bearer tk_...`, made on the
"Mã truy cập API" page) or the browser's session. Each app adds its router in its own `api.py`; they are
mounted here. Endpoints read the caller from `request.auth` and ask tongket.accounts.rights, as pages do.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
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


api = NinjaAPI(
    title="Tongket API",
    version="1",
    description="API của Tongket: đợt tổng kết, nghị quyết, chỉ tiêu, chỉ số, địa bàn, cơ quan, số liệu.",
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSessionAuth()],
    # The schema and its docs are public (they describe, they hold no data) but answer GET/HEAD only.
    docs_decorator=require_safe,
)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied):
    """403 as JSON in Vietnamese (ninja would otherwise answer a traceback when DEBUG is on)."""
    return api.create_response(
        request, {"detail": gettext("Anh/chị không có quyền thực hiện thao tác này.")}, status=403
    )


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
