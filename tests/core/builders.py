"""Small hand-built datasets for rule tests: rows as dicts, defaults filled in."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import polars as pl

from partways.core.dataset import SCHEMAS, Business, Dataset

UTC = dt.UTC


def at(y: int, m: int, d: int, h: int = 10, mi: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, mi, tzinfo=UTC)


DEFAULTS: dict[str, dict[str, Any]] = {
    "clients": {"archived": False},
    "contracts": {
        "end": None,
        "auto_renew": False,
        "notice_days": 30,
        "reply_window_hours": None,
        "main_channel": "email",
    },
    "time_entries": {
        "billable": True,
        "cost_rate_minor": None,
        "currency": "EUR",
    },
    "expenses": {"currency": "EUR"},
    "invoices": {"currency": "EUR", "disputed": False, "reminders_sent": 0, "written_off_minor": 0},
    "payments": {"currency": "EUR"},
    "messages": {"to_staff": False},
    "meetings": {"status": "held", "client_prepared": True},
    "proposals": {
        "kind": "recommendation",
        "decided_on": None,
        "outcome": "pending",
        "reason": "",
        "revision_round": 1,
        "title": "proposal",
    },
    "deliverables": {
        "status": "in_progress",
        "requested_on": None,
        "original_due": None,
        "in_scope": True,
        "title": "deliverable",
    },
    "incidents": {"reporter": "Owner", "severity": "high", "note": ""},
    "flags": {"active": True, "reason": ""},
    "repair_plans": {"status": "open"},
}


class Build:
    """Collect rows per table and turn them into a :class:`Dataset`."""

    def __init__(self, **business: Any) -> None:
        self.business = Business(**business)
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
        self._ids: dict[str, int] = {}

    def _next(self, key: str) -> int:
        self._ids[key] = self._ids.get(key, 0) + 1
        return self._ids[key]

    def add(self, table: str, **row: Any) -> int:
        full = {**DEFAULTS.get(table, {}), **row}
        id_col = {
            "invoices": "invoice_id",
            "messages": "message_id",
            "proposals": "proposal_id",
            "deliverables": "deliverable_id",
            "incidents": "incident_id",
        }.get(table)
        if id_col and id_col not in full:
            full[id_col] = self._next(table)
        self.rows[table].append(full)
        return int(full[id_col]) if id_col else 0

    def client(self, client_id: int, name: str | None = None) -> int:
        self.add("clients", client_id=client_id, name=name or f"Client {client_id}")
        return client_id

    def hours(self, client_id: int, when: dt.datetime, hours: float, **kw: Any) -> None:
        self.add(
            "time_entries", client_id=client_id, started_at=when, seconds=int(hours * 3600), **kw
        )

    def message(
        self,
        client_id: int,
        when: dt.datetime,
        direction: str = "in",
        labels: tuple[str, ...] = (),
        **kw: Any,
    ) -> int:
        mid = self.add("messages", client_id=client_id, sent_at=when, direction=direction, **kw)
        for label in labels:
            self.add("message_labels", message_id=mid, label=label, score=1.0)
        return mid

    def invoice(
        self,
        client_id: int,
        issued: dt.date,
        due: dt.date,
        amount: int,
        paid: list[tuple[dt.date, int]] | None = None,
        **kw: Any,
    ) -> int:
        iid = self.add(
            "invoices",
            client_id=client_id,
            number=f"INV-{len(self.rows['invoices']) + 1}",
            issued_on=issued,
            due_on=due,
            amount_minor=amount,
            **kw,
        )
        for day, amt in paid or []:
            self.add(
                "payments",
                invoice_id=iid,
                client_id=client_id,
                paid_on=day,
                amount_minor=amt,
                currency=kw.get("currency", "EUR"),
            )
        return iid

    def dataset(self, rates: dict[str, Decimal] | None = None) -> Dataset:
        business = (
            self.business
            if rates is None
            else Business(**{**self.business.__dict__, "rates": rates})
        )
        frames = {
            name: pl.DataFrame(rows, schema=SCHEMAS[name], orient="row")
            if rows
            else pl.DataFrame(schema=SCHEMAS[name])
            for name, rows in self.rows.items()
        }
        # Build from dicts by column name (rows may list keys in any order).
        frames = {
            name: (
                pl.DataFrame(
                    [{c: r.get(c) for c in SCHEMAS[name]} for r in rows], schema=SCHEMAS[name]
                )
                if rows
                else frames[name]
            )
            for name, rows in self.rows.items()
        }
        return Dataset.from_frames(business, **frames)


def signal(result: Any, client_id: int, signal_id: str) -> dict[str, Any]:
    """One client's row for one signal, as a dict (facts decoded)."""
    import json

    rows = result.results.filter(
        (pl.col("client_id") == client_id) & (pl.col("signal") == signal_id)
    ).to_dicts()
    assert len(rows) == 1, (client_id, signal_id)
    row = rows[0]
    row["facts"] = json.loads(row["facts"])
    row["evidence"] = result.evidence.filter(
        (pl.col("client_id") == client_id) & (pl.col("signal") == signal_id)
    ).to_dicts()
    return row
