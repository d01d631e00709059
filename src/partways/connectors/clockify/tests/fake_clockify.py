"""A Clockify account served the way Clockify's API v1 serves it, from the fixtures.

``X-Api-Key`` names the user; a missing or unknown key is answered 401 with the body
Clockify gives (clockify/clockify_api_docs#7). Lists are bare JSON arrays paged with
``page`` and ``page-size`` (default 50) and no total. ``/users`` and another member's
``/user/{id}/time-entries`` are for workspace admins: anyone else gets 403. Time
entries are filtered by ``start`` (at or after) and ``end`` (ending at or before; a
running timer has no end and is listed), newest first, and ``hydrated=true`` embeds
the project (with ``clientName``), the task and the user, as the API does.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from partways.connectors.fake_api import Reply, Request, page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ID = "6571c0de5a1b2c3d4e5f"
STUDIO, ATELIER = ID + "6001", ID + "6002"
MARKO, DEWI, LAYLA = ID + "a001", ID + "a002", ID + "a003"
# Marko administers both workspaces; Dewi is a plain member of the studio.
MARKO_KEY = "MzY1ZGE4ZmItMjM4Ni00YWQ3LTk3ZTMtYjEwZDg3NmE0YzVh"
DEWI_KEY = "NTRlZTBkMmItNWY0OS00NmQ2LTg5NjEtN2M1YWQ0ZjA5MmU4"
KEYS = {MARKO_KEY: MARKO, DEWI_KEY: DEWI}
ADMINS = {STUDIO: {MARKO}, ATELIER: {MARKO}}
UNAUTHORIZED = {"message": "Full authentication is required to access this resource", "code": 1000}
FORBIDDEN = {"message": "Access Denied", "code": 403}
_WORKSPACE = re.compile(r"/api/v1/workspaces/(?P<wid>[^/]+)(?P<rest>/.*)?")


def entry_id(number: int) -> str:
    return f"{ID}b{number:03d}"


def _fixture(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
    return data


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


class FakeClockify:
    def __init__(self) -> None:
        self.workspaces = _fixture("workspaces")
        self.users = {u["id"]: u for u in _fixture("users")}
        self.clients = _fixture("clients")
        self.projects = {p["id"]: p for p in _fixture("projects")}
        self.tasks = {t["id"]: t for t in _fixture("tasks")}
        self.entries = {e["id"]: copy.deepcopy(e) for e in _fixture("time_entries")}
        self.hydrate_tasks = True

    # -- what the tests do in Clockify ----------------------------------------------

    def edit(self, number: int, **fields: Any) -> None:
        self.entries[entry_id(number)].update(fields)

    def delete(self, number: int) -> None:
        del self.entries[entry_id(number)]

    # -- the API ----------------------------------------------------------------------

    def route(self, request: Request) -> Reply:
        me = KEYS.get(request.header("X-Api-Key"))
        if me is None:
            return Reply(401, UNAUTHORIZED)
        if request.path == "/api/v1/user":
            return Reply(200, self.users[me])
        if request.path == "/api/v1/workspaces":
            return Reply(200, [w for w in self.workspaces if me in _members(w)])
        match = _WORKSPACE.fullmatch(request.path)
        workspace = next((w for w in self.workspaces if match and w["id"] == match["wid"]), None)
        if match is None or workspace is None:
            return Reply(404, {"message": "Not found", "code": 404})
        if me not in _members(workspace):
            return Reply(403, FORBIDDEN)
        return self._in_workspace(request, me, workspace, match["rest"] or "")

    def _in_workspace(
        self, request: Request, me: str, workspace: dict[str, Any], rest: str
    ) -> Reply:
        wid = workspace["id"]
        admin = me in ADMINS.get(wid, set())
        if rest == "/clients":
            return self._page(request, [c for c in self.clients if c["workspaceId"] == wid])
        if rest == "/projects":
            listed = [p for p in self.projects.values() if p["workspaceId"] == wid]
            return self._page(request, listed)
        if rest == "/users":
            if not admin:
                return Reply(403, FORBIDDEN)
            return self._page(request, [self.users[u] for u in _members(workspace)])
        tasks = re.fullmatch(r"/projects/([^/]+)/tasks", rest)
        if tasks:
            return self._page(
                request, [t for t in self.tasks.values() if t["projectId"] == tasks[1]]
            )
        entries = re.fullmatch(r"/user/([^/]+)/time-entries", rest)
        if entries:
            if entries[1] != me and not admin:
                return Reply(403, FORBIDDEN)
            return self._page(request, self._entries(request, wid, entries[1]))
        return Reply(404, {"message": "Not found", "code": 404})

    def _entries(self, request: Request, wid: str, uid: str) -> list[dict[str, Any]]:
        start, end = request.arg("start"), request.arg("end")
        found = []
        for entry in self.entries.values():
            interval = entry["timeInterval"]
            if entry["workspaceId"] != wid or entry["userId"] != uid:
                continue
            if start and _when(interval["start"]) < _when(start):
                continue
            if end and interval["end"] and _when(interval["end"]) > _when(end):
                continue
            found.append(entry)
        found.sort(key=lambda e: e["timeInterval"]["start"], reverse=True)
        if request.arg("hydrated") == "true":
            return [self._hydrated(e) for e in found]
        return [copy.deepcopy(e) for e in found]

    def _hydrated(self, entry: dict[str, Any]) -> dict[str, Any]:
        """The entry with ``project``, ``task``, ``user`` and ``tags`` embedded in place
        of ``tagIds`` (the ids stay), as ``hydrated=true`` answers."""
        out = copy.deepcopy(entry)
        out["tags"] = []
        out["user"] = copy.deepcopy(self.users[entry["userId"]])
        out["project"] = copy.deepcopy(self.projects.get(entry["projectId"] or ""))
        task = self.tasks.get(entry["taskId"] or "")
        out["task"] = copy.deepcopy(task) if task and self.hydrate_tasks else None
        out["kiosk"] = None
        return out

    def _page(self, request: Request, items: list[dict[str, Any]]) -> Reply:
        number = int(request.arg("page") or 1)
        size = int(request.arg("page-size") or 50)
        return Reply(200, copy.deepcopy(page(items, number, size)))


def _members(workspace: dict[str, Any]) -> list[str]:
    return [m["userId"] for m in workspace["memberships"] if m["membershipType"] == "WORKSPACE"]
