"""Stripe's API: customers, invoices and charges; what changed, from its events.

The first sync lists every customer, invoice and charge. Later ones read the events
since the newest one seen (``/v1/events``, which Stripe keeps for 30 days) and fetch
again each object an event names, so a refund, a payment or a voided invoice since the
last sync arrives as the object's state now. A gap longer than the events' 30 days
lists everything again, and says so. Every request pins the API version: from
2025-03-31.basil on, a charge no longer names its invoice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import polars as pl

from partways.core.phrase import marked, say, say_n

from ..base import Connector, CredentialField, Fetched, SyncFailed
from ..http import ApiClient
from .objects import client_rows, invoice_row, payment_row

# The last API version whose Charge carries ``invoice`` (basil moved it to
# InvoicePayments): the payments export names the invoice, so the sync must too.
STRIPE_VERSION = "2025-02-24.acacia"
PAGE = 100  # Stripe's largest page
# Stripe lists events "going back up to 30 days"; a day's margin for clocks.
EVENTS_KEPT = dt.timedelta(days=29)
# The events that mean a customer, an invoice or a charge changed (at most 20 per
# request, docs.stripe.com/api/events/list).
EVENT_TYPES = (
    "customer.created",
    "customer.updated",
    "invoice.created",
    "invoice.finalized",
    "invoice.updated",
    "invoice.paid",
    "invoice.payment_succeeded",
    "invoice.voided",
    "invoice.marked_uncollectible",
    "invoice.deleted",
    "charge.succeeded",
    "charge.captured",
    "charge.refunded",
    "charge.updated",
    "charge.failed",
)
_OBJECTS = {"customer": "/v1/customers", "invoice": "/v1/invoices", "charge": "/v1/charges"}


class StripeConnector(Connector):
    service = "stripe"
    title = marked("Stripe")
    base_url = "https://api.stripe.com"
    fields = (
        CredentialField(
            "key",
            marked("Restricted key (read-only) or secret key"),
            marked(
                "Stripe Dashboard → Developers → API keys → Create restricted key, with Read "
                "on Customers, Invoices, Charges and Events."
            ),
        ),
    )

    def _api(self) -> ApiClient:
        return ApiClient(
            "Stripe",
            self.url,
            headers={"Stripe-Version": STRIPE_VERSION},
            auth=(self.credential("key"), ""),
        )

    def check(self) -> str:
        key = self.credential("key")
        with self._api() as api:
            api.get("/v1/customers", {"limit": 1})
        mode = "test" if "_test_" in key else "live"
        return f"Stripe ({mode} mode, key …{key[-4:]})"

    def fetch(self, cursor: Mapping[str, Any]) -> Fetched:
        fetched = Fetched()
        after = cursor.get("events_after")
        with self._api() as api:
            # The newest event before anything is read: what happens while the sync
            # reads is in the next sync's events.
            newest = next(iter(api.get("/v1/events", {"limit": 1}).body.get("data") or []), None)
            if after is None or dt.datetime.fromtimestamp(int(after), dt.UTC) < (
                self.now - EVENTS_KEPT
            ):
                if after is not None:
                    fetched.records.notes.append(
                        say(
                            "sync.stripe_listed_again",
                            "The last sync was more than 30 days ago, longer than Stripe keeps "
                            "its events: everything was listed again (nothing is doubled).",
                        )
                    )
                objects = self._everything(api)
                # Listed in full: a synced invoice or payment not listed now is gone
                # (a deleted draft, a charge refunded in full since).
                fetched.complete_since.update(invoices=None, payments=None)
            else:
                objects = self._changed(api, int(after), fetched)
        self._add(fetched, objects)
        if newest is not None:
            fetched.cursor = {"events_after": int(newest["created"])}
        else:
            fetched.cursor = {"events_after": int(self.now.timestamp())}
        return fetched

    def _everything(self, api: ApiClient) -> dict[str, list[dict[str, Any]]]:
        return {
            "customer": list(_listed(api, "/v1/customers", {})),
            "invoice": list(_listed(api, "/v1/invoices", {"expand[]": "data.customer"})),
            "charge": list(_listed(api, "/v1/charges", {"expand[]": "data.customer"})),
        }

    def _changed(
        self, api: ApiClient, after: int, fetched: Fetched
    ) -> dict[str, list[dict[str, Any]]]:
        """The objects named by events after ``after``, each as it is now."""
        # ≥, not >: an event in the same second as the last one seen is read again
        # (its object is then simply unchanged) rather than missed.
        params = {"created[gte]": after, "types[]": list(EVENT_TYPES)}
        events = list(_listed(api, "/v1/events", params))
        # A deletion wins over every other event of its object, whatever their order
        # (a draft created and deleted between two syncs is not asked for).
        gone = {
            str(obj_id)
            for event in events
            if event.get("type") == "invoice.deleted"
            and (obj_id := ((event.get("data") or {}).get("object") or {}).get("id"))
        }
        for invoice_id in sorted(gone):
            fetched.delete("invoices", invoice_id)
        named: dict[str, dict[str, None]] = {kind: {} for kind in _OBJECTS}
        for event in events:
            obj = (event.get("data") or {}).get("object") or {}
            kind, object_id = obj.get("object"), obj.get("id")
            if kind in named and object_id and str(object_id) not in gone:
                named[kind][str(object_id)] = None
        objects: dict[str, list[dict[str, Any]]] = {kind: [] for kind in _OBJECTS}
        for kind, ids in named.items():
            expand = {} if kind == "customer" else {"expand[]": "customer"}
            for object_id in ids:
                obj = _retrieved(api, f"{_OBJECTS[kind]}/{object_id}", expand)
                if obj is None or obj.get("deleted"):
                    # Gone since its event: a deleted draft or customer.
                    if kind == "invoice":
                        fetched.delete("invoices", object_id)
                    continue
                objects[kind].append(obj)
        # A charge now refunded in full, or an invoice voided, is owed or kept by
        # nobody: the record synced before goes.
        for charge in objects["charge"]:
            if payment_row(charge, self.time_zone) is None:
                fetched.delete("payments", charge["id"])
        for invoice in objects["invoice"]:
            if invoice_row(invoice, self.time_zone) is None:
                fetched.delete("invoices", invoice["id"])
        return objects

    def _add(self, fetched: Fetched, objects: dict[str, list[dict[str, Any]]]) -> None:
        clients, aliases = [], []
        for customer in objects["customer"]:
            client, alias = client_rows(customer)
            if client is not None:
                clients.append(client)
            if alias is not None:
                aliases.append(alias)
        if clients:
            fetched.records.add("clients", pl.DataFrame(clients))
        if aliases:
            fetched.records.add("client_aliases", pl.DataFrame(aliases))

        invoices = [(i["id"], invoice_row(i, self.time_zone)) for i in objects["invoice"]]
        kept = [(sid, row) for sid, row in invoices if row is not None]
        fetched.records.skip(
            say("sync.stripe_skip_not_owed", "draft or voided invoices (owed by nobody)"),
            len(invoices) - len(kept),
        )
        if kept:
            fetched.add(
                "invoices",
                pl.DataFrame([row for _, row in kept]),
                [sid for sid, _ in kept],
                [row["issued_on"] for _, row in kept],
            )

        charges = [(c["id"], payment_row(c, self.time_zone)) for c in objects["charge"]]
        paid = [(sid, row) for sid, row in charges if row is not None]
        fetched.records.skip(
            say(
                "sync.stripe_skip_charge",
                "charges with no money kept (failed, pending, uncaptured or refunded in full)",
            ),
            len(charges) - len(paid),
        )
        if paid:
            fetched.add(
                "payments",
                pl.DataFrame([row for _, row in paid]),
                [sid for sid, _ in paid],
                [row["paid_on"] for _, row in paid],
            )
        nameless = sum(1 for _, row in paid if row["client"] is None)
        if nameless:
            fetched.records.notes.append(
                say_n(
                    "sync.stripe_nameless",
                    "{n} payment(s) belong to no customer with a description or an e-mail; "
                    "they cannot be matched to a client.",
                    "{n} payment(s) belong to no customer with a description or an e-mail; "
                    "they cannot be matched to a client.",
                    nameless,
                )
            )


def _retrieved(api: ApiClient, path: str, params: dict[str, Any]) -> dict[str, Any] | None:
    """One object as it is now; None when Stripe no longer has it (404)."""
    try:
        body: dict[str, Any] = api.get(path, params).body or {}
    except SyncFailed as exc:
        if exc.phrase.code == "sync.http_error" and exc.phrase.params.get("status") == 404:
            return None
        raise
    return body


def _listed(api: ApiClient, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every object of a Stripe list, page by page (``starting_after`` the last id)."""
    query = {**params, "limit": PAGE}
    while True:
        body = api.get(path, query).body or {}
        data = body.get("data") or []
        yield from data
        if not body.get("has_more") or not data:
            return
        query["starting_after"] = data[-1]["id"]
