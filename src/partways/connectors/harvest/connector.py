"""Harvest API v2: time entries, with the clients and projects they belong to.

Harvest deletes for good and reports no deletions, so a sync cannot be told what
went. The first sync lists every time entry; each later one lists again, in full,
the trailing window (``from`` = :meth:`~Connector.window_start`, by ``spent_date``)
and says so (``complete_since``), so the store removes the synced entries of those
days that Harvest no longer lists; entries dated before the window are read only
when edited since the last sync (``updated_since``). The cursor is the newest
``updated_at`` seen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from partways.core.phrase import marked, say, say_n

from ..base import Connector, CredentialField, Fetched, SyncFailed
from ..http import ApiClient
from .entries import client_rows, entry_frame, hours_of, project_rows, raw_row, seconds

# Harvest's largest page (a larger one is answered 422).
PER_PAGE = 2000
# ``updated_since`` is asked from a little before the newest ``updated_at`` seen: an
# entry saved in the same second as that one, after the last sync read it, is not
# missed. What is read twice is unchanged and counts as such.
OVERLAP = dt.timedelta(minutes=5)
# A list that never ends (a next link that loops) is stopped here.
MAX_PAGES = 10_000


class HarvestConnector(Connector):
    service = "harvest"
    title = marked("Harvest")
    base_url = "https://api.harvestapp.com"
    fields = (
        CredentialField(
            "token",
            marked("Personal access token"),
            marked(
                "Harvest ID → Developers (id.getharvest.com/developers) → Create new personal "
                "access token."
            ),
        ),
        CredentialField(
            "account_id",
            marked("Account ID"),
            marked("Shown with the token on the same page: the number of your Harvest account."),
            secret=False,
        ),
    )
    # Records per page asked for (the tests ask for small pages to page for real).
    per_page = PER_PAGE

    def _api(self) -> ApiClient:
        account = self.credential("account_id")
        if not account.isdigit():
            raise SyncFailed(
                say(
                    "sync.harvest_account_id",
                    "the Harvest account ID is a number (shown with the token at "
                    "id.getharvest.com/developers); run partways connect harvest again.",
                )
            )
        return ApiClient(
            "Harvest",
            self.url,
            headers={
                "Authorization": f"Bearer {self.credential('token')}",
                "Harvest-Account-Id": account,
            },
        )

    def check(self) -> str:
        with self._api() as api:
            me = api.get("/v2/users/me").body or {}
            # The company needs admin rights: a member's token still syncs its own time.
            company = _allowed(lambda: api.get("/v2/company").body) or {}
        name = " ".join(p for p in (me.get("first_name"), me.get("last_name")) if p) or "?"
        who = f"{name} ({me['email']})" if me.get("email") else name
        return f"{who}, {company['name']}" if company.get("name") else who

    def fetch(self, cursor: Mapping[str, Any]) -> Fetched:
        fetched = Fetched()
        since = cursor.get("updated_since")
        with self._api() as api:
            clients = _allowed(lambda: list(self._listed(api, "/v2/clients", "clients", {})))
            projects = _allowed(lambda: list(self._listed(api, "/v2/projects", "projects", {})))
            entries = self._entries(api, since, fetched)
        self._add_lists(fetched, clients, projects, entries)
        self._add_entries(fetched, entries, clients or [])
        newest = max((str(e["updated_at"]) for e in entries if e.get("updated_at")), default=None)
        newest = max((t for t in (newest, since) if t), default=None, key=_instant)
        fetched.cursor = {"updated_since": newest} if newest else {}
        return fetched

    def _entries(self, api: ApiClient, since: str | None, fetched: Fetched) -> list[dict[str, Any]]:
        """The entries to sync, each once (by id, the last read wins), in id order."""
        path, key = "/v2/time_entries", "time_entries"
        if since is None:
            listed = list(self._listed(api, path, key, {}))
            fetched.complete_since["time_entries"] = None
        else:
            start = self.window_start()
            listed = list(self._listed(api, path, key, {"from": start.isoformat()}))
            fetched.complete_since["time_entries"] = start
            edited = {
                "updated_since": _iso(_instant(since) - OVERLAP),
                "to": (start - dt.timedelta(days=1)).isoformat(),
            }
            listed += self._listed(api, path, key, edited)
        # Id order: identical entries (same day, hours, task, notes) are told apart by
        # their rank among equals, which must not change from one sync to the next.
        return sorted({int(e["id"]): e for e in listed}.values(), key=lambda e: int(e["id"]))

    def _listed(
        self, api: ApiClient, path: str, key: str, params: dict[str, Any]
    ) -> Iterator[dict[str, Any]]:
        """Every record of a Harvest list, following ``links.next`` as Harvest asks
        (page or cursor paging alike), else ``next_page``."""
        url: str = path
        query: dict[str, Any] | None = {**params, "per_page": self.per_page}
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            body = api.get(url, query).body or {}
            yield from body.get(key) or []
            link = (body.get("links") or {}).get("next")
            if link:
                self._same_origin(link)
                if link in seen:
                    break
                seen.add(link)
                url, query = link, None  # the link carries the whole query
            elif body.get("next_page"):
                url, query = path, {**params, "per_page": self.per_page}
                query["page"] = body["next_page"]
            else:
                return
        raise SyncFailed(
            say(
                "sync.harvest_paging",
                "Harvest's list {path} did not come to an end; nothing was changed.",
                path=path,
            )
        )

    def _same_origin(self, link: str) -> None:
        """A next-page link elsewhere than the API would be sent the token: refused."""
        ours, theirs = urlsplit(self.url), urlsplit(link)
        if (theirs.scheme, theirs.netloc) != (ours.scheme, ours.netloc):
            raise SyncFailed(
                say(
                    "sync.harvest_foreign_link",
                    "Harvest's answer points the next page to another address ({address}); "
                    "the token is not sent there. Nothing was changed.",
                    address=theirs.netloc,
                )
            )

    def _add_lists(
        self,
        fetched: Fetched,
        clients: list[dict[str, Any]] | None,
        projects: list[dict[str, Any]] | None,
        entries: list[dict[str, Any]],
    ) -> None:
        if clients is None or projects is None:
            # A member's token may not list clients and projects (403): the ones its
            # own entries name stand in for them.
            fetched.records.notes.append(
                say(
                    "sync.harvest_lists_refused",
                    "This Harvest user may not list clients and projects; those named by "
                    "its time entries were taken instead.",
                )
            )
            clients = clients or _named(entries, "client")
            projects = projects or _named(entries, "project")
        frame, ids = client_rows(clients)
        if ids:
            fetched.add("clients", frame, ids)
        frame, ids = project_rows(projects)
        if ids:
            fetched.add("projects", frame, ids)

    def _add_entries(
        self, fetched: Fetched, entries: list[dict[str, Any]], clients: list[dict[str, Any]]
    ) -> None:
        # Harvest's list names each entry's client with its currency; the clients list
        # gives it where an entry's client does not (the reference only promises id
        # and name there).
        currencies = {c.get("id"): c.get("currency") for c in clients if c.get("currency")}
        # A timer started afresh has nothing to count yet; one restarted on an entry
        # keeps that entry as it was when stopped (see entries.hours_of), so an entry
        # synced before does not look deleted while its timer runs again.
        kept = [e for e in entries if not (e.get("is_running") and not seconds(hours_of(e)))]
        fetched.records.skip(
            say("sync.harvest_skip_timer", "timers still running (synced once stopped)"),
            len(entries) - len(kept),
        )
        if not kept:
            return
        frame = entry_frame([raw_row(e, currencies) for e in kept], self.time_zone)
        ids = [str(e["id"]) for e in kept]
        # 09:00 does not exist on the day the clocks go forward at that hour in a few
        # zones: the importer rejects such a row, so the sync leaves it out too.
        missing = frame["started_at"].is_null()
        if missing.any():
            fetched.records.notes.append(
                say_n(
                    "sync.harvest_day_start_skipped",
                    "{n} time entry was left out: 09:00 on its day does not exist in {zone}.",
                    "{n} time entries were left out: 09:00 on their day does not exist in {zone}.",
                    int(missing.sum()),
                    zone=self.time_zone,
                )
            )
            ids = [i for i, gone in zip(ids, missing.to_list(), strict=True) if not gone]
            frame = frame.filter(~missing)
        fetched.add("time_entries", frame.drop("day"), ids, frame["day"].to_list())


def _allowed(read: Any) -> Any:
    """What ``read()`` returns, or None when Harvest answers 403 (the token is good but
    its user lacks the permission); any other failure stands."""
    try:
        return read()
    except SyncFailed as exc:
        if exc.phrase.code == "sync.refused" and exc.phrase.params.get("status") == 403:
            return None
        raise


def _named(entries: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """The clients (or projects, with their client) entries name, once each by id."""
    found: dict[Any, dict[str, Any]] = {}
    for entry in entries:
        obj = entry.get(field)
        if isinstance(obj, Mapping) and obj.get("id") is not None:
            found[obj["id"]] = {**obj, "client": entry.get("client")}
    return list(found.values())


def _instant(text: str) -> dt.datetime:
    """An ISO 8601 instant as Harvest writes it (``2017-06-27T16:01:23Z``)."""
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _iso(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
