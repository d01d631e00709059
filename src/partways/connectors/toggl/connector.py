"""Toggl Track's API: the workspace's time entries, through the detailed report.

The first sync reads the detailed report (Reports API v3) from ``sync.history_days``
back to today. Later ones read the trailing window (``sync.window_days``) in full
again, so an entry deleted or edited inside it is noticed by its absence or its new
values, and ask ``/me/time_entries?since=`` for what the token's owner changed since
the last sync: deletions older than the window (``server_deleted_at``), and edits
to older entries, which are read again from the report over their days. The cursor
is the time the last sync began (unix seconds), and the workspace it read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from partways.core.phrase import marked, say

from ..base import Connector, CredentialField, Fetched, SyncFailed
from ..http import ApiClient
from .api import TogglApi, spans
from .entries import Entry, Names, api_entry, frame, report_entries

KIND = "time_entries"


@dataclass(frozen=True)
class Paused:
    """Where a history stopped by the hourly quota goes on: the first day of the span
    and the row of the page not read (None: the span's first), and in how many
    minutes the quota resets."""

    day: dt.date
    row: int | None
    minutes: int


# Edits made while a sync reads, and clocks a little apart, are read again next time.
SINCE_MARGIN = dt.timedelta(minutes=5)
# The report's dates are the entry creator's own days; a day either side of the
# window covers every time zone, so each entry dated inside it (here) is listed.
DAY = dt.timedelta(days=1)


class TogglConnector(Connector):
    service = "toggl"
    title = marked("Toggl Track")
    base_url = "https://api.track.toggl.com"
    fields = (
        CredentialField(
            "token",
            marked("API token"),
            marked("Toggl Track → Profile settings → API Token (at the bottom of the page)."),
        ),
        CredentialField(
            "workspace_id",
            marked("Workspace id (optional)"),
            marked(
                "The number in the address of the workspace's settings page; empty: your "
                "default workspace."
            ),
            secret=False,
            required=False,
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The tests page with small pages; a sync uses Toggl's own sizes.
        self.projects_per_page: int | None = None
        self.report_page_size: int | None = None

    def _api(self) -> TogglApi:
        client = ApiClient(
            "Toggl Track",
            self.url,
            auth=(self.credential("token"), "api_token"),
            # 402: the hourly quota of the plan is spent (429: too fast).
            rate_statuses=(429, 402),
        )
        api = TogglApi(client)
        if self.projects_per_page:
            api.projects_per_page = self.projects_per_page
        if self.report_page_size:
            api.report_page_size = self.report_page_size
        return api

    def check(self) -> str:
        api = self._api()
        with api.client:
            me = api.me()
            workspace = self._workspace(api, me)
        who = str(me.get("fullname") or "").strip() or str(me.get("email") or "")
        email = str(me.get("email") or "").strip()
        named = f"{who} ({email})" if email and email != who else who
        return f"{named}, workspace {workspace.get('name') or workspace.get('id')}"

    def _workspace(self, api: TogglApi, me: Mapping[str, Any]) -> dict[str, Any]:
        """The workspace to read: the one named in the connection, else the default."""
        given = self.credentials.get("workspace_id", "").strip()
        wanted = given or str(me.get("default_workspace_id") or "")
        for workspace in api.workspaces():
            if str(workspace.get("id")) == wanted:
                return workspace
        raise SyncFailed(
            say(
                "sync.toggl_no_workspace",
                "this Toggl Track token has no workspace {workspace}; give the workspace "
                "id with partways connect toggl, or leave it empty for your default one.",
                workspace=wanted or "?",
            )
        )

    def fetch(self, cursor: Mapping[str, Any]) -> Fetched:
        fetched = Fetched()
        began = int((self.now - SINCE_MARGIN).timestamp())
        api = self._api()
        with api.client:
            me = api.me()
            workspace = self._workspace(api, me)
            wid = int(workspace["id"])
            currency = workspace.get("default_currency")
            names = Names.of(api.clients(wid), api.projects(wid))
            if cursor.get("workspace_id") not in (None, wid):
                # Another workspace (the default one changed at Toggl): what was synced
                # from the first would all be taken for deleted.
                raise SyncFailed(
                    say(
                        "sync.toggl_other_workspace",
                        "this connection synced Toggl Track workspace {before}, and the "
                        "token now opens workspace {after}; nothing was changed. Connect "
                        "again naming the workspace id (partways connect toggl), or under "
                        "another --label for the other workspace.",
                        before=str(cursor.get("workspace_id")),
                        after=str(wid),
                    )
                )
            since = cursor.get("since")
            last_day = self._today() + DAY
            paused: Paused | None = None
            if since is None:
                # The first sync reads the history, or what is left of it when the
                # hourly quota stopped the last one.
                resumed = _day(cursor.get("history_from"))
                first_day = resumed or self.history_start()
                rows, paused = self._history(
                    api,
                    wid,
                    resumed or first_day - DAY,
                    last_day,
                    _int_or_none(cursor.get("history_row")) if resumed else None,
                )
            else:
                first_day = self.window_start()
                rows = list(api.report(wid, first_day - DAY, last_day))
            self._complete_names(api, wid, names, rows)
            entries, running = self._report(rows, names, currency)
            deleted: set[str] = set()
            if since is not None:
                older, deleted = self._changed(api, int(since), wid, me, names, currency, entries)
                entries.extend(older)
        for sid in sorted(deleted):
            fetched.delete(KIND, sid)
        if running:
            fetched.records.skip(
                say("sync.toggl_running", "running time entries (synced once stopped)"), running
            )
        self._add(fetched, entries)
        # A history read over several syncs: changes to what the first one read are
        # asked for from when it began.
        began = min(began, int(cursor.get("began", began)))
        if paused is not None:
            fetched.records.notes.append(
                say(
                    "sync.toggl_history_paused",
                    "Toggl Track's hourly quota ran out while the history was read: what "
                    "was read (up to {day}) is written. Sync again in {minutes} minute(s) "
                    "to read on from there.",
                    day=paused.day - DAY,
                    minutes=paused.minutes,
                )
            )
            fetched.cursor = {
                "workspace_id": wid,
                "history_from": paused.day.isoformat(),
                "history_row": paused.row,
                "began": began,
            }
            return fetched
        if since is not None or cursor.get("history_row") is None:
            # Listed in full from the first day on. (A history resumed inside a span
            # did not list that span's rows read before: those are not gone.)
            fetched.complete_since[KIND] = first_day
        fetched.cursor = {"since": began, "workspace_id": wid}
        return fetched

    def _history(
        self,
        api: TogglApi,
        wid: int,
        first: dt.date,
        last: dt.date,
        first_row: int | None,
    ) -> tuple[list[dict[str, Any]], Paused | None]:
        """The report's rows from ``first`` to ``last``, span by span, oldest first.

        Toggl's free plan allows 30 requests an hour: a long, busy history may not fit.
        When the quota runs out after some of it was read, what was read is kept and
        the place of the page not read is returned (its span's first day, its row),
        with the minutes until the quota resets, so that this sync writes what it has
        and the next one reads on. Nothing read at all: the sync fails and says when.
        """
        rows: list[dict[str, Any]] = []
        for start, end in spans(first, last):
            place: dict[str, int | None] = {"row": first_row}
            try:
                rows.extend(api.report_span(wid, start, end, first_row, place))
            except SyncFailed as exc:
                stuck = start == first and place["row"] == first_row
                if exc.phrase.code != "sync.rate_limited" or stuck:
                    raise
                minutes = int(exc.phrase.params.get("minutes", 60))
                return rows, Paused(start, place["row"], minutes)
            first_row = None
        return rows, None

    def _today(self) -> dt.date:
        return self.now.astimezone(ZoneInfo(self.time_zone)).date()

    def _complete_names(
        self, api: TogglApi, wid: int, names: Names, rows: list[dict[str, Any]]
    ) -> None:
        """Ask for tasks and users only when the report needs them (quota)."""
        if any(row.get("task_id") is not None for row in rows):
            names.tasks.update(Names.of([], [], tasks=api.tasks(wid)).tasks)
        if any(not str(row.get("username") or "").strip() for row in rows):
            names.users.update(Names.of([], [], users=api.users(wid)).users)

    def _report(
        self, rows: list[dict[str, Any]], names: Names, currency: str | None
    ) -> tuple[list[Entry], int]:
        entries: list[Entry] = []
        running = 0
        seen: set[str] = set()
        for row in rows:
            found, still = report_entries(row, names, currency, self.time_zone)
            running += still
            for entry in found:
                if entry.id not in seen:
                    seen.add(entry.id)
                    entries.append(entry)
        return entries, running

    def _changed(
        self,
        api: TogglApi,
        since: int,
        wid: int,
        me: Mapping[str, Any],
        names: Names,
        currency: str | None,
        listed: list[Entry],
    ) -> tuple[list[Entry], set[str]]:
        """The owner's entries changed since the last sync that the window did not
        list, read again from the report over their days; and the ids of those deleted."""
        deleted: set[str] = set()
        known = {entry.id for entry in listed}
        edited: dict[str, dict[str, Any]] = {}
        for item in api.changed_entries(since):
            if _int_or_none(item.get("workspace_id", item.get("wid"))) != wid:
                continue
            sid = str(item.get("id"))
            if item.get("server_deleted_at"):
                deleted.add(sid)
            elif sid not in known:
                edited[sid] = item
        if not edited:
            return [], deleted
        person = str(me.get("fullname") or "").strip() or None
        fallback = {
            sid: entry
            for sid, item in edited.items()
            if (entry := api_entry(item, person, names, currency, self.time_zone)) is not None
        }
        if not fallback:
            return [], deleted
        days = [self._local_day(entry.start) for entry in fallback.values()]
        rows = [
            row
            for row in api.report(wid, min(days) - DAY, max(days) + DAY)
            if any(str(t.get("id")) in fallback for t in row.get("time_entries") or ())
        ]
        self._complete_names(api, wid, names, rows)
        again, _ = self._report(rows, names, currency)
        found = {entry.id: entry for entry in again if entry.id in fallback}
        # An entry the report does not show (yet) keeps the API's values, without a rate.
        return [found.get(sid, entry) for sid, entry in fallback.items()], deleted

    def _local_day(self, when: dt.datetime) -> dt.date:
        return when.astimezone(ZoneInfo(self.time_zone)).date()

    def _add(self, fetched: Fetched, entries: list[Entry]) -> None:
        fetched.add(
            KIND,
            frame(entries),
            [entry.id for entry in entries],
            [self._local_day(entry.start) for entry in entries],
        )


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _day(value: Any) -> dt.date | None:
    """A day the cursor kept (ISO text), or None."""
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
