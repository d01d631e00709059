"""One HTTP client per service: timeouts, rate limits, and errors that say what to do.

Every failure is a :class:`~partways.connectors.base.SyncFailed` worded for the user:
a refused token (401/403), a network failure, a quota that resets too late to wait
for, an answer that is not JSON. Credentials travel in headers only, never in a URL,
and no message repeats them.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from partways.core.phrase import say

from .base import SyncFailed

TIMEOUT_S = 30.0
# A rate limit that lifts within this many seconds is waited for; a later one fails
# the sync with when to try again (Toggl's free plan resets its hourly quota).
MAX_WAIT_S = 90.0
MAX_ATTEMPTS = 5


def _user_agent() -> str:
    """Who is asking: Harvest refuses a request without a User-Agent."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"partways/{version('partways')} (self-hosted)"
    except PackageNotFoundError:
        return "partways (self-hosted)"


USER_AGENT = _user_agent()


@dataclass
class Answer:
    """A decoded JSON answer and the headers that came with it."""

    body: Any
    headers: httpx.Headers


class ApiClient:
    """Requests to one service's API, relative to ``base_url``.

    ``rate_statuses`` are the answers that mean "too many requests" (429 everywhere;
    Toggl also answers 402 when an hourly quota is spent). ``sleep`` is how a rate
    limit is waited out.
    """

    def __init__(
        self,
        service: str,
        base_url: str,
        *,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        rate_statuses: tuple[int, ...] = (429,),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service = service
        self.base_url = base_url.rstrip("/")
        self.rate_statuses = rate_statuses
        self.sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", **(headers or {})},
            auth=auth,
            timeout=TIMEOUT_S,
            follow_redirects=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Answer:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any) -> Answer:
        return self.request("POST", path, json=body)

    def url(self, path: str) -> str:
        """``path`` under the base address; a whole address (a next-page link) only on
        the service's own host, so the credentials are never sent anywhere else."""
        if not path.startswith(("http://", "https://")):
            return f"{self.base_url}{path}"
        if httpx.URL(path).netloc != httpx.URL(self.base_url).netloc:
            raise SyncFailed(
                say(
                    "sync.foreign_link",
                    "{service} pointed to another address ({address}); it was not "
                    "followed, and nothing was changed.",
                    service=self.service,
                    address=str(httpx.URL(path).copy_with(query=None)),
                )
            )
        return path

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> Answer:
        """The decoded answer; waits out short rate limits; raises :class:`SyncFailed`."""
        url = self.url(path)
        for attempt in range(MAX_ATTEMPTS):
            try:
                response = self._client.request(method, url, params=params, json=json)
            except httpx.TimeoutException as exc:
                raise SyncFailed(
                    say(
                        "sync.timeout",
                        "{service} did not answer within {seconds} seconds; nothing was "
                        "changed. Try again later.",
                        service=self.service,
                        seconds=int(TIMEOUT_S),
                    )
                ) from exc
            except httpx.HTTPError as exc:
                raise SyncFailed(
                    say(
                        "sync.network",
                        "cannot reach {service} at {address} ({problem}); nothing was "
                        "changed. Check the network connection and try again.",
                        service=self.service,
                        address=self.base_url,
                        problem=type(exc).__name__,
                    )
                ) from exc
            if response.status_code in self.rate_statuses:
                wait = retry_after(response.headers, attempt)
                if wait > MAX_WAIT_S or attempt == MAX_ATTEMPTS - 1:
                    raise SyncFailed(
                        say(
                            "sync.rate_limited",
                            "{service} is limiting how often it may be asked (HTTP {status}); "
                            "nothing was changed. Sync again in {minutes} minute(s).",
                            service=self.service,
                            status=response.status_code,
                            minutes=max(1, round(wait / 60)),
                        )
                    )
                self.sleep(wait)
                continue
            return self._decoded(response)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _decoded(self, response: httpx.Response) -> Answer:
        status = response.status_code
        if status in (401, 403):
            raise SyncFailed(
                say(
                    "sync.refused",
                    "{service} refused the credentials (HTTP {status}: {detail}); the token "
                    "may have been revoked or lack read access, or the plan may not include "
                    "the API. Nothing was changed. Run partways connect again with a new token.",
                    service=self.service,
                    status=status,
                    detail=_detail(response),
                )
            )
        if status >= 400:
            raise SyncFailed(
                say(
                    "sync.http_error",
                    "{service} answered HTTP {status} to {path} ({detail}); nothing was changed.",
                    service=self.service,
                    status=status,
                    path=response.request.url.path,
                    detail=_detail(response),
                )
            )
        try:
            body = response.json() if response.content else None
        except ValueError as exc:
            raise SyncFailed(
                say(
                    "sync.not_json",
                    "{service} answered {path} with something that is not JSON; check the "
                    "address ({address}). Nothing was changed.",
                    service=self.service,
                    path=response.request.url.path,
                    address=self.base_url,
                )
            ) from exc
        return Answer(body, response.headers)


def retry_after(headers: httpx.Headers, attempt: int) -> float:
    """Seconds to wait before asking again: the service's ``Retry-After`` (seconds or
    a date), Toggl's quota reset, else a doubling back-off."""
    for name in ("Retry-After", "X-Toggl-Quota-Resets-In", "X-RateLimit-Reset-After"):
        value = headers.get(name)
        if not value:
            continue
        try:
            return max(0.0, float(value))
        except ValueError:
            if name != "Retry-After":
                continue
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):
                continue
            return max(0.0, when.timestamp() - time.time())
    return float(2**attempt)


def _detail(response: httpx.Response) -> str:
    """A short reason from an error answer: its message field, else the status text."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("message", "error_description", "error", "errors"):
            value = body.get(key)
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, str) and value.strip():
                return value.strip()[:200]
    return response.reason_phrase or str(response.status_code)
