"""Connecting a service and syncing it from the browser, as an owner would.

Stripe is a local server answering as its API does (the connector's test fixtures);
the running `partways serve` reads it, and the key typed in never shows again.
"""

from __future__ import annotations

import re

from partways.connectors.fake_api import FakeApi
from partways.connectors.stripe.tests.fake_stripe import KEY, FakeStripe

from .conftest import OWNER, Server, log_in, shot


def test_the_owner_connects_stripe_and_syncs_it_now(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    with FakeApi(FakeStripe().route) as stripe:
        log_in(page, *OWNER[:2])
        page.wait_for_url("**/portfolio/")
        page.goto("/import/")
        page.get_by_role("link", name=re.compile("connect your time tracker")).click()
        page.wait_for_url("**/settings/connections/")
        page.get_by_label("Service").select_option("stripe")
        page.get_by_label("API token or key").fill(KEY)
        page.get_by_label("Address of a self-hosted Invoice Ninja").fill(stripe.url)
        page.get_by_role("button", name="Connect", exact=True).click()
        page.get_by_text("Connected stripe: Stripe (test mode").wait_for()
        assert KEY not in page.content()
        page.get_by_role("button", name="Sync now").click()
        # Queued for the worker `partways serve` runs (its job page follows it), or,
        # without one, synced while the page waits.
        page.get_by_text(re.compile(r"Sync done\.|new, 0 updated, 0 removed\.")).wait_for(
            timeout=90_000
        )
        shot(page, "connections-synced")
    listed = server.cli("connections").stdout
    assert "stripe" in listed and "new" in listed
