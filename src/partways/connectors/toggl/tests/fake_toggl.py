"""A Toggl Track account served the way Toggl's API serves it, from the fixtures.

API v9 (HTTP Basic with the token and the word ``api_token``; a wrong token is
answered 403): ``/me``, ``/me/workspaces``, the workspace's clients (``status``),
projects (``active``, ``page``/``per_page``), tasks and users, and ``/me/time_entries``
(``since``: the owner's entries changed since then, deleted ones with
``server_deleted_at``). Reports API v3: the detailed report over ``start_date`` to
``end_date`` (the creator's local days, both included, at most 366 days), grouped
rows of entries that share their attributes, paged by ``page_size`` with the
``X-Next-ID`` and ``X-Next-Row-Number`` headers; as a client reported, a page asked
with both ``first_id`` and ``first_row_number`` comes back empty.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from partways.connectors.fake_api import Reply, Request, page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TOKEN = "1971800d4d82861d8f2c1651fea4d212"
WORKSPACE = 7770001
# The account's clock, which the tests' syncs read too: the fixtures' "today".
TODAY = dt.datetime(2026, 12, 7, 11, 0, tzinfo=dt.UTC)


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text("utf-8"))


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class FakeToggl:
    def __init__(self) -> None:
        self.me: dict[str, Any] = fixture("me.json")
        self.workspaces: list[dict[str, Any]] = fixture("workspaces.json")
        self.clients: list[dict[str, Any]] = fixture("clients.json")
        self.projects: list[dict[str, Any]] = fixture("projects.json")
        self.tasks: list[dict[str, Any]] = fixture("tasks.json")["data"]
        self.users: list[dict[str, Any]] = fixture("users.json")
        self.entries: dict[int, dict[str, Any]] = {
            e["id"]: copy.deepcopy(e) for e in fixture("time_entries.json")
        }
        # The report writes each entry in its creator's profile time zone.
        self.zones = {u["id"]: ZoneInfo(u["timezone"]) for u in self.users}
        self.token = TOKEN
        self.now = TODAY
        # Report requests left this hour (None: no limit), as the free plan counts them.
        self.report_quota: int | None = None

    # -- what the tests do at Toggl --------------------------------------------------

    def _stamp(self) -> str:
        """A change's time ("at"): ten minutes on, so after the last sync began."""
        self.now += dt.timedelta(minutes=10)
        return self.now.isoformat()

    def edit(self, entry_id: int, **fields: Any) -> None:
        self.entries[entry_id].update(fields, at=self._stamp())

    def delete(self, entry_id: int) -> None:
        at = self._stamp()
        self.entries[entry_id].update(server_deleted_at=at, at=at)

    # -- the API ---------------------------------------------------------------------

    def route(self, request: Request) -> Reply:
        expected = base64.b64encode(f"{self.token}:api_token".encode()).decode()
        if request.header("Authorization") != f"Basic {expected}":
            return Reply(403, "Incorrect username and/or password")
        path = request.path
        if request.method == "GET" and path == "/api/v9/me":
            return Reply(200, self.me)
        if request.method == "GET" and path == "/api/v9/me/workspaces":
            return Reply(200, self.workspaces)
        if request.method == "GET" and path == "/api/v9/me/time_entries":
            return Reply(200, self._changed(request))
        match = re.fullmatch(r"/api/v9/workspaces/(\d+)/(clients|projects|tasks|users)", path)
        if request.method == "GET" and match:
            if int(match[1]) != WORKSPACE:
                return Reply(403, "Forbidden")
            answer: Reply = getattr(self, f"_{match[2]}")(request)
            return answer
        match = re.fullmatch(r"/reports/api/v3/workspace/(\d+)/search/time_entries", path)
        if request.method == "POST" and match:
            if self.report_quota is not None:
                if self.report_quota <= 0:
                    return Reply(402, "quota exceeded", {"X-Toggl-Quota-Resets-In": "1800"})
                self.report_quota -= 1
            return self._report(int(match[1]), request.body or {})
        return Reply(404, "404 page not found")

    def _clients(self, request: Request) -> Reply:
        status = request.arg("status", "active")
        wanted = {"active": [False], "archived": [True], "both": [False, True]}[status or "active"]
        return Reply(200, [c for c in self.clients if c["archived"] in wanted])

    def _projects(self, request: Request) -> Reply:
        active = request.arg("active", "true")
        shown = [p for p in self.projects if active == "both" or str(p["active"]).lower() == active]
        size = min(int(request.arg("per_page", "151") or 151), 200)
        return Reply(200, page(shown, int(request.arg("page", "1") or 1), size))

    def _tasks(self, request: Request) -> Reply:
        size = int(request.arg("per_page", "50") or 50)
        number = int(request.arg("page", "1") or 1)
        data = page(self.tasks, number, size)
        return Reply(
            200,
            {
                "data": data,
                "page": number,
                "per_page": size,
                "sort_field": "name",
                "sort_order": "ASC",
                "total_count": len(self.tasks),
            },
        )

    def _users(self, request: Request) -> Reply:
        return Reply(200, self.users)

    def _changed(self, request: Request) -> list[dict[str, Any]]:
        """The owner's entries, in every workspace; with ``since``, those changed since
        (deleted ones included), else the ones not deleted."""
        own = [e for e in self.entries.values() if e["user_id"] == self.me["id"]]
        since = request.arg("since")
        if since is None:
            return [e for e in own if not e["server_deleted_at"]]
        after = dt.datetime.fromtimestamp(int(since), dt.UTC)
        return [e for e in own if dt.datetime.fromisoformat(e["at"]) >= after]

    def _report(self, wid: int, body: dict[str, Any]) -> Reply:
        if wid != WORKSPACE:
            return Reply(403, "Forbidden")
        first, last = _day(body.get("start_date", "")), _day(body.get("end_date", ""))
        if first is None or last is None or last < first:
            return Reply(400, "start_date and end_date are required")
        if (last - first).days > 365:
            return Reply(400, "The maximum number of days in a range is 366")
        if body.get("first_id") is not None and body.get("first_row_number") is not None:
            return Reply(200, [])
        rows = self._rows(first, last)
        size = int(body.get("page_size") or 50)
        start = int(body.get("first_row_number") or 1)
        shown = rows[start - 1 : start - 1 + size]
        headers = {}
        if start - 1 + size < len(rows):
            following = rows[start - 1 + size]
            headers = {
                "X-Next-ID": str(following["time_entries"][0]["id"]),
                "X-Next-Row-Number": str(following["row_number"]),
            }
        return Reply(200, shown, headers)

    def _rows(self, first: dt.date, last: dt.date) -> list[dict[str, Any]]:
        """The report's rows: entries of the workspace started on those days, grouped
        by what they share, in order of their first start."""
        workspace = next(w for w in self.workspaces if w["id"] == WORKSPACE)
        projects = {p["id"]: p for p in self.projects}
        users = {u["id"]: u for u in self.users}
        rows: dict[tuple[Any, ...], dict[str, Any]] = {}
        chosen = sorted(
            (
                e
                for e in self.entries.values()
                if e["workspace_id"] == WORKSPACE and not e["server_deleted_at"]
            ),
            key=lambda e: e["start"],
        )
        for entry in chosen:
            zone = self.zones[entry["user_id"]]
            start = dt.datetime.fromisoformat(entry["start"]).astimezone(zone)
            if not first <= start.date() <= last:
                continue
            project = projects.get(entry["project_id"]) or {}
            rate = project.get("rate") or workspace["default_hourly_rate"]
            cents = round(rate * 100)
            currency = project.get("currency") or workspace["default_currency"]
            shared = (
                entry["user_id"],
                entry["project_id"],
                entry["task_id"],
                entry["description"],
                entry["billable"],
                tuple(entry["tag_ids"]),
                cents,
                currency,
            )
            row = rows.setdefault(
                shared,
                {
                    "user_id": entry["user_id"],
                    "username": users[entry["user_id"]]["fullname"],
                    "project_id": entry["project_id"],
                    "task_id": entry["task_id"],
                    "billable": entry["billable"],
                    "description": entry["description"],
                    "tag_ids": entry["tag_ids"],
                    "billable_amount_in_cents": 0,
                    "hourly_rate_in_cents": cents,
                    "currency": currency,
                    "row_number": len(rows) + 1,
                    "time_entries": [],
                },
            )
            running = entry["duration"] < 0
            stop = None if running else dt.datetime.fromisoformat(entry["stop"]).astimezone(zone)
            row["time_entries"].append(
                {
                    "id": entry["id"],
                    "seconds": entry["duration"],
                    "start": start.isoformat(),
                    "stop": stop.isoformat() if stop else None,
                    "at": dt.datetime.fromisoformat(entry["at"]).astimezone(zone).isoformat(),
                }
            )
            if entry["billable"] and not running:
                row["billable_amount_in_cents"] += round(cents * entry["duration"] / 3600)
        return list(rows.values())
