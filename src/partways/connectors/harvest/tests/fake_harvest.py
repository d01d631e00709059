"""A Harvest account in memory, answering the API v2 routes the connector reads.

Built from the fixture bodies (shaped as Harvest's API reference shows them), it
answers as Harvest does: the ``Authorization: Bearer`` and ``Harvest-Account-Id``
headers are checked (401 for a bad token, 403 for another account, 400 without a
User-Agent), lists are paged by ``per_page`` (at most 2000, else 422) with the
reference's ``page``/``total_pages``/``links`` fields, clients by cursor as the
pagination page shows and the rest by page number; time entries honour ``from``,
``to`` (``spent_date``) and ``updated_since`` and come newest day first. Entries can
be edited (``updated_at`` moves on) and deleted for good between syncs.
"""

from __future__ import annotations

import base64
import copy
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from partways.connectors.fake_api import Reply, Request

FIXTURES = Path(__file__).parent.parent / "fixtures"
TOKEN = "2150.pt.fixture-token-not-real"
ACCOUNT_ID = "1234567"
MAX_PER_PAGE = 2000


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class HarvestAccount:
    def __init__(self) -> None:
        self.me = fixture("users_me.json")
        self.company = fixture("company.json")
        self.clients: list[dict[str, Any]] = fixture("clients.json")["clients"]
        self.projects: list[dict[str, Any]] = fixture("projects.json")["projects"]
        self.entries: dict[int, dict[str, Any]] = {
            e["id"]: e for e in fixture("time_entries.json")["time_entries"]
        }
        self.base = "https://api.harvestapp.com"  # the server's own address, once started
        self.forbidden: set[str] = set()  # paths this user may not read (a member)
        self._clock = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)

    # --- changes made at "Harvest" between syncs --------------------------------------

    def edit(self, entry_id: int, **changes: Any) -> None:
        """Change an entry as Harvest's PATCH does: ``updated_at`` moves on."""
        entry = self.entries[entry_id]
        entry.update(changes)
        if "hours" in changes:
            entry["hours_without_timer"] = entry["rounded_hours"] = changes["hours"]
        entry["updated_at"] = self._tick()

    def delete(self, entry_id: int) -> None:
        """Gone for good, as Harvest deletes: nothing is left to list."""
        del self.entries[entry_id]

    def add(self, entry: dict[str, Any]) -> None:
        entry = copy.deepcopy(entry)
        entry["created_at"] = entry["updated_at"] = self._tick()
        self.entries[entry["id"]] = entry

    def _tick(self) -> str:
        self._clock += dt.timedelta(minutes=1)
        return self._clock.strftime("%Y-%m-%dT%H:%M:%SZ")

    # --- the API -------------------------------------------------------------------

    def route(self, request: Request) -> Reply:
        if not request.header("User-Agent"):
            return Reply(400, {"error": "bad_request", "error_description": "User-Agent missing"})
        if request.header("Authorization") != f"Bearer {TOKEN}":
            return Reply(
                401,
                {
                    "error": "invalid_token",
                    "error_description": "The access token provided is expired, revoked, "
                    "malformed or invalid for other reasons.",
                },
            )
        if request.header("Harvest-Account-Id") != ACCOUNT_ID or request.path in self.forbidden:
            return Reply(403, {"error": "forbidden", "error_description": "Forbidden"})
        if request.method != "GET":
            return Reply(405, {"error": "method_not_allowed"})
        if request.path == "/v2/users/me":
            return Reply(200, self.me)
        if request.path == "/v2/company":
            return Reply(200, self.company)
        if request.path == "/v2/clients":
            return self._cursor_page(request, "clients", self.clients)
        if request.path == "/v2/projects":
            return self._page(request, "projects", self.projects, {})
        if request.path == "/v2/time_entries":
            entries, filters = self._filtered(request)
            return self._page(request, "time_entries", entries, filters)
        return Reply(404, {"status": 404, "error": "Not Found"})

    def _filtered(self, request: Request) -> tuple[list[dict[str, Any]], dict[str, str]]:
        filters = {
            k: v for k in ("from", "to", "updated_since") if (v := request.arg(k)) is not None
        }
        entries = list(self.entries.values())
        if "from" in filters:
            entries = [e for e in entries if e["spent_date"] >= filters["from"]]
        if "to" in filters:
            entries = [e for e in entries if e["spent_date"] <= filters["to"]]
        if "updated_since" in filters:
            since = _instant(filters["updated_since"])
            entries = [e for e in entries if _instant(e["updated_at"]) >= since]
        # "The time entries are returned sorted by spent_date date", newest first.
        entries.sort(key=lambda e: (e["spent_date"], e["id"]), reverse=True)
        return entries, filters

    def _per_page(self, request: Request) -> int | None:
        per_page = int(request.arg("per_page") or MAX_PER_PAGE)
        return per_page if 1 <= per_page <= MAX_PER_PAGE else None

    def _page(self, request: Request, key: str, items: list[Any], filters: dict[str, str]) -> Reply:
        per_page = self._per_page(request)
        if per_page is None:
            return Reply(422, {"message": "per_page must be between 1 and 2000"})
        total = max(1, math.ceil(len(items) / per_page))
        page = int(request.arg("page") or 1)

        def link(number: int, ref: str) -> str:
            query = {**filters, "page": number, "per_page": per_page, "ref": ref}
            return f"{self.base}{request.path}?{urlencode(query)}"

        return Reply(
            200,
            {
                key: items[(page - 1) * per_page : page * per_page],
                "per_page": per_page,
                "total_pages": total,
                "total_entries": len(items),
                "next_page": page + 1 if page < total else None,
                "previous_page": page - 1 if page > 1 else None,
                "page": page,
                "links": {
                    "first": link(1, "first"),
                    "next": link(page + 1, "next") if page < total else None,
                    "previous": link(page - 1, "previous") if page > 1 else None,
                    "last": link(total, "last"),
                },
            },
        )

    def _cursor_page(self, request: Request, key: str, items: list[Any]) -> Reply:
        """Cursor paging as the pagination reference shows it: ``links.next`` carries
        ``cursor=…&ref=next_cursor``; ``page``/``next_page`` are null between the first
        and the last page."""
        per_page = self._per_page(request)
        if per_page is None:
            return Reply(422, {"message": "per_page must be between 1 and 2000"})
        start = 0
        if cursor := request.arg("cursor"):
            after = json.loads(base64.urlsafe_b64decode(cursor))["after"]["id"]
            start = next(i for i, item in enumerate(items) if item["id"] == after) + 1
        chunk = items[start : start + per_page]
        total = max(1, math.ceil(len(items) / per_page))
        number = start // per_page + 1
        first, last = number == 1, number == total
        more = start + per_page < len(items)
        nxt = None
        if more:
            token = base64.urlsafe_b64encode(
                json.dumps({"after": {"id": chunk[-1]["id"]}}).encode()
            )
            query = urlencode(
                {"cursor": token.decode(), "per_page": per_page, "ref": "next_cursor"}
            )
            nxt = f"{self.base}{request.path}?{query}"
        base = f"{self.base}{request.path}"
        return Reply(
            200,
            {
                key: chunk,
                "per_page": per_page,
                "total_pages": total,
                "total_entries": len(items),
                "next_page": number + 1 if first and more else None,
                "previous_page": number - 1 if last and number > 1 else None,
                "page": number if first or last else None,
                "links": {
                    "first": f"{base}?page=1&per_page={per_page}&ref=first",
                    "next": nxt,
                    "previous": None,
                    "last": f"{base}?page={total}&per_page={per_page}&ref=last",
                },
            },
        )


def _instant(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
