"""A live sync never loses, doubles or resurrects a record, whatever happens around it.

Each case was a way to lose data found by review: identical records (two equal
instalments, two equal entries on one day) synced apart; a label connected again to
another account; an object created and deleted between two syncs; the connection
removed or connected again while a sync was reading. The services are the
connectors' own local fakes.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from partways.connectors import SyncFailed
from partways.connectors.fake_api import FakeApi
from partways.connectors.harvest.connector import HarvestConnector
from partways.connectors.harvest.tests.fake_harvest import ACCOUNT_ID, TOKEN, HarvestAccount
from partways.connectors.invoiceninja.connector import InvoiceNinjaConnector
from partways.connectors.invoiceninja.tests.fake_invoiceninja import TOKEN as NINJA_TOKEN
from partways.connectors.invoiceninja.tests.fake_invoiceninja import NinjaAccount
from partways.connectors.stripe import connector as stripe_connector
from partways.connectors.stripe.tests.fake_stripe import KEY, FakeStripe, new_charge
from partways.store import models as m
from partways.store.sync import run as sync_run
from partways.store.sync.run import connect, sync
from partways.store.sync.secrets import seal, unseal

pytestmark = pytest.mark.django_db(transaction=True)

HARVEST = {"token": TOKEN, "account_id": ACCOUNT_ID}
NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
# Two Harvest entries with the same day, person, task, notes and hours.
REVIEW, REVIEW_TWIN = 636708006, 636708007


def _zone(name: str) -> None:
    settings = m.BusinessSettings.load()
    settings.time_zone = name
    settings.save()


class _HarvestNow(HarvestConnector):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "now": NOW})


@pytest.fixture
def harvest(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[HarvestAccount, FakeApi]]:
    monkeypatch.setattr(sync_run, "connector_class", lambda service: _HarvestNow)
    _zone("Pacific/Auckland")
    account = HarvestAccount()
    with FakeApi(account.route) as api:
        account.base = api.url
        yield account, api


@pytest.fixture
def stripe(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeStripe, FakeApi]]:
    monkeypatch.setattr(stripe_connector, "PAGE", 2)
    _zone("Asia/Jakarta")
    account = FakeStripe()
    with FakeApi(account.route) as api:
        yield account, api


def test_an_edit_to_one_of_two_identical_entries_keeps_both(harvest: Any) -> None:
    account, api = harvest
    for sid in (REVIEW, REVIEW_TWIN):  # both before the window: only an edit brings one
        account.entries[sid]["spent_date"] = "2026-06-10"
    connection = connect("harvest", HARVEST, base_url=api.url)
    assert sync(connection).new["time_entries"] == 9
    account.edit(REVIEW_TWIN, is_billed=True)  # invoiced: the second twin alone comes back
    report = sync(connection)
    assert report.updated == {"time_entries": 1} and not report.removed and not report.new
    assert m.TimeEntry.objects.count() == 9
    assert sorted(
        m.TimeEntry.objects.filter(description="Meetings: Sprint review").values_list(
            "invoiced", flat=True
        )
    ) == [False, True]


def test_a_second_identical_payment_is_a_second_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(InvoiceNinjaConnector, "per_page", 2)
    _zone("Asia/Dubai")
    account = NinjaAccount()
    with FakeApi(account.route) as api:
        connection = connect("invoiceninja", {"token": NINJA_TOKEN}, base_url=api.url)
        assert sync(connection).written
        before = m.Payment.objects.count()
        first = "Xj8lnKaEv4"  # 250.00 with no reference
        twin = copy.deepcopy(account.find("payments", first))
        twin["id"] = "ReviewTwin1"  # a second instalment of 250.00 the same day
        account._touch(twin)
        account.rows["payments"].append(twin)
        assert sync(connection).new == {"payments": 1}
        assert m.Payment.objects.count() == before + 1
        # The first of the two deleted in Invoice Ninja: the second stays.
        account.delete("payments", first)
        assert sync(connection).removed == {"payments": 1}
        assert m.Payment.objects.count() == before


def test_the_label_connected_to_another_account_starts_afresh(harvest: Any) -> None:
    account, api = harvest
    connection = connect("harvest", HARVEST, base_url=api.url)
    assert sync(connection).written
    entries = m.TimeEntry.objects.count()
    other = HarvestAccount()  # another Harvest account, with no time entries yet
    other.entries = {}
    with FakeApi(other.route) as other_api:
        other.base = other_api.url
        connection = connect("harvest", HARVEST, base_url=other_api.url)
        assert connection.last_result == {"other_account": True} and connection.cursor == {}
        report = sync(connection)
    assert not report.removed  # the first account's entries are not taken for deleted
    assert m.TimeEntry.objects.count() == entries


def test_a_new_key_for_another_stripe_account_reads_its_history(stripe: Any) -> None:
    _account, api = stripe
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    sync(connection)
    payments = m.Payment.objects.count()
    other = FakeStripe()
    older = new_charge("ch_3OtherAccount000000001", "cus_Ng4RkD2xPq81Lm", 9900, "usd")
    older["created"] -= 3 * 86400  # made before the connection moved to this account
    other.objects["charges"] = {older["id"]: older}
    with FakeApi(other.route) as other_api:
        connection = connect("stripe", {"key": KEY}, base_url=other_api.url)
        assert sync(connection).new["payments"] == 1
    assert m.Payment.objects.count() == payments + 1


def test_a_draft_created_and_deleted_between_syncs_is_passed_over(stripe: Any) -> None:
    account, api = stripe
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    sync(connection)
    draft = copy.deepcopy(account.objects["invoices"]["in_1MtHdZLkdIwHu7ixDraft001"])
    draft["id"] = "in_1ReviewDraft000000001"
    account.objects["invoices"][draft["id"]] = draft
    account._event("invoice.created", draft)
    account.delete_draft(draft["id"])
    assert sync(connection).written
    assert sync(connection).written  # and the next one, from the cursor it left


def _meanwhile(monkeypatch: pytest.MonkeyPatch, action: Any) -> None:
    """While the sync reads Stripe, someone acts on the connection."""
    real = stripe_connector.StripeConnector.fetch

    def fetch(self: Any, cursor: Any) -> Any:
        fetched = real(self, cursor)
        action()
        return fetched

    monkeypatch.setattr(stripe_connector.StripeConnector, "fetch", fetch)


def test_a_connection_removed_while_it_syncs_stays_removed(
    stripe: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _account, api = stripe
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    _meanwhile(monkeypatch, lambda: m.Connection.objects.all().delete())
    with pytest.raises(SyncFailed) as stopped:
        sync(connection)
    assert stopped.value.phrase.code == "sync.connection_changed"
    assert not m.Connection.objects.exists() and not m.Payment.objects.exists()


def test_a_key_given_while_it_syncs_is_kept(stripe: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _account, api = stripe
    connection = connect("stripe", {"key": KEY}, base_url=api.url)
    _meanwhile(
        monkeypatch,
        lambda: m.Connection.objects.update(secret=seal({"key": "rk_live_NEW"}), scheduled=False),
    )
    with pytest.raises(SyncFailed):
        sync(connection)
    stored = m.Connection.objects.get()
    assert unseal(stored.secret) == {"key": "rk_live_NEW"} and stored.scheduled is False
    assert stored.cursor == {} and not m.Payment.objects.exists()
