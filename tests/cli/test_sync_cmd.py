"""``partways connect``, ``sync``, ``connections`` and ``disconnect``, run for real.

The service is Stripe, served by a local server that answers as its API does (the
connector's own fixtures); the key comes from the environment, never an argument.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.stripe.tests.fake_stripe import KEY, FakeStripe

from .conftest import CLI


@pytest.fixture(scope="module")
def stripe() -> Iterator[FakeApi]:
    with FakeApi(FakeStripe().route) as api:
        yield api


def test_connect_sync_list_and_disconnect(cli: CLI, stripe: FakeApi) -> None:
    bare = {k: v for k, v in cli.env.items() if k != "PARTWAYS_STRIPE_KEY"}
    missing = CLI(bare)("connect", "stripe", "--url", stripe.url, check=False)
    assert missing.returncode == 2 and "set PARTWAYS_STRIPE_KEY" in missing.stderr

    keyed = CLI({**cli.env, "PARTWAYS_STRIPE_KEY": KEY})
    connected = keyed("connect", "stripe", "--url", stripe.url)
    assert "Connected stripe: Stripe (test mode" in connected.stdout
    assert KEY not in connected.stdout + connected.stderr

    first = cli("sync")
    assert "4 payments" in first.stdout and "4 invoices" in first.stdout
    assert cli.scalar("SELECT count(*) FROM partways_payment") == 4
    again = cli("sync", "stripe")
    # Nothing happened at Stripe since: nothing was even read again.
    assert "stripe" in again.stdout and "payments" not in again.stdout
    assert cli.scalar("SELECT count(*) FROM partways_payment") == 4

    listed = cli("connections").stdout
    assert "stripe" in listed and "nothing changed" in listed

    stripe.interrupt(Reply(401, {"error": {"message": "Expired API Key provided"}}))
    refused = cli("sync", check=False)
    assert refused.returncode == 2
    assert "Stripe refused the credentials (HTTP 401: Expired API Key provided)" in " ".join(
        refused.stderr.split()
    )
    assert "HTTP 401" in cli("connections").stdout
    # Said in the reader's language: the refusal, and the table's headings.
    stripe.interrupt(Reply(401, {"error": {"message": "Expired API Key provided"}}))
    croatian = cli("--lang", "hr", "sync", check=False)
    assert croatian.returncode == 2
    assert "odbila je pristupne podatke (HTTP 401" in " ".join(croatian.stderr.split())
    assert "Posljednja sinkronizacija" in cli("--lang", "hr", "connections").stdout
    assert cli.scalar("SELECT count(*) FROM partways_payment") == 4

    unknown = cli("sync", "toggl", check=False)
    assert unknown.returncode == 2 and "No connection named toggl" in unknown.stderr
    assert "the records it synced stay" in cli("disconnect", "stripe").stdout
    assert cli.scalar("SELECT count(*) FROM partways_connection") == 0
    assert cli.scalar("SELECT count(*) FROM partways_payment") == 4


def test_an_unknown_service_lists_the_known_ones(cli: CLI) -> None:
    proc = cli("connect", "paypal", check=False)
    assert proc.returncode == 2
    assert "toggl, harvest, clockify, stripe, invoiceninja" in proc.stderr
