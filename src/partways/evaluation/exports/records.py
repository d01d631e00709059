"""The partways records file: what no tool exports (clients and their contacts,
contracts, deliverables, proposals, incidents, flags), as a user writes it by hand.

Read by :mod:`partways.importers.records_file`. Every client is listed with its
contacts, so mail, chat, meetings and invoices find it by address and by name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from ..model import Agency, Client
from .common import as_utc

FILE_NAME = "records.yaml"


def _drop_empty(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v is not None and v != "" and v != []}


def _client(client: Client) -> dict[str, Any]:
    contacts = [
        _drop_empty({"name": p.name, "email": p.email, "primary": True if i == 0 else None})
        for i, p in enumerate(client.contacts)
    ]
    return _drop_empty({"name": client.name, "country": client.country, "contacts": contacts})


def _contract(client: Client) -> dict[str, Any]:
    c = client.contract
    return _drop_empty(
        {
            "client": client.name,
            "start": c.start,
            "end": c.end,
            "auto_renew": c.auto_renew,
            "notice_days": c.notice_days,
            "scope": c.scope,
            "reply_window_hours": c.reply_window_hours,
            "main_channel": c.main_channel,
            "currency": client.currency,
            "payment_terms_days": c.payment_terms_days,
        }
    )


def records(agency: Agency) -> dict[str, Any]:
    """The records file's content as plain data, in the file's layout."""
    zone = ZoneInfo(agency.time_zone)

    def local(value: dt.datetime) -> dt.datetime:
        # Written with its offset, in the business's zone, as its owner would type it.
        return as_utc(value).astimezone(zone).replace(microsecond=0)

    data: dict[str, Any] = {"partways": 1}
    data["clients"] = [_client(c) for c in agency.clients]
    data["contracts"] = [_contract(c) for c in agency.clients]
    data["deliverables"] = [
        _drop_empty(
            {
                "client": c.name,
                "title": d.title,
                "status": d.status,
                "requested_on": d.requested_on,
                "original_due": d.original_due,
                "due": d.due,
                "delivered_on": d.delivered_on,
                "paid_for": d.paid_for,
                "in_scope": d.in_scope,
            }
        )
        for c in agency.clients
        for d in c.deliverables
    ]
    data["proposals"] = [
        _drop_empty(
            {
                "client": c.name,
                "kind": p.kind,
                "title": p.title,
                "submitted_on": p.submitted_on,
                "decided_on": p.decided_on,
                "outcome": p.outcome,
                "reason": p.reason,
                "revision_round": p.revision_round,
            }
        )
        for c in agency.clients
        for p in c.proposals
    ]
    data["incidents"] = [
        _drop_empty(
            {
                "client": c.name,
                "kind": i.kind,
                "occurred_at": local(i.occurred_at),
                "severity": i.severity,
                "reporter": i.reporter,
                "note": i.note,
            }
        )
        for c in agency.clients
        for i in c.incidents
    ]
    data["flags"] = [
        _drop_empty(
            {
                "client": c.name,
                "kind": f.kind,
                "reason": f.reason,
                "created_on": f.created_on,
            }
        )
        for c in agency.clients
        for f in c.flags
    ]
    return {k: v for k, v in data.items() if v != []}


class _Dumper(yaml.SafeDumper):
    """Every value written out: a person typing the file writes no &anchors or *aliases
    (and partways limits them), even where the generator shares one date object."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def write_records(agency: Agency, folder: Path) -> Path:
    """Write ``records.yaml`` into ``folder``; returns its path."""
    path = folder / FILE_NAME
    text = yaml.dump(
        records(agency),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    path.write_text(
        f"# {agency.name}: clients, contracts and what no export holds.\n" + text,
        encoding="utf-8",
    )
    return path
