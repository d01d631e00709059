"""Stripe, synced from a local server that answers as Stripe's API does.

The fixture account has four customers (one without a description, one paying in
yen), five invoices (one a draft) and six charges (one failed, one refunded in full,
one partly refunded, one made at 23:30 UTC, which is the next day in Jakarta, the
business's time zone here). Its payments export (``fixtures/payments_export.csv``)
holds the same charges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from partways.connectors import SyncFailed
from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.stripe import CONNECTOR
from partways.connectors.stripe import connector as stripe_connector
from partways.store import models as m
from partways.store.imports.apply import FileReport
from partways.store.imports.run import ImportOptions, import_source, sources
from partways.store.sync.run import connect, sync
from partways.store.sync.secrets import unseal

from .fake_stripe import FIXTURES, KEY, FakeStripe, new_charge

ZONE = "Asia/Jakarta"
EXPORT = FIXTURES / "payments_export.csv"
MAJU_CHARGE = "ch_3MtHbG2eZvKYlo2C1Maju0002"
MAJU_PAID = ("PT Maju Jaya", "2026-02-04")
HOSTING_CHARGE = "ch_3MtHgB2eZvKYlo2C4Kov00006"
HOSTING_PAID = ("Kovačević d.o.o.", "2026-03-10")
MAJU_INVOICE = "in_1MtHcQLkdIwHu7ixs8pLq2Rt"
NOOR_INVOICE = "in_1MtHfTLkdIwHu7ixUnc0Lct1"


Stripe = tuple[FakeStripe, FakeApi]


@pytest.fixture
def stripe(monkeypatch: pytest.MonkeyPatch) -> Iterator[Stripe]:
    # Two objects a page, so every list is read over several pages.
    monkeypatch.setattr(stripe_connector, "PAGE", 2)
    account = FakeStripe()
    with FakeApi(account.route) as api:
        yield account, api


def _connector(api: FakeApi, key: str = KEY) -> stripe_connector.StripeConnector:
    return CONNECTOR({"key": key}, base_url=api.url, time_zone=ZONE)


# -- the connector alone --------------------------------------------------------------


def test_the_first_sync_reads_every_page_and_fills_payments_as_the_export_does(
    stripe: Stripe,
) -> None:
    _account, api = stripe
    fetched = _connector(api).fetch({})
    payments = fetched.records.frames["payments"].sort("reference")
    assert payments.select("reference", "amount_minor", "currency", "paid_on").rows() == [
        ("ch_3MtHbF2eZvKYlo2C0yG9Ls1a", 120000, "EUR", dt.date(2026, 2, 3)),
        # 500.00 less 200.00 refunded; 23:30 UTC is the 4th in Jakarta.
        (MAJU_CHARGE, 30000, "USD", dt.date(2026, 2, 4)),
        # ¥150,000 is kept as hundredths, like every amount.
        ("ch_3MtHfA2eZvKYlo2C1Jpy5000", 15000000, "JPY", dt.date(2026, 3, 12)),
        (HOSTING_CHARGE, 45000, "EUR", dt.date(2026, 3, 10)),
    ]
    invoices = fetched.records.frames["invoices"]
    assert sorted(invoices["status"].to_list()) == ["open", "paid", "paid", "uncollectible"]
    clients = fetched.records.frames["clients"]
    # The customer without a description is named by its e-mail, as in the export.
    assert sorted(clients["client"].to_list()) == [
        "Kovačević d.o.o.",
        "PT Maju Jaya",
        "Sakura Design KK",
        "salim@alnoor.ae",
    ]
    assert {s.english(): n for s, n in fetched.records.skipped.items()} == {
        "draft or voided invoices (owed by nobody)": 1,
        "charges with no money kept (failed, pending, uncaptured or refunded in full)": 2,
    }
    pages = [r for r in api.requests if r.path == "/v1/charges"]
    assert len(pages) == 3 and pages[1].arg("starting_after") is not None


def test_every_request_pins_the_version_and_keeps_the_key_out_of_the_address(
    stripe: Stripe,
) -> None:
    _account, api = stripe
    _connector(api).fetch({})
    for request in api.requests:
        assert request.header("Stripe-Version") == stripe_connector.STRIPE_VERSION
        assert KEY not in request.path and KEY not in str(request.query)


def test_a_rate_limit_is_waited_out(stripe: Stripe) -> None:
    _account, api = stripe
    api.interrupt(Reply(429, {"error": {"message": "Too many requests"}}, {"Retry-After": "0"}), 2)
    fetched = _connector(api).fetch({})
    assert fetched.records.frames["payments"].height == 4


def test_a_refused_key_and_an_unreachable_server_are_said_plainly(stripe: Stripe) -> None:
    _account, api = stripe
    with pytest.raises(SyncFailed) as refused:
        _connector(api, key="sk_test_revoked").fetch({})
    assert refused.value.phrase.code == "sync.refused"
    assert "sk_test_revoked" not in str(refused.value)
    closed = CONNECTOR({"key": KEY}, base_url="http://127.0.0.1:9", time_zone=ZONE)
    with pytest.raises(SyncFailed) as unreachable:
        closed.fetch({})
    assert unreachable.value.phrase.code == "sync.network"


# -- through the store ----------------------------------------------------------------


@pytest.fixture
def business(db: None) -> None:
    settings = m.BusinessSettings.load()
    settings.time_zone = ZONE
    settings.save()


def _payments() -> dict[tuple[str, str], tuple[int, int]]:
    """Each payment's (client, day) → (database id, amount): one a day in the fixture."""
    rows = m.Payment.objects.values_list("client__name", "paid_on", "id", "amount_minor")
    return {(client, str(day)): (pk, amount) for client, day, pk, amount in rows}


def _import_export(path: Path = EXPORT) -> FileReport:
    (source,) = sources([str(path)], None)
    report = import_source(source, ImportOptions(time_zone=ZONE))
    assert report.written, report.errors
    return report


@pytest.mark.django_db(transaction=True)
def test_sync_again_then_after_edits_and_deletions(stripe: Stripe, business: None) -> None:
    account, api = stripe
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    assert KEY not in connection.secret and unseal(connection.secret) == {"key": KEY}

    first = sync(connection)
    assert first.written
    assert first.new["payments"] == 4 and first.new["invoices"] == 4
    before = _payments()
    # The yen invoice's payment found its invoice; the uncollectible one is written off.
    assert m.Payment.objects.get(currency="JPY").invoice is not None
    assert m.Invoice.objects.get(number=NOOR_INVOICE).written_off_minor == 30000

    again = sync(connection)
    assert not again.new and not again.updated and not again.removed

    account.refund(MAJU_CHARGE, 10000)  # what was kept is part of the payment's key
    account.pay_invoice(MAJU_INVOICE)  # the status is not
    account.void_invoice(NOOR_INVOICE)  # voided: owed by nobody, so it goes
    account.refund(HOSTING_CHARGE, 45000)  # refunded in full: the payment is gone
    account.delete_draft("in_1MtHdZLkdIwHu7ixDraft001")  # never synced: nothing to do
    extra = new_charge("ch_3MtHzz2eZvKYlo2C9New00007", "cus_Ng4RkD2xPq81Lm", 9900, "usd")
    account.add_charge(extra)

    edited = sync(connection)
    assert edited.written
    assert edited.updated == {"payments": 1, "invoices": 1}
    assert edited.removed == {"payments": 1, "invoices": 1}
    assert edited.new == {"payments": 1}
    after = _payments()
    assert after[MAJU_PAID] == (before[MAJU_PAID][0], 20000)  # in place
    assert HOSTING_PAID not in after
    assert not m.Invoice.objects.filter(number=NOOR_INVOICE).exists()
    assert m.Invoice.objects.filter(number=MAJU_INVOICE).exists()
    assert sync(connection).updated == {}


@pytest.mark.django_db(transaction=True)
def test_the_export_first_then_the_sync_adopts_its_payments(stripe: Stripe, business: None) -> None:
    account, api = stripe
    assert _import_export().new["payments"] == 4
    imported = _payments()
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    report = sync(connection)
    assert report.new.get("payments", 0) == 0 and report.unchanged["payments"] == 4
    assert _payments() == imported
    # Adopted: the sync now follows them, so a refund in full at Stripe removes one.
    account.refund(HOSTING_CHARGE, 45000)
    assert sync(connection).removed == {"payments": 1}
    assert m.Payment.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_sync_first_then_the_export_adds_nothing(stripe: Stripe, business: None) -> None:
    _account, api = stripe
    sync(connect("stripe", {"key": KEY}, base_url=api.url))
    synced = _payments()
    report = _import_export()
    assert not report.new and report.unchanged["payments"] == 4
    assert _payments() == synced


@pytest.mark.django_db(transaction=True)
def test_a_failed_sync_changes_nothing(stripe: Stripe, business: None) -> None:
    account, api = stripe
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    sync(connection)
    cursor, before = connection.cursor, _payments()
    account.refund(HOSTING_CHARGE, 45000)

    api.interrupt(Reply(401, {"error": {"message": "Expired API Key provided"}}))
    with pytest.raises(SyncFailed):
        sync(connection)
    connection.refresh_from_db()
    assert connection.last_ok is False and "refused" in connection.last_result["error"]
    assert connection.cursor == cursor and _payments() == before

    # A limit that lifts in an hour is not waited for: said, and nothing changes.
    api.interrupt(Reply(429, {"error": {"message": "Too many requests"}}, {"Retry-After": "3600"}))
    with pytest.raises(SyncFailed) as limited:
        sync(connection)
    assert limited.value.phrase.code == "sync.rate_limited"
    assert _payments() == before

    assert sync(connection).removed == {"payments": 1}
    connection.refresh_from_db()
    assert connection.last_ok is True


@pytest.mark.django_db(transaction=True)
def test_a_refused_key_is_not_stored(stripe: Stripe, business: None) -> None:
    _account, api = stripe
    with pytest.raises(SyncFailed):
        connect("stripe", {"key": "sk_test_wrong"}, base_url=api.url)
    assert not m.Connection.objects.exists()
