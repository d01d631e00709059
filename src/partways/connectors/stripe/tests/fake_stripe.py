"""A Stripe account served the way Stripe's API serves it, from the fixtures.

Lists page newest first with ``limit`` and ``starting_after`` and ``has_more``
(docs.stripe.com/api/pagination); ``expand[]`` embeds the customer; a wrong key is
answered 401 with Stripe's error body; every change the tests make adds the event
Stripe would add (docs.stripe.com/api/events/types), which ``/v1/events`` lists with
its ``created`` and ``types[]`` filters.
"""

from __future__ import annotations

import base64
import copy
import itertools
import json
import time
from pathlib import Path
from typing import Any

from partways.connectors.fake_api import Reply, Request

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KEY = "sk_test_51PartwaysFixtureKey0000"
_KINDS = {"customers": "customer", "invoices": "invoice", "charges": "charge"}


def _fixture(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((FIXTURES / name).read_text("utf-8"))["data"]
    return data


class FakeStripe:
    def __init__(self) -> None:
        self.objects: dict[str, dict[str, dict[str, Any]]] = {
            kind: {o["id"]: copy.deepcopy(o) for o in _fixture(f"{kind}.json")} for kind in _KINDS
        }
        self.deleted_customers: set[str] = set()
        self.events: list[dict[str, Any]] = []
        self._serial = itertools.count(1)

    # -- what the tests do at Stripe ------------------------------------------------

    def refund(self, charge_id: str, amount: int) -> None:
        charge = self.objects["charges"][charge_id]
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] >= charge["amount"]
        self._event("charge.refunded", charge)

    def pay_invoice(self, invoice_id: str) -> None:
        invoice = self.objects["invoices"][invoice_id]
        invoice.update(status="paid", amount_paid=invoice["total"], amount_remaining=0, paid=True)
        invoice["status_transitions"]["paid_at"] = int(time.time())
        self._event("invoice.paid", invoice)

    def void_invoice(self, invoice_id: str) -> None:
        invoice = self.objects["invoices"][invoice_id]
        invoice.update(status="void", amount_remaining=0)
        invoice["status_transitions"]["voided_at"] = int(time.time())
        self._event("invoice.voided", invoice)

    def delete_draft(self, invoice_id: str) -> None:
        invoice = self.objects["invoices"].pop(invoice_id)
        assert invoice["status"] == "draft", "Stripe deletes draft invoices only"
        self._event("invoice.deleted", invoice)

    def describe_customer(self, customer_id: str, description: str) -> None:
        customer = self.objects["customers"][customer_id]
        customer["description"] = description
        self._event("customer.updated", customer)

    def add_charge(self, charge: dict[str, Any]) -> None:
        self.objects["charges"][charge["id"]] = charge
        self._event("charge.succeeded", charge)

    def _event(self, kind: str, obj: dict[str, Any]) -> None:
        serial = next(self._serial)
        self.events.append(
            {
                "id": f"evt_1Fake{serial:08d}",
                "object": "event",
                "api_version": "2025-02-24.acacia",
                "created": int(time.time()),
                "data": {"object": copy.deepcopy(obj)},
                "livemode": False,
                "pending_webhooks": 0,
                "request": {"id": None, "idempotency_key": None},
                "type": kind,
                "_serial": serial,
            }
        )

    # -- the API ------------------------------------------------------------------

    def route(self, request: Request) -> Reply:
        if not self._authorised(request):
            return Reply(
                401,
                {
                    "error": {
                        "message": "Invalid API Key provided: sk_test_****0000",
                        "type": "invalid_request_error",
                    }
                },
            )
        parts = request.path.strip("/").split("/")
        if request.method != "GET" or parts[0] != "v1" or len(parts) not in (2, 3):
            return _missing(request.path)
        if parts[1] == "events" and len(parts) == 2:
            return Reply(200, self._list(request, self._events(request), "/v1/events"))
        if parts[1] not in _KINDS:
            return _missing(request.path)
        if len(parts) == 3:
            return self._retrieve(parts[1], parts[2], request)
        items = sorted(self.objects[parts[1]].values(), key=lambda o: -o["created"])
        expanded = [self._expanded(o, request, "data.customer") for o in items]
        return Reply(200, self._list(request, expanded, f"/v1/{parts[1]}"))

    def _authorised(self, request: Request) -> bool:
        header = request.header("Authorization")
        if header.startswith("Bearer "):
            return header[7:] == KEY
        if header.startswith("Basic "):
            user = base64.b64decode(header[6:]).decode().split(":", 1)[0]
            return user == KEY
        return False

    def _events(self, request: Request) -> list[dict[str, Any]]:
        types = request.query.get("types[]") or []
        gte, gt = request.arg("created[gte]"), request.arg("created[gt]")
        found = [
            {k: v for k, v in e.items() if k != "_serial"}
            for e in sorted(self.events, key=lambda e: (-e["created"], -e["_serial"]))
            if (not types or e["type"] in types)
            and (gte is None or e["created"] >= int(gte))
            and (gt is None or e["created"] > int(gt))
        ]
        return found

    def _retrieve(self, kind: str, object_id: str, request: Request) -> Reply:
        if kind == "customers" and object_id in self.deleted_customers:
            return Reply(200, {"id": object_id, "object": "customer", "deleted": True})
        obj = self.objects[kind].get(object_id)
        if obj is None:
            return _missing(request.path)
        return Reply(200, self._expanded(obj, request, "customer"))

    def _expanded(self, obj: dict[str, Any], request: Request, path: str) -> dict[str, Any]:
        if path not in (request.query.get("expand[]") or []) or "customer" not in obj:
            return obj
        customer = self.objects["customers"].get(obj["customer"])
        return {**obj, "customer": customer or {"id": obj["customer"], "deleted": True}}

    def _list(self, request: Request, items: list[dict[str, Any]], url: str) -> dict[str, Any]:
        limit = min(int(request.arg("limit") or 10), 100)
        start = 0
        after = request.arg("starting_after")
        if after is not None:
            start = next(i for i, o in enumerate(items) if o["id"] == after) + 1
        data = items[start : start + limit]
        return {
            "object": "list",
            "url": url,
            "has_more": start + limit < len(items),
            "data": data,
        }


def _missing(path: str) -> Reply:
    return Reply(
        404,
        {
            "error": {
                "code": "resource_missing",
                "message": f"Unrecognized request URL (GET: {path}).",
                "type": "invalid_request_error",
            }
        },
    )


def new_charge(charge_id: str, customer: str, amount: int, currency: str) -> dict[str, Any]:
    """A charge that succeeded now, shaped like the fixture's."""
    charge = copy.deepcopy(_fixture("charges.json")[0])
    charge.update(
        id=charge_id,
        customer=customer,
        amount=amount,
        amount_captured=amount,
        amount_refunded=0,
        currency=currency,
        created=int(time.time()),
        invoice=None,
        refunded=False,
        description="Extra work",
    )
    return charge
