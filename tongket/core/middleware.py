"""Security log of refusals: every 401, 403 and 404 answered to a request is written to
"tongket.security" (who, what, where), so that guessing another agency's objects leaves a trace."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

security_log = logging.getLogger("tongket.security")

_LOGGED = {401: "unauthenticated", 403: "forbidden", 404: "not found", 410: "gone"}


class SecurityLogMiddleware:
    """Log refusals; never changes the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on and log the answer when it is a refusal."""
        response = self.get_response(request)
        if response.status_code in _LOGGED and not request.path.startswith("/static/"):
            user = getattr(request, "user", None)
            name = user.username if user is not None and user.is_authenticated else "anonymous"
            security_log.warning(
                "%s: %s %s user=%s from %s",
                _LOGGED[response.status_code],
                request.method,
                request.path[:300],
                name,
                request.META.get("REMOTE_ADDR", "-"),
            )
        return response
