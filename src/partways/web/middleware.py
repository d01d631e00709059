"""The interface language a person chose follows them to every device."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class UserLanguageMiddleware:
    """Activate the logged-in member's language over the browser's and the cookie's.

    Runs after authentication; LocaleMiddleware (earlier) has already picked a
    language from the cookie or Accept-Language for anonymous pages such as log-in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        member = getattr(request.user, "member", None) if request.user.is_authenticated else None
        chosen = getattr(member, "language", "")
        if chosen in self.supported:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        if chosen in self.supported:
            response.headers.setdefault("Content-Language", chosen)
        return response


# A Croatian date ends with a dot ("5. siječnja 2027."); where a sentence ends with the
# date, that dot is also the full stop, and Croatian writes one, not two.
_DOUBLE_STOP = re.compile(rb"(\d{4}\.)\.(?=[\s<)\"]|$)")


class OrdinalDateStopMiddleware:
    """Write one stop, not two, after a Croatian date that ends a sentence."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            translation.get_language() == "hr"
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response.content = _DOUBLE_STOP.sub(rb"\1", response.content)
        return response
