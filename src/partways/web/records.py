"""The records behind a piece of evidence: from the engine's "message 42" to a page.

The engine cites records as text (``message 42``, ``invoice INV-7``, ``month 2026-03``);
this module turns those into links and loads the record, always within one client so
a link cannot reach another client's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import Http404
from django.urls import reverse

from partways.store.models import Client, Deliverable, Incident, Invoice, Message, Proposal

# Record kinds with a page, and how each is found within its client.
KINDS: dict[str, type[Model]] = {
    "message": Message,
    "proposal": Proposal,
    "incident": Incident,
    "deliverable": Deliverable,
    "invoice": Invoice,
}
# Kinds that show money: only for those who may see it (web/access.py).
MONEY_KINDS = frozenset({"invoice"})


@dataclass(frozen=True)
class Cited:
    kind: str
    key: str


def parse(record: str) -> Cited | None:
    """``"message 42"`` → Cited("message", "42"); None for records without a page."""
    kind, _, key = record.partition(" ")
    if kind in KINDS and key:
        return Cited(kind, key)
    return None


def link(client_id: int, record: str) -> str | None:
    cited = parse(record)
    if cited is None:
        return None
    return reverse("record", args=[client_id, cited.kind, cited.key])


def load(client: Client, kind: str, key: str) -> Any:
    """The record of ``kind`` named ``key`` that belongs to ``client``; Http404 otherwise."""
    model = KINDS.get(kind)
    if model is None or "\x00" in key:
        raise Http404("No such kind of record.")
    lookup: dict[str, Any] = {"number": key} if kind == "invoice" else {"pk": _int(key)}
    found = model._default_manager.filter(client=client, **lookup).first()
    if found is None:
        raise Http404("No such record for this client.")
    return found


def _int(key: str) -> int:
    try:
        return int(key)
    except ValueError:
        raise Http404("No such record.") from None
