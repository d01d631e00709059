"""The Toggl Track requests a sync makes, and the paging each one needs.

Every request counts against Toggl's hourly quota (30 an hour on the Free plan, per
user and organisation), so each list is asked for once per sync: clients, projects
(paged), tasks only when an entry names one, then the detailed report. Shapes:
API v9 (``/api/v9``) and the Reports API v3 (``/reports/api/v3``); see README.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from partways.core.phrase import say

from ..base import SyncFailed
from ..http import ApiClient

# Toggl answers "per_page" up to 200 for projects; the report's page size is Toggl's
# own default (50), the size its documentation and clients use.
PROJECTS_PER_PAGE = 200
REPORT_PAGE_SIZE = 50
# "The maximum number of days in a range is 365 days", 366 for a whole leap year.
REPORT_SPAN = dt.timedelta(days=365)


def spans(first: dt.date, last: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
    """``first`` to ``last`` in spans the report accepts (both days included)."""
    start = first
    while start <= last:
        end = min(last, start + REPORT_SPAN)
        yield start, end
        start = end + dt.timedelta(days=1)


def _list(answer: Any, path: str) -> list[dict[str, Any]]:
    """A JSON list of objects; ``null`` (Toggl's answer for "none") is empty."""
    if answer is None:
        return []
    if not isinstance(answer, list):
        raise SyncFailed(
            say(
                "sync.toggl_unexpected",
                "Toggl Track answered {path} with something other than a list; nothing "
                "was changed.",
                path=path,
            )
        )
    return [item for item in answer if isinstance(item, dict)]


class TogglApi:
    """The requests, over one :class:`ApiClient` (Basic auth: the token and "api_token")."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client
        self.projects_per_page = PROJECTS_PER_PAGE
        self.report_page_size = REPORT_PAGE_SIZE

    def me(self) -> dict[str, Any]:
        body = self.client.get("/api/v9/me").body
        if not isinstance(body, dict):
            raise SyncFailed(
                say(
                    "sync.toggl_no_profile",
                    "Toggl Track answered /api/v9/me without the user's profile; check the "
                    "address. Nothing was changed.",
                )
            )
        return body

    def workspaces(self) -> list[dict[str, Any]]:
        path = "/api/v9/me/workspaces"
        return _list(self.client.get(path).body, path)

    def clients(self, wid: int) -> list[dict[str, Any]]:
        # Archived clients too: their projects' old entries still name them.
        path = f"/api/v9/workspaces/{wid}/clients"
        return _list(self.client.get(path, {"status": "both"}).body, path)

    def projects(self, wid: int) -> list[dict[str, Any]]:
        path = f"/api/v9/workspaces/{wid}/projects"
        found: list[dict[str, Any]] = []
        page = 1
        while True:
            params = {"active": "both", "page": page, "per_page": self.projects_per_page}
            batch = _list(self.client.get(path, params).body, path)
            found.extend(batch)
            # No total and no next link: a short page is the last one.
            if len(batch) < self.projects_per_page:
                return found
            page += 1

    def tasks(self, wid: int) -> list[dict[str, Any]]:
        path = f"/api/v9/workspaces/{wid}/tasks"
        found: list[dict[str, Any]] = []
        page = 1
        while True:
            params = {"active": "both", "page": page, "per_page": self.projects_per_page}
            body = self.client.get(path, params).body
            # The v9 reference wraps the list ({"data": [...], "total_count": n}); a
            # bare list is read too, as one page.
            total = body.get("total_count") if isinstance(body, dict) else None
            batch = _list(body.get("data") if isinstance(body, dict) else body, path)
            found.extend(batch)
            if not batch or not isinstance(total, int) or len(found) >= total:
                return found
            page += 1

    def users(self, wid: int) -> list[dict[str, Any]]:
        path = f"/api/v9/workspaces/{wid}/users"
        return _list(self.client.get(path).body, path)

    def changed_entries(self, since: int) -> list[dict[str, Any]]:
        """The token owner's entries changed since ``since`` (unix), deleted ones too."""
        path = "/api/v9/me/time_entries"
        return _list(self.client.get(path, {"since": since}).body, path)

    def report(self, wid: int, first: dt.date, last: dt.date) -> Iterator[dict[str, Any]]:
        """Detailed report rows of every entry started from ``first`` to ``last``
        (both included), in spans Toggl accepts, page by page."""
        for start, end in spans(first, last):
            yield from self.report_span(wid, start, end)

    def report_span(
        self,
        wid: int,
        start: dt.date,
        end: dt.date,
        first_row: int | None = None,
        place: dict[str, int | None] | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The report's rows of one span of at most :data:`REPORT_SPAN`, from its row
        ``first_row`` on (None: the first); ``place["row"]`` says which page is being
        asked for, so that a sync stopped by the quota knows where to go on."""
        path = f"/reports/api/v3/workspace/{wid}/search/time_entries"
        body: dict[str, Any] = {
            "start_date": start.isoformat(),
            "end_date": end.isoformat(),
            "page_size": self.report_page_size,
            "order_by": "date",
            "order_dir": "ASC",
        }
        if first_row is not None:
            body["first_row_number"] = first_row
        seen: set[str] = set()
        while True:
            if place is not None:
                place["row"] = body.get("first_row_number")
            answer = self.client.post(path, body)
            yield from _list(answer.body, path)
            # The next page starts at X-Next-Row-Number; only it is sent back, as
            # clients report an empty page when X-Next-ID is sent with it.
            following = answer.headers.get("X-Next-Row-Number", "").strip()
            if not following:
                return
            if following in seen:
                raise SyncFailed(
                    say(
                        "sync.toggl_paging_loop",
                        "Toggl Track's report repeated a page ({row}); nothing was changed. "
                        "Try again later.",
                        row=following,
                    )
                )
            seen.add(following)
            body["first_row_number"] = int(following)
