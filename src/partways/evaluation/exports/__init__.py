"""Writers that turn a generated :class:`~partways.evaluation.model.Agency` into the
files its tools would export, for partways' own importers to read.

:func:`write_agency` writes them all and returns them in the order a user would
import them: the records file first (it names the clients and their contacts, so
everything after it is matched by name or address), then time, invoices, mail, chat
and the calendar. Each file holds only what the real export holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..model import Agency
from .calendar import write_ics
from .chat import write_slack
from .common import WriterError
from .invoices import write_freshbooks, write_invoiceninja
from .mail import write_maildir, write_mbox
from .records import write_records
from .time import write_harvest, write_toggl

__all__ = ["WriterError", "Written", "write_agency"]


@dataclass(frozen=True)
class Written:
    """One exported file or folder and the partways importer that must recognise it."""

    path: Path
    importer: str


def _one(
    write: Callable[[Agency, Path], Path], importer: str
) -> Callable[[Agency, Path], list[Written]]:
    return lambda agency, folder: [Written(write(agency, folder), importer)]


def _invoiceninja(agency: Agency, folder: Path) -> list[Written]:
    invoices, payments = write_invoiceninja(agency, folder)
    return [Written(invoices, "invoiceninja-invoices"), Written(payments, "invoiceninja-payments")]


def _freshbooks(agency: Agency, folder: Path) -> list[Written]:
    return [Written(p, "freshbooks-invoices") for p in write_freshbooks(agency, folder)]


# Which writer each (kind of record, tool) pair uses.
WRITERS: dict[tuple[str, str], Callable[[Agency, Path], list[Written]]] = {
    ("time", "harvest"): _one(write_harvest, "harvest"),
    ("time", "toggl"): _one(write_toggl, "toggl"),
    ("invoices", "freshbooks"): _freshbooks,
    ("invoices", "invoiceninja"): _invoiceninja,
    ("mail", "maildir"): _one(write_maildir, "maildir"),
    ("mail", "mbox"): _one(write_mbox, "mbox"),
    ("chat", "slack"): _one(write_slack, "slack"),
    ("calendar", "ics"): _one(write_ics, "ics"),
}
ORDER = ("time", "invoices", "mail", "chat", "calendar")


def write_agency(agency: Agency, folder: Path) -> list[Written]:
    """Write every export of ``agency`` into ``folder`` (created when missing).

    Returns what was written, in import order. Raises :class:`WriterError` when the
    agency holds records its formats cannot carry (chat without a chat tool, an
    unknown format): a generator bug, not something to skip.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [Written(write_records(agency, folder), "records")]
    has = {
        "time": any(c.time_entries for c in agency.clients),
        "invoices": any(c.invoices for c in agency.clients),
        "mail": any(m.channel == "email" for c in agency.clients for m in c.messages),
        "chat": any(m.channel == "chat" for c in agency.clients for m in c.messages),
        "calendar": any(c.meetings for c in agency.clients),
    }
    for kind in ORDER:
        if not has[kind]:
            continue
        tool = agency.formats.get(kind)
        if tool is None:
            raise WriterError(
                f"{agency.slug}: the agency has {kind} records but no format for them"
            )
        write = WRITERS.get((kind, tool))
        if write is None:
            raise WriterError(f"{agency.slug}: {tool!r} is not a format for {kind}")
        written.extend(write(agency, folder))
    return written
