"""The connector interface: ``check()`` who the credentials are, ``fetch(cursor)`` what changed.

A connector is built with the credentials the user gave ``partways connect`` and the
connection's options. :meth:`Connector.fetch` returns a :class:`Fetched`: the records
(in the schemas the importers use, filled exactly as the service's CSV importer fills
them, so a record synced and the same record imported from the export get the same
key), the service's own id of every row, what the service says was deleted, and the
cursor to start from next time.

Services that report no deletions (Harvest, Clockify) are read again over a trailing
window on every sync; :attr:`Fetched.complete_since` says so, and the store removes
the synced records dated inside the window that the service no longer lists.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import polars as pl

from partways.core.phrase import Phrase, say
from partways.importers.records import Records


@dataclass(frozen=True)
class CredentialField:
    """One thing ``partways connect`` asks for: a token, an account id, a workspace.

    ``label`` and ``help`` are English, marked for the catalogs; ``secret`` values are
    asked without echo, encrypted at rest and never shown again.
    """

    name: str
    label: str
    help: str = ""
    secret: bool = True
    required: bool = True


class SyncFailed(Exception):
    """The service could not be read (refused token, network, quota); says why.

    Raised before anything is written: a failed sync changes nothing.
    """

    def __init__(self, phrase: Phrase) -> None:
        self.phrase = phrase
        super().__init__(phrase.english())


@dataclass
class Fetched:
    """What one sync read from a service."""

    records: Records = field(default_factory=Records)
    # The service's id of each row, by kind: ids[kind][line - 1] (rows carry ``line``).
    ids: dict[str, list[str]] = field(default_factory=dict)
    # The day each row is filed under (a time entry's start, an invoice's issue day):
    # what a trailing window is measured against.
    dates: dict[str, list[dt.date | None]] = field(default_factory=dict)
    # Whose list each row came from (a Clockify member), by kind, when lists are read
    # per person; and the scopes a kind's window was read in full for.
    scopes: dict[str, list[str]] = field(default_factory=dict)
    complete_scopes: dict[str, set[str]] = field(default_factory=dict)
    # Service ids the service says are gone (deleted, voided drafts), by kind.
    deleted: dict[str, set[str]] = field(default_factory=dict)
    # Kinds listed in full from a day on (None: from the beginning): a synced record of
    # that kind dated on or after it that was not listed is gone from the service.
    complete_since: dict[str, dt.date | None] = field(default_factory=dict)
    # Where to continue next time, in the connector's own terms.
    cursor: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        kind: str,
        frame: pl.DataFrame,
        ids: list[str],
        dates: list[dt.date | None] | None = None,
        scopes: list[str] | None = None,
    ) -> None:
        """Add rows of ``kind`` with the service id (and date, and scope) of each, in
        row order."""
        if frame.height != len(ids):
            raise ValueError(f"{frame.height} {kind} rows but {len(ids)} ids")
        known = self.ids.setdefault(kind, [])
        start = len(known) + 1
        frame = frame.with_columns(pl.int_range(start, start + frame.height).alias("line"))
        self.records.add(kind, frame)
        known.extend(ids)
        self.dates.setdefault(kind, []).extend(dates if dates is not None else [None] * len(ids))
        if scopes is not None or kind in self.scopes:
            given = scopes if scopes is not None else [""] * len(ids)
            self.scopes.setdefault(kind, [""] * (len(known) - len(ids))).extend(given)

    def delete(self, kind: str, service_id: str) -> None:
        self.deleted.setdefault(kind, set()).add(service_id)

    def row_count(self) -> int:
        return sum(len(v) for v in self.ids.values())


class Connector(ABC):
    """One service's API.

    ``service`` is what ``partways connect`` takes; ``title`` names the service
    (English, marked); ``base_url`` is the API's address, which a connection may
    override (a self-hosted Invoice Ninja; the tests' local servers). ``importer`` is
    the name its batches are recorded under: the service's family name, so the
    records its CSV importer brought are updated by the sync and not kept apart.
    """

    service: ClassVar[str]
    title: ClassVar[str]
    base_url: ClassVar[str]
    fields: ClassVar[tuple[CredentialField, ...]]

    def __init__(
        self,
        credentials: Mapping[str, str],
        *,
        base_url: str | None = None,
        time_zone: str = "UTC",
        window_days: int = 90,
        history_days: int = 1095,
        now: dt.datetime | None = None,
    ) -> None:
        self.credentials = dict(credentials)
        self.url = (base_url or self.base_url).rstrip("/")
        # Local times the service writes without an offset are read in this zone.
        self.time_zone = time_zone
        # Services without a deletion feed are read again this many days back.
        self.window_days = window_days
        # The first sync reads this many days back (services that page by date range).
        self.history_days = history_days
        self.now = now or dt.datetime.now(dt.UTC)

    @property
    def importer(self) -> str:
        return f"{self.service}-sync"

    def credential(self, name: str) -> str:
        """A credential the user gave; a missing one is a :class:`SyncFailed`."""
        value = self.credentials.get(name, "").strip()
        if not value:
            raise SyncFailed(
                say(
                    "sync.missing_credential",
                    "the connection has no {field}; run partways connect {service} again.",
                    field=name,
                    service=self.service,
                )
            )
        return value

    def window_start(self) -> dt.date:
        """The first day of the trailing window read again on every sync."""
        return (self.now - dt.timedelta(days=self.window_days)).date()

    def history_start(self) -> dt.date:
        """The first day the first sync reads, for services read by date range."""
        return (self.now - dt.timedelta(days=self.history_days)).date()

    @abstractmethod
    def check(self) -> str:
        """Whose account the credentials open ("Ana Novak, workspace Studio"); raises
        :class:`SyncFailed` when the service refuses them."""

    @abstractmethod
    def fetch(self, cursor: Mapping[str, Any]) -> Fetched:
        """What changed since ``cursor`` (empty on the first sync: everything)."""
