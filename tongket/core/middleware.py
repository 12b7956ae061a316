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


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the person chose English with the switch (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a civil servant whose
    browser is set to English would get English pages; Tongket is Vietnamese by default.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Activate the chosen language for this request and say which one the answer is in."""
        from django.conf import settings
        from django.utils import translation
        from django.utils.cache import patch_vary_headers

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response
