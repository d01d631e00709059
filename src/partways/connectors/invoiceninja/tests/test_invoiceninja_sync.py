"""Invoice Ninja v5, synced from a local server that answers as its API does.

The fixture company (``fixtures/*.json``) has five clients in four currencies (one
archived, one deleted, one without a currency of its own, so billed in the company's
US dollars), eight invoices (one deleted, one of the deleted client, one archived, one
issued at 01:30 in Dubai, which is the day before in UTC) and seven payments (one
partly refunded, one refunded in full, one failed, one deleted, one paying two
invoices). ``fixtures/export_*.csv`` are the v5 report exports of the same company.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import polars as pl
import pytest

from partways.connectors import SyncFailed
from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.invoiceninja import CONNECTOR
from partways.connectors.invoiceninja.connector import InvoiceNinjaConnector
from partways.importers.records import KEY_FIELDS, SCHEMAS
from partways.store import models as m
from partways.store.imports.apply import FileReport
from partways.store.imports.keys import with_keys
from partways.store.imports.run import ImportOptions, import_source, sources
from partways.store.sync.run import connect, sync
from partways.store.sync.secrets import unseal

from .fake_invoiceninja import FIXTURES, TOKEN, NinjaAccount

ZONE = "Asia/Dubai"
KOV, MAJU, NOOR, ACME = "Kovačević d.o.o.", "PT Maju Jaya", "شركة النور", "Acme Ltd"
EXPORTS = [FIXTURES / f"export_{kind}.csv" for kind in ("clients", "invoices", "payments")]
NOOR_INVOICE = "Lk7bVWeoDJ"  # 2026/009, issued 5 February in Dubai, 4 February in UTC
ACME_INVOICE = "7LDdwRb1YK"  # 2026/010, Acme Ltd, billed in the company's currency
ARCHIVED_INVOICE = "Vdb8wm3aEk"  # 2026/012
KOV_PAYMENT = "Wpmbk5ezJ1"  # 500 € less 100 € refunded
ACME_PAYMENT = "Xj8lnKaEv4"

Ninja = tuple[NinjaAccount, FakeApi]


@pytest.fixture
def ninja(monkeypatch: pytest.MonkeyPatch) -> Iterator[Ninja]:
    # Two rows a page, so every list is read over several pages.
    monkeypatch.setattr(InvoiceNinjaConnector, "per_page", 2)
    account = NinjaAccount()
    with FakeApi(account.route) as api:
        yield account, api


def _connector(api: FakeApi, token: str = TOKEN) -> InvoiceNinjaConnector:
    connector = CONNECTOR({"token": token}, base_url=api.url, time_zone=ZONE)
    assert isinstance(connector, InvoiceNinjaConnector)
    return connector


def _rows(frame: pl.DataFrame, columns: tuple[str, ...]) -> list[tuple[object, ...]]:
    """The rows' columns, dates as ISO text, in a stable order."""
    rows = frame.select(columns).rows()
    shown = [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in r) for r in rows]
    return sorted(shown, key=repr)


# -- the connector alone --------------------------------------------------------------


def test_the_first_sync_reads_every_page_and_fills_records_as_the_exports_do(ninja: Ninja) -> None:
    _account, api = ninja
    fetched = _connector(api).fetch({})
    invoices = fetched.records.frames["invoices"]
    columns = ("number", "client", "issued_on", "due_on", "amount_minor", "currency", "status")
    assert _rows(invoices, columns) == [
        ("2026/007", KOV, "2026-02-01", "2026-03-03", 150000, "EUR", "partial/deposit"),
        ("2026/008", MAJU, "2026-02-02", "2026-02-16", 750000000, "IDR", "paid"),
        # The day written, though created at 21:30 UTC the day before; no due date.
        ("2026/009", NOOR, "2026-02-05", None, 220050, "AED", "sent"),
        # Acme Ltd has no currency of its own: the company's.
        ("2026/010", ACME, "2026-02-10", "2026-02-24", 25000, "USD", "paid"),
        ("2026/011", KOV, "2026-02-20", "2026-03-22", 30025, "EUR", "paid"),
        # Archived is still an invoice, as in the export.
        ("2026/012", MAJU, "2026-02-25", "2026-03-11", 125000075, "IDR", "sent"),
    ]
    payments = fetched.records.frames["payments"]
    paid = ("paid_on", "client", "invoice_number", "amount_minor", "currency", "reference")
    assert _rows(payments, paid) == [
        ("2026-02-10", MAJU, "2026/008", 750000000, "IDR", "TRX-881"),
        # 500 € less 100 € refunded.
        ("2026-02-12", KOV, "2026/007", 40000, "EUR", "ref-22"),
        ("2026-02-15", ACME, "2026/010", 25000, "USD", None),
        # One payment for two invoices names both, as the export does.
        ("2026-02-28", KOV, "2026/007, 2026/011", 70025, "EUR", "SEPA-2026-0228"),
    ]
    assert sorted(payments["method"].to_list()) == [
        "Bank Transfer",
        "Bank Transfer",
        "Check",
        "Visa Card",
    ]
    clients = fetched.records.frames["clients"]
    assert _rows(clients, ("client", "email", "contact_name", "country")) == sorted(
        [
            (KOV, "ana@kovacevic.hr", "Ana Kovačević", "Croatia"),
            (MAJU, "budi@majujaya.co.id", "Budi Santoso", "Indonesia"),
            (NOOR, "layla@alnoor.ae", "Layla Haddad", "United Arab Emirates"),
            (ACME, "john@acme.example", "John Smith", "United States"),
        ],
        key=repr,
    )
    # The deleted invoice, the deleted client's invoice and the deleted payment are
    # deletions; the failed and the refunded payments go too (were they synced before).
    assert fetched.deleted == {
        "invoices": {"JYqaN6ejnx", "ma7bKkaYo9"},
        "payments": {"k8mep2bMy7", "wMvbmEAbY2", "Q9wdL84dj3"},
    }
    assert {s.english(): n for s, n in fetched.records.skipped.items()} == {
        "payments with no money kept (pending, voided, failed or refunded in full)": 2,
    }
    assert fetched.dates["invoices"][fetched.ids["invoices"].index(NOOR_INVOICE)] == dt.date(
        2026, 2, 5
    )
    # Eight invoices two a page: four pages, each asked with its client.
    pages = [r for r in api.requests if r.path == "/api/v1/invoices"]
    assert [r.arg("page") for r in pages] == ["1", "2", "3", "4"]
    assert all(r.arg("include") == "client" and r.arg("sort") == "id|asc" for r in pages)
    assert all(r.arg("updated_at") is None for r in pages)
    assert fetched.cursor == {"clients": 1767603840, "invoices": 1772330400, "payments": 1772276400}


def test_the_records_are_the_ones_the_csv_importer_reads_from_the_export(ninja: Ninja) -> None:
    """Same identity fields, hence the same keys, and the same other fields too."""
    _account, api = ninja
    fetched = _connector(api).fetch({})
    for path in EXPORTS[1:]:
        (source,) = sources([str(path)], None)
        assert source.importer is not None
        source.importer.time_zone = ZONE
        records, errors = source.importer.extract(path)
        assert not errors
        for kind, exported in records.frames.items():
            synced = fetched.records.frames[kind]
            keys = sorted(with_keys(kind, exported)["_key"].to_list())
            assert keys == sorted(with_keys(kind, synced)["_key"].to_list())
            assert _rows(exported, tuple(SCHEMAS[kind])) == _rows(synced, tuple(SCHEMAS[kind]))
            assert set(KEY_FIELDS[kind]) <= set(SCHEMAS[kind])


def test_every_request_carries_the_token_in_a_header_only(ninja: Ninja) -> None:
    _account, api = ninja
    _connector(api).fetch({})
    assert api.requests
    for request in api.requests:
        assert request.header("X-API-TOKEN") == TOKEN
        assert request.header("X-Requested-With") == "XMLHttpRequest"
        assert TOKEN not in request.path and TOKEN not in str(request.query)


def test_the_next_sync_asks_only_for_what_changed_since(ninja: Ninja) -> None:
    account, api = ninja
    connector = _connector(api)
    first = connector.fetch({})
    api.requests.clear()
    again = connector.fetch(first.cursor)
    lists = [r for r in api.requests if r.path.endswith(("clients", "invoices", "payments"))]
    assert {r.path: r.arg("updated_at") for r in lists} == {
        f"/api/v1/{kind}": str(first.cursor[kind]) for kind in ("clients", "invoices", "payments")
    }
    # ≥: only the newest row of each kind comes back, unchanged.
    assert again.row_count() == 2 and again.cursor == first.cursor
    assert again.ids == {"invoices": [ARCHIVED_INVOICE], "payments": ["Mg6bqvaY56"]}

    account.edit("invoices", NOOR_INVOICE, amount=2400, status_id="4")
    account.delete("payments", KOV_PAYMENT)
    third = connector.fetch(again.cursor)
    # The edited invoice, and the boundary one again (in id order).
    assert third.ids["invoices"] == [NOOR_INVOICE, ARCHIVED_INVOICE]
    assert third.deleted == {"payments": {KOV_PAYMENT}}
    assert third.records.frames["invoices"]["amount_minor"].to_list() == [240000, 125000075]
    assert third.cursor["invoices"] == account.find("invoices", NOOR_INVOICE)["updated_at"]


def test_a_rate_limit_is_waited_out(ninja: Ninja) -> None:
    _account, api = ninja
    api.interrupt(Reply(429, {"message": "Too many requests"}, {"Retry-After": "0"}), 2)
    fetched = _connector(api).fetch({})
    assert fetched.records.frames["payments"].height == 4
    assert sum(1 for r in api.requests if r.path == "/api/v1/statics") == 3


def test_the_check_names_the_company(ninja: Ninja) -> None:
    _account, api = ninja
    assert _connector(api).check() == "Studio Novak (Ana Novak)"
    # A self-hosted address given with the API's path works the same.
    with_path = CONNECTOR({"token": TOKEN}, base_url=f"{api.url}/api/v1/")
    assert with_path.check() == "Studio Novak (Ana Novak)"
    assert api.requests[-1].path == "/api/v1/ping"


def test_a_refused_token_and_an_unreachable_server_are_said_plainly(ninja: Ninja) -> None:
    _account, api = ninja
    with pytest.raises(SyncFailed) as refused:
        _connector(api, token="revoked-token-1234").fetch({})
    assert refused.value.phrase.code == "sync.refused"
    assert "revoked-token-1234" not in str(refused.value)
    with pytest.raises(SyncFailed):
        _connector(api, token="revoked-token-1234").check()
    closed = CONNECTOR({"token": TOKEN}, base_url="http://127.0.0.1:9", time_zone=ZONE)
    with pytest.raises(SyncFailed) as unreachable:
        closed.fetch({})
    assert unreachable.value.phrase.code == "sync.network"
    with pytest.raises(SyncFailed) as missing:
        CONNECTOR({"token": " "}, base_url=api.url).fetch({})
    assert missing.value.phrase.code == "sync.missing_credential"


def test_a_server_that_is_not_invoice_ninja_is_said_plainly() -> None:
    with FakeApi(lambda request: Reply(200, {"status": "ok"})) as api:
        with pytest.raises(SyncFailed) as check:
            CONNECTOR({"token": TOKEN}, base_url=api.url).check()
        assert check.value.phrase.code == "sync.invoiceninja_not_ninja"
        with pytest.raises(SyncFailed) as listed:
            CONNECTOR({"token": TOKEN}, base_url=api.url).fetch({})
        assert listed.value.phrase.code == "sync.invoiceninja_no_list"


# -- through the store ----------------------------------------------------------------


@pytest.fixture
def business(db: None) -> None:
    settings = m.BusinessSettings.load()
    settings.time_zone = ZONE
    settings.save()


def _invoices() -> dict[str, tuple[int, int, str]]:
    """Each invoice's number → (database id, amount, currency)."""
    rows = m.Invoice.objects.values_list("number", "id", "amount_minor", "currency")
    return {number: (pk, amount, currency) for number, pk, amount, currency in rows}


def _payments() -> dict[tuple[str, str], tuple[int, int]]:
    """Each payment's (client, day) → (database id, amount): one a day in the fixture."""
    rows = m.Payment.objects.values_list("client__name", "paid_on", "id", "amount_minor")
    return {(client, str(day)): (pk, amount) for client, day, pk, amount in rows}


def _import_exports() -> list[FileReport]:
    reports = []
    for path in EXPORTS:
        (source,) = sources([str(path)], None)
        report = import_source(source, ImportOptions(time_zone=ZONE))
        assert report.written, report.errors
        reports.append(report)
    return reports


@pytest.mark.django_db(transaction=True)
def test_sync_again_then_after_edits_and_deletions(ninja: Ninja, business: None) -> None:
    account, api = ninja
    connection = connect("invoiceninja", {"token": TOKEN}, base_url=api.url)
    assert connection.account == "Studio Novak (Ana Novak)"
    assert TOKEN not in connection.secret and unseal(connection.secret) == {"token": TOKEN}

    first = sync(connection)
    assert first.written
    assert first.new["invoices"] == 6 and first.new["payments"] == 4
    invoices, payments = _invoices(), _payments()
    assert invoices["2026/010"][1:] == (25000, "USD")
    assert "2026/006" not in invoices and "2026/005" not in invoices

    again = sync(connection)
    assert not again.new and not again.updated and not again.removed

    account.edit("invoices", ACME_INVOICE, number="2026/010-A")  # the number is identity
    account.edit("invoices", NOOR_INVOICE, amount=2400)  # the amount is not
    account.delete("invoices", ARCHIVED_INVOICE)
    account.edit("payments", KOV_PAYMENT, refunded=200, status_id="5")  # what was kept is
    account.edit("payments", ACME_PAYMENT, status_id="2")  # voided: no money, so it goes

    edited = sync(connection)
    assert edited.written
    assert edited.updated == {"invoices": 2, "payments": 1}
    assert edited.removed == {"invoices": 1, "payments": 1}
    assert not edited.new
    after = _invoices()
    assert after["2026/010-A"][0] == invoices["2026/010"][0]  # in place
    assert "2026/010" not in after and "2026/012" not in after
    assert after["2026/009"] == (invoices["2026/009"][0], 240000, "AED")
    kov = ("Kovačević d.o.o.", "2026-02-12")
    assert _payments()[kov] == (payments[kov][0], 30000)
    assert ("Acme Ltd", "2026-02-15") not in _payments()
    assert not sync(connection).updated


@pytest.mark.django_db(transaction=True)
def test_the_export_first_then_the_sync_adopts_its_records(ninja: Ninja, business: None) -> None:
    account, api = ninja
    imported = _import_exports()
    assert imported[1].new["invoices"] == 6 and imported[2].new["payments"] == 4
    invoices, payments = _invoices(), _payments()
    connection = connect("invoiceninja", {"token": TOKEN}, base_url=api.url)
    report = sync(connection)
    assert not report.new.get("invoices") and not report.new.get("payments")
    assert report.unchanged["invoices"] == 6 and report.unchanged["payments"] == 4
    assert _invoices() == invoices and _payments() == payments
    # Adopted: the sync now follows them, so a deletion at Invoice Ninja removes one.
    account.delete("invoices", NOOR_INVOICE)
    assert sync(connection).removed == {"invoices": 1}
    assert m.Invoice.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_the_sync_first_then_the_export_adds_nothing(ninja: Ninja, business: None) -> None:
    _account, api = ninja
    sync(connect("invoiceninja", {"token": TOKEN}, base_url=api.url))
    invoices, payments = _invoices(), _payments()
    _clients, invoice_report, payment_report = _import_exports()
    assert not invoice_report.new and invoice_report.unchanged["invoices"] == 6
    assert not payment_report.new and payment_report.unchanged["payments"] == 4
    assert _invoices() == invoices and _payments() == payments


@pytest.mark.django_db(transaction=True)
def test_a_failed_sync_changes_nothing(ninja: Ninja, business: None) -> None:
    account, api = ninja
    connection = connect("invoiceninja", {"token": TOKEN}, base_url=api.url)
    sync(connection)
    cursor, before = connection.cursor, _invoices()
    account.delete("invoices", NOOR_INVOICE)

    api.interrupt(Reply(403, {"message": "Invalid token", "errors": {}}))
    with pytest.raises(SyncFailed):
        sync(connection)
    connection.refresh_from_db()
    assert connection.last_ok is False and "refused" in connection.last_result["error"]
    assert connection.cursor == cursor and _invoices() == before

    # A limit that lifts in an hour is not waited for: said, and nothing changes.
    api.interrupt(Reply(429, {"message": "Too many requests"}, {"Retry-After": "3600"}))
    with pytest.raises(SyncFailed) as limited:
        sync(connection)
    assert limited.value.phrase.code == "sync.rate_limited"
    connection.refresh_from_db()
    assert connection.cursor == cursor and _invoices() == before

    assert sync(connection).removed == {"invoices": 1}
    connection.refresh_from_db()
    assert connection.last_ok is True


@pytest.mark.django_db(transaction=True)
def test_a_refused_token_is_not_stored(ninja: Ninja, business: None) -> None:
    _account, api = ninja
    with pytest.raises(SyncFailed):
        connect("invoiceninja", {"token": "wrong-token"}, base_url=api.url)
    assert not m.Connection.objects.exists()


def test_the_fixture_exports_are_the_v5_reports() -> None:
    """Each export is recognised by the Invoice Ninja importer of its kind."""
    names = [sources([str(p)], None)[0].importer for p in EXPORTS]
    assert [type(i).__name__ for i in names] == [
        "InvoiceNinjaClientsImporter",
        "InvoiceNinjaInvoicesImporter",
        "InvoiceNinjaPaymentsImporter",
    ]
