"""Clockify's API v1: one workspace's clients, projects and everyone's time entries.

Clockify has no "changed since" filter and reports deletions only to webhooks, which
need a public address a self-hosted install may not have. So the first sync reads
``history_days`` back, and every later one reads the trailing window
(``window_days``) again in full: an entry edited inside it arrives as it is now, and
one no longer listed there was deleted (``complete_since``). Entries are listed per
member (``/user/{id}/time-entries``), which takes a workspace admin's key; any other
key reads its owner's own entries, and says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import polars as pl

from partways.core.phrase import marked, say

from ..base import Connector, CredentialField, Fetched, SyncFailed
from ..http import ApiClient
from .api import API, list_all, one
from .entries import Names, entries_frame, entry_row, local_day, nested, not_work

# The entries' ``start``/``end`` filter may be read in the profile's time zone despite
# the Z (reported, unconfirmed): two days' margin each side covers any zone.
MARGIN = dt.timedelta(days=2)


class ClockifyConnector(Connector):
    service = "clockify"
    title = marked("Clockify")
    base_url = "https://api.clockify.me"
    fields = (
        CredentialField(
            "api_key",
            marked("API key"),
            marked(
                "Clockify → your profile picture → Preferences → Advanced → API keys → "
                "Manage API keys → Generate new. A workspace admin's key syncs everyone's time."
            ),
        ),
        CredentialField(
            "workspace_id",
            marked("Workspace id (optional)"),
            marked(
                "The id in the address of the workspace's settings page; empty: the "
                "workspace the key's owner has open."
            ),
            secret=False,
            required=False,
        ),
    )

    def _api(self) -> ApiClient:
        # The paths carry /api/v1; an address given with it (as Clockify's docs write
        # the regional ones, euc1.clockify.me/api/v1) must not double it.
        base = self.url.removesuffix(API)
        return ApiClient("Clockify", base, headers={"X-Api-Key": self.credential("api_key")})

    def check(self) -> str:
        with self._api() as api:
            me = one(api, f"{API}/user")
            workspace = self._workspace(api, me, {})
        return f"{me.get('name') or '?'} ({me.get('email') or '?'}), workspace {workspace['name']}"

    def fetch(self, cursor: Mapping[str, Any]) -> Fetched:
        fetched = Fetched()
        first_day = self._first_day(cursor)
        with self._api() as api:
            me = one(api, f"{API}/user")
            workspace = self._workspace(api, me, cursor)
            wid = str(workspace["id"])
            clients = list_all(api, f"{API}/workspaces/{wid}/clients")
            projects = list_all(api, f"{API}/workspaces/{wid}/projects")
            members, scope = self._members(api, wid, me, cursor, fetched)
            names = Names(
                projects={str(p["id"]): p for p in projects},
                clients={str(c["id"]): str(c.get("name") or "") for c in clients},
                currency=_currency(workspace),
            )
            window = {
                "start": _stamp(first_day - MARGIN),
                "end": _stamp(self.now.date() + MARGIN),
                "hydrated": "true",
            }
            tasks = _Tasks(api, wid)
            # By id: an entry added while the pages are read pushes the newest-first
            # list down, and the last entry of a page comes again on the next one.
            rows: dict[str, dict[str, Any]] = {}
            owners: dict[str, str] = {}
            for member in members:
                path = f"{API}/workspaces/{wid}/user/{member['id']}/time-entries"
                for entry in list_all(api, path, window):
                    if str(entry["id"]) in rows:
                        continue
                    row = self._row(entry, member, names, tasks, fetched)
                    if row is not None:
                        rows[str(entry["id"])] = row
                        owners[str(entry["id"])] = str(member["id"])
        _add_lists(fetched, clients, projects, names)
        if rows:
            fetched.add(
                "time_entries",
                entries_frame(list(rows.values())),
                list(rows),
                [local_day(row["started_at"], self.time_zone) for row in rows.values()],
                scopes=[owners[sid] for sid in rows],
            )
        # Every entry of the members read, from the first day on, was listed: one
        # synced before and missing now was deleted at Clockify (or moved to a start
        # before the first day). A member no longer listed (removed from the
        # workspace) says nothing: their entries stay as they were synced.
        fetched.complete_since["time_entries"] = first_day
        fetched.complete_scopes["time_entries"] = {str(member["id"]) for member in members}
        fetched.cursor = {
            "workspace_id": wid,
            "members": scope,
            "read_from": first_day.isoformat(),
            "synced_until": self.now.isoformat(),
        }
        return fetched

    def _first_day(self, cursor: Mapping[str, Any]) -> dt.date:
        """The history on the first sync; then the window, or the last sync's day when
        that is older (a connection left unsynced longer than the window)."""
        try:
            last = dt.datetime.fromisoformat(str(cursor["synced_until"])).date()
        except (KeyError, ValueError):
            # Never synced (or a cursor this version cannot read): read the history.
            return self.history_start()
        return min(self.window_start(), last)

    def _workspace(
        self, api: ApiClient, me: dict[str, Any], cursor: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The workspace to read: the one named, else the one synced before (the owner's
        open workspace changes as they switch in Clockify), else the open one."""
        named = self.credentials.get("workspace_id", "").strip()
        synced = str(cursor.get("workspace_id") or "")
        if named and synced and named != synced:
            raise SyncFailed(
                say(
                    "sync.clockify_other_workspace",
                    "this connection synced another Clockify workspace ({synced}); connect "
                    "workspace {named} under another label (--label) instead.",
                    synced=synced,
                    named=named,
                )
            )
        wanted = named or synced or me.get("activeWorkspace") or me.get("defaultWorkspace")
        workspaces = list_all(api, f"{API}/workspaces", paged=False)
        for workspace in workspaces:
            if str(workspace.get("id")) == wanted:
                return workspace
        raise SyncFailed(
            say(
                "sync.clockify_no_workspace",
                "the API key opens no Clockify workspace with the id {wanted}; it opens: "
                "{workspaces}.",
                wanted=repr(wanted or ""),
                workspaces=", ".join(f"{w.get('name')} ({w.get('id')})" for w in workspaces)
                or "none",
            )
        )

    def _members(
        self,
        api: ApiClient,
        wid: str,
        me: dict[str, Any],
        cursor: Mapping[str, Any],
        fetched: Fetched,
    ) -> tuple[list[dict[str, Any]], str]:
        """The members whose entries are read, and whether that is everyone ("all")."""
        try:
            return list_all(api, f"{API}/workspaces/{wid}/users"), "all"
        except SyncFailed as exc:
            if not (exc.phrase.code == "sync.refused" and exc.phrase.params.get("status") == 403):
                raise
        if cursor.get("members") == "all":
            # Reading only the owner's entries now would take everyone else's synced
            # entries in the window for deleted ones.
            raise SyncFailed(
                say(
                    "sync.clockify_not_admin_any_more",
                    "the API key can no longer list the workspace's members (it is not a "
                    "workspace admin's any more?); nothing was changed. Connect again with "
                    "an admin's key, or under another label to sync only your own time.",
                )
            )
        fetched.records.notes.append(
            say(
                "sync.clockify_own_entries_only",
                "The API key is not a workspace admin's: only {name}'s own entries were "
                "read. Connect with an admin's key to sync everyone's time.",
                name=me.get("name") or me.get("email") or "?",
            )
        )
        return [me], "own"

    def _row(
        self,
        entry: dict[str, Any],
        member: dict[str, Any],
        names: Names,
        tasks: _Tasks,
        fetched: Fetched,
    ) -> dict[str, Any] | None:
        reason = not_work(entry)
        if reason is not None:
            fetched.records.skip(reason)
            return None
        task = nested(entry, "task").get("name") or tasks.name(
            entry.get("projectId"), entry.get("taskId")
        )
        person = str(member.get("name") or nested(entry, "user").get("name") or "")
        row = entry_row(entry, person, names, task)
        if row is None:
            fetched.records.skip(
                say("sync.clockify_running", "Clockify timers still running (synced once stopped)")
            )
        return row


class _Tasks:
    """Task names by id, read per project only when an entry comes without its task
    (``hydrated`` embeds it; this is for answers that do not)."""

    def __init__(self, api: ApiClient, wid: str) -> None:
        self.api, self.wid = api, wid
        self._names: dict[str, dict[str, str]] = {}

    def name(self, project_id: Any, task_id: Any) -> str | None:
        if not task_id or not project_id:
            return None
        if project_id not in self._names:
            path = f"{API}/workspaces/{self.wid}/projects/{project_id}/tasks"
            self._names[project_id] = {
                str(t["id"]): str(t.get("name") or "") for t in list_all(self.api, path)
            }
        return self._names[project_id].get(str(task_id))


def _add_lists(
    fetched: Fetched,
    clients: list[dict[str, Any]],
    projects: list[dict[str, Any]],
    names: Names,
) -> None:
    """Clients and projects as the projects report's importer gives them (by name)."""
    named = [c for c in clients if str(c.get("name") or "").strip()]
    if named:
        fetched.add(
            "clients",
            pl.DataFrame({"client": [str(c["name"]).strip() for c in named]}),
            [str(c["id"]) for c in named],
        )
    listed = [p for p in projects if str(p.get("name") or "").strip()]
    if listed:
        owners = [
            names.clients.get(str(p.get("clientId") or "")) or p.get("clientName") or None
            for p in listed
        ]
        fetched.add(
            "projects",
            pl.DataFrame(
                {
                    "client": [o.strip() if o else None for o in owners],
                    "project": [str(p["name"]).strip() for p in listed],
                },
                schema={"client": pl.String, "project": pl.String},
            ),
            [str(p["id"]) for p in listed],
        )


def _currency(workspace: dict[str, Any]) -> str | None:
    """The workspace's default currency: the one marked default, else its rate's."""
    for currency in workspace.get("currencies") or []:
        if currency.get("isDefault") and currency.get("code"):
            return str(currency["code"])
    rate = workspace.get("hourlyRate") or {}
    return str(rate["currency"]) if rate.get("currency") else None


def _stamp(day: dt.date) -> str:
    """Midnight UTC of ``day`` as Clockify's filters take it (``yyyy-MM-ddTHH:mm:ssZ``)."""
    return f"{day.isoformat()}T00:00:00Z"
