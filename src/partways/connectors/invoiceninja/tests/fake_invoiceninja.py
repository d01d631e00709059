"""An in-memory Invoice Ninja v5 company answering like its API, for the sync tests.

Built from the fixture bodies (shaped as Invoice Ninja's API reference and its
transformers show them, see README.md), it answers what the connector asks:
``/api/v1/ping``, ``/api/v1/statics``, ``POST /api/v1/companies/current`` and the
``clients``, ``invoices`` and ``payments`` lists, as ``BaseController::listResponse``
and ``QueryFilters`` do: ``X-API-TOKEN`` checked (403 ``Invalid token`` otherwise),
``updated_at`` as ``>=``, ``sort=id|asc``, ``per_page`` (default 20, at most 5000) and
``page``, ``meta.pagination`` with ``links`` (``[]`` on one page), archived and deleted
rows included, and ``include=client`` / ``include=invoices`` embedded inline (the
default array serializer). Tests edit, archive and delete rows between syncs; each
change moves the row's ``updated_at`` to the account's clock, as Eloquent's save does.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from partways.connectors.fake_api import Reply, Request, page

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TOKEN = "ninja-token-7f3a9c"
KINDS = ("clients", "invoices", "payments")


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class NinjaAccount:
    """One company's records, in id order (the order of the fixture lists)."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.rows: dict[str, list[dict[str, Any]]] = {
            kind: copy.deepcopy(fixture(f"{kind}.json")["data"]) for kind in KINDS
        }
        self.statics = fixture("statics.json")
        self.ping = fixture("ping.json")
        self.company = fixture("company.json")
        # The clock edits are stamped with: after everything in the fixtures.
        self.clock = max(int(r["updated_at"]) for rows in self.rows.values() for r in rows) + 3600
        self.base_url = "http://ninja.test"  # what pagination links are written against

    # -- changes between syncs -------------------------------------------------------

    def find(self, kind: str, service_id: str) -> dict[str, Any]:
        return next(r for r in self.rows[kind] if r["id"] == service_id)

    def edit(self, kind: str, service_id: str, **changes: Any) -> dict[str, Any]:
        row = self.find(kind, service_id)
        row.update(changes)
        self._touch(row)
        return row

    def delete(self, kind: str, service_id: str) -> None:
        """What ``DELETE /api/v1/{kind}/{id}`` does: archived and flagged deleted."""
        row = self.find(kind, service_id)
        self._touch(row)
        row.update(is_deleted=True, archived_at=row["updated_at"])

    def archive(self, kind: str, service_id: str) -> None:
        row = self.find(kind, service_id)
        self._touch(row)
        row["archived_at"] = row["updated_at"]

    def _touch(self, row: dict[str, Any]) -> None:
        self.clock += 60
        row["updated_at"] = self.clock

    # -- the API -----------------------------------------------------------------------

    def route(self, request: Request) -> Reply:
        if request.header("X-API-TOKEN") != self.token:
            # TokenAuth middleware: an unknown token.
            return Reply(403, {"message": "Invalid token", "errors": {}})
        path = request.path.removeprefix("/api/v1/")
        if request.method == "GET" and path == "ping":
            return Reply(200, self.ping)
        if request.method == "GET" and path == "statics":
            return Reply(200, self.statics)
        if request.method == "POST" and path == "companies/current":
            return Reply(200, self.company)
        if request.method == "GET" and path in KINDS:
            return Reply(200, self._list(path, request))
        return Reply(404, {"message": "Not found"})

    def _list(self, kind: str, request: Request) -> dict[str, Any]:
        rows = list(self.rows[kind])
        since = request.arg("updated_at")
        if since and int(since) > 0:
            rows = [r for r in rows if int(r["updated_at"]) >= int(since)]
        # Only id order is offered (all the connector asks for); ids here are in the
        # fixture lists' order, as the numeric primary keys behind the hashes are.
        if (request.arg("sort") or "id|asc") != "id|asc":
            raise AssertionError(f"unexpected sort {request.arg('sort')!r}")
        per_page = min(abs(int(request.arg("per_page") or 20)), 5000)
        number = int(request.arg("page") or 1)
        total = len(rows)
        pages = max(1, -(-total // per_page))
        shown = page(rows, number, per_page)
        includes = {i for i in (request.arg("include") or "").split(",") if i}
        data = [self._with_includes(kind, row, includes) for row in shown]
        links: Any = []
        if pages > 1:
            links = {}
            if number < pages:
                links["next"] = f"{self.base_url}/api/v1/{kind}?page={number + 1}"
            if number > 1:
                links["previous"] = f"{self.base_url}/api/v1/{kind}?page={number - 1}"
        return {
            "data": data,
            "meta": {
                "pagination": {
                    "total": total,
                    "count": len(data),
                    "per_page": per_page,
                    "current_page": number,
                    "total_pages": pages,
                    "links": links,
                }
            },
        }

    def _with_includes(self, kind: str, row: dict[str, Any], includes: set[str]) -> dict[str, Any]:
        out = copy.deepcopy(row)
        if "client" in includes and kind in ("invoices", "payments"):
            out["client"] = copy.deepcopy(self.find("clients", row["client_id"]))
        if "invoices" in includes and kind == "payments":
            # Payment::invoices(): through the paymentables, trashed invoices too.
            ids = [p["invoice_id"] for p in row.get("paymentables", []) if p.get("invoice_id")]
            out["invoices"] = [copy.deepcopy(self.find("invoices", i)) for i in ids]
        return out
