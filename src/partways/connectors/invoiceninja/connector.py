"""Invoice Ninja v5's API: clients, invoices and payments; what changed, by ``updated_at``.

Every list is asked for what was updated at or after the newest ``updated_at`` the
last sync saw (``?updated_at=<unix>``, ``>=``: the boundary record comes back and is
simply unchanged). Invoice Ninja lists archived and deleted rows too (its lists are
built ``withTrashed()``), so a deletion arrives as a row with ``is_deleted: true``
and is removed here; an archived row is still a record, as in the CSV exports. Each
invoice and payment is asked with its client (``include=client``), and each payment
with its invoices, so a record is filled from one answer, as the export fills it.
See README.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, ClassVar

import polars as pl

from partways.core.phrase import marked, say

from ..base import Connector, CredentialField, Fetched, SyncFailed
from ..http import ApiClient
from . import mapping
from .statics import Statics

# Invoice Ninja's largest page (BaseController::resolveQueryLimit: min(per_page, 5000)).
PER_PAGE = 5000
_PATHS = {
    "clients": "/api/v1/clients",
    "invoices": "/api/v1/invoices",
    "payments": "/api/v1/payments",
}
_INCLUDES = {"clients": "", "invoices": "client", "payments": "client,invoices"}


class InvoiceNinjaConnector(Connector):
    service = "invoiceninja"
    title = marked("Invoice Ninja")
    base_url = "https://invoicing.co"
    fields = (
        CredentialField(
            "token",
            marked("API token"),
            marked(
                "Invoice Ninja → Settings → Account Management → Integrations → API Tokens → "
                "Add Token. The hosted service offers the API on the Pro and Enterprise plans."
            ),
        ),
    )
    # Rows asked for per page; the tests make it small so that paging is exercised.
    per_page: ClassVar[int] = PER_PAGE

    def _api(self) -> ApiClient:
        # A self-hosted address may be given with the API's path; the paths here add it.
        self.url = self.url.removesuffix("/api/v1")
        return ApiClient(
            "Invoice Ninja",
            self.url,
            headers={
                "X-API-TOKEN": self.credential("token"),
                # Invoice Ninja's API answers requests marked as its own apps' XHRs.
                "X-Requested-With": "XMLHttpRequest",
            },
        )

    def check(self) -> str:
        with self._api() as api:
            body = api.get("/api/v1/ping").body
        body = body if isinstance(body, Mapping) else {}
        company = mapping.text(body.get("company_name"))
        if company is None:
            raise SyncFailed(
                say(
                    "sync.invoiceninja_not_ninja",
                    "{address} answered, but not as Invoice Ninja v5 does (no company name "
                    "from /api/v1/ping); check the address of your Invoice Ninja.",
                    address=self.url,
                )
            )
        user = mapping.text(body.get("user_name"))
        return f"{company} ({user})" if user else company

    def fetch(self, cursor: Mapping[str, Any]) -> Fetched:
        fetched = Fetched()
        listed: dict[str, list[dict[str, Any]]] = {}
        with self._api() as api:
            statics = Statics.from_body(api.get("/api/v1/statics").body)
            for kind, path in _PATHS.items():
                listed[kind] = list(self._listed(api, path, kind, cursor.get(kind)))
            company_currency = (
                self._company_currency(api, statics) if _needs_company(listed) else None
            )
        self._add_clients(fetched, listed["clients"], statics)
        self._add_invoices(fetched, listed["invoices"], statics, company_currency)
        self._add_payments(fetched, listed["payments"], statics)
        fetched.cursor = _cursor(cursor, listed)
        return fetched

    def _listed(self, api: ApiClient, path: str, kind: str, since: Any) -> Iterator[dict[str, Any]]:
        """Every row of a list, page by page, in id order (so paging is stable while
        rows change: an edited row keeps its place, a new one comes last)."""
        params: dict[str, Any] = {"per_page": self.per_page, "sort": "id|asc"}
        if _INCLUDES[kind]:
            params["include"] = _INCLUDES[kind]
        if since:
            params["updated_at"] = int(since)
        page = 1
        while True:
            body = api.get(path, {**params, "page": page}).body
            body = body if isinstance(body, Mapping) else {}
            rows = body.get("data")
            if not isinstance(rows, list):
                raise SyncFailed(
                    say(
                        "sync.invoiceninja_no_list",
                        "Invoice Ninja answered {path} without a list of records; check the "
                        "address ({address}). Nothing was changed.",
                        path=path,
                        address=self.url,
                    )
                )
            yield from (row for row in rows if isinstance(row, dict))
            pagination = (body.get("meta") or {}).get("pagination") or {}
            last = int(pagination.get("total_pages") or 1)
            if not rows or page >= last:
                return
            page += 1

    def _company_currency(self, api: ApiClient, statics: Statics) -> str | None:
        """The company's currency: what a client without its own one is billed in.

        ``POST /api/v1/companies/current`` only reads (CompanyController::current).
        """
        company = api.post("/api/v1/companies/current", {}).body
        data = company.get("data") if isinstance(company, Mapping) else None
        settings = data.get("settings") if isinstance(data, Mapping) else None
        return (
            statics.currency(settings.get("currency_id")) if isinstance(settings, Mapping) else None
        )

    def _add_clients(
        self, fetched: Fetched, clients: list[dict[str, Any]], statics: Statics
    ) -> None:
        # Deleted clients are left out, as the clients export leaves them out; clients
        # are matched by name and never removed by a sync (their history stays).
        rows = [mapping.client_row(c, statics) for c in clients if not c.get("is_deleted")]
        rows = [r for r in rows if r["client"]]
        if rows:
            fetched.records.add("clients", pl.DataFrame(rows))

    def _add_invoices(
        self,
        fetched: Fetched,
        invoices: list[dict[str, Any]],
        statics: Statics,
        company_currency: str | None,
    ) -> None:
        rows, ids = [], []
        for invoice in invoices:
            client = invoice.get("client") if isinstance(invoice.get("client"), Mapping) else None
            if invoice.get("is_deleted") or mapping.client_deleted(client):
                fetched.delete("invoices", str(invoice["id"]))
                continue
            currency = mapping.client_currency(client, statics, company_currency)
            row = mapping.invoice_row(invoice, client, currency)
            if not (row["client"] and row["number"] and row["issued_on"]):
                # The importer refuses such a row; a record cannot be keyed without them.
                fetched.records.skip(
                    say(
                        "sync.invoiceninja_skip_incomplete_invoice",
                        "invoices without a client, a number or a date",
                    )
                )
                fetched.delete("invoices", str(invoice["id"]))
                continue
            rows.append(row)
            ids.append(str(invoice["id"]))
        if rows:
            dates = [r["issued_on"] for r in rows]
            fetched.add("invoices", mapping.money_frame(rows, "invoices"), ids, dates)

    def _add_payments(
        self, fetched: Fetched, payments: list[dict[str, Any]], statics: Statics
    ) -> None:
        rows, ids = [], []
        for payment in payments:
            service_id = str(payment["id"])
            client = payment.get("client") if isinstance(payment.get("client"), Mapping) else None
            if payment.get("is_deleted") or mapping.client_deleted(client):
                fetched.delete("payments", service_id)
                continue
            if not mapping.payment_kept(payment):
                # Voided, failed, pending or refunded in full since: the importer skips
                # it, so a payment synced before goes.
                fetched.records.skip(
                    say(
                        "sync.invoiceninja_skip_payment",
                        "payments with no money kept (pending, voided, failed or refunded in full)",
                    )
                )
                fetched.delete("payments", service_id)
                continue
            row = mapping.payment_row(payment, client, statics)
            if not (row["client"] and row["paid_on"]):
                fetched.records.skip(
                    say(
                        "sync.invoiceninja_skip_incomplete_payment",
                        "payments without a client or a date",
                    )
                )
                fetched.delete("payments", service_id)
                continue
            rows.append(row)
            ids.append(service_id)
        if rows:
            dates = [r["paid_on"] for r in rows]
            fetched.add("payments", mapping.money_frame(rows, "payments"), ids, dates)


def _needs_company(listed: Mapping[str, list[dict[str, Any]]]) -> bool:
    """Does an invoice's client lack its own currency (so the company's applies)?"""
    for invoice in listed["invoices"]:
        client = invoice.get("client")
        settings = client.get("settings") if isinstance(client, Mapping) else None
        if not (isinstance(settings, Mapping) and settings.get("currency_id")):
            return True
    return False


def _cursor(
    previous: Mapping[str, Any], listed: Mapping[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The newest ``updated_at`` seen of each kind (the last one kept when none came)."""
    cursor = {k: v for k, v in previous.items() if k in _PATHS}
    for kind, rows in listed.items():
        stamps = [int(r["updated_at"]) for r in rows if str(r.get("updated_at", "")).isdigit()]
        if stamps:
            cursor[kind] = max([*stamps, int(cursor.get(kind) or 0)])
    return cursor
