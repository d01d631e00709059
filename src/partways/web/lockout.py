"""Failed log-ins throttled per account and per address, through django-axes.

Axes counts the failures and refuses a locked account or address before its password
is checked (``LoginThrottleBackend``, first in ``AUTHENTICATION_BACKENDS``); this module
tells it whose account and which address a request is, and words the refusal as a page
in the person's language. The limits are settings (``PARTWAYS_LOGIN_FAILURE_LIMIT``,
``PARTWAYS_LOGIN_COOLOFF_MINUTES``); ``partways unlock`` lifts a lock early.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class LoginThrottleBackend(AxesStandaloneBackend):  # type: ignore[misc]  # axes is untyped
    """Refuse a locked-out account or address before any password is checked.

    ``authenticate()`` without a request comes from code running on this machine (a
    shell, a management command), not from someone over the network: there is no
    address to count, so it is left to the next backend instead of failing.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]


def username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account a log-in is for, as log-ins are stored: e-mail, trimmed, lower case."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field) if credentials else request.POST.get(field)
    return raw.strip().lower() if isinstance(raw, str) else None


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from, as the outermost trusted proxy saw it.

    With ``PARTWAYS_PROXY_COUNT`` proxies in front, each appends the address it was
    reached from to X-Forwarded-For, so the entry that many places from the right is
    the client's; anything further left was written by the client and is ignored.
    Without proxies (or without the header) it is the connection's own address.
    """
    count = settings.PARTWAYS_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if count > 0 and len(forwarded) >= count:
        candidate = forwarded[-count]
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            pass
    remote = request.META.get("REMOTE_ADDR")
    return str(remote) if remote else None


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """The page a locked-out person sees (HTTP 429), with when to try again."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = TemplateResponse(
        request, "partways/locked_out.html", {"minutes": minutes}, status=429
    )
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response.render()
