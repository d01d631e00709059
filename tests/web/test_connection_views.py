"""The Connections page: the owner connects a service, syncs it now, removes it.

Stripe is served by a local server answering as its API does (the connector's own
test fixtures); the key typed in is checked, kept encrypted and never shown again.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from django.http import HttpResponse
from django.test import Client as Browser

from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.stripe.tests.fake_stripe import KEY, FakeStripe
from partways.store.models import Connection, Payment

from .conftest import Team

PAGE = "/settings/connections/"


@pytest.fixture
def stripe() -> Iterator[FakeApi]:
    with FakeApi(FakeStripe().route) as api:
        yield api


def _text(response: HttpResponse) -> str:
    """The page's text as a reader sees it (the isolates around names left out)."""
    return html.unescape(response.content.decode()).replace("\u2068", "").replace("\u2069", "")


def _connect(browser: Browser, api: FakeApi, key: str = KEY) -> str:
    return _text(
        browser.post(PAGE, {"service": "stripe", "secret": key, "url": api.url}, follow=True)
    )


def test_the_owner_connects_syncs_now_and_removes(
    portfolio: Team, as_alice: Browser, stripe: FakeApi
) -> None:
    page = _connect(as_alice, stripe)
    connection = Connection.objects.get()
    assert "Connected stripe: Stripe (test mode" in page
    assert KEY not in page and KEY not in connection.secret
    assert "Not synced yet." in page

    payments = Payment.objects.count()
    response = as_alice.post(f"{PAGE}{connection.pk}/sync/", follow=True)
    page = _text(response)
    assert Payment.objects.count() == payments + 4
    assert "new, 0 updated, 0 removed." in page

    stripe.interrupt(Reply(401, {"error": {"message": "Expired API Key provided"}}))
    response = as_alice.post(f"{PAGE}{connection.pk}/sync/", follow=True)
    page = _text(response)
    assert "Stripe refused the credentials (HTTP 401: Expired API Key provided)" in page
    assert Payment.objects.count() == payments + 4

    as_alice.post(f"{PAGE}{connection.pk}/remove/")
    assert not Connection.objects.exists()
    assert Payment.objects.count() == payments + 4  # what it synced stays


def test_a_refused_key_is_said_and_not_kept(
    portfolio: Team, as_alice: Browser, stripe: FakeApi
) -> None:
    response = as_alice.post(PAGE, {"service": "stripe", "secret": "sk_test_no", "url": stripe.url})
    assert response.status_code == 400
    assert "Stripe refused the credentials" in _text(response)
    assert not Connection.objects.exists()


def test_only_the_owner_sees_the_connections(portfolio: Team, as_bob: Browser) -> None:
    assert as_bob.get(PAGE).status_code == 403


@pytest.mark.parametrize(
    ("lang", "heading", "refused"),
    [
        ("id", "Koneksi", "menolak kredensial"),
        ("hr", "Veze", "odbila je pristupne podatke"),
        ("ar", "الاتصالات", "HTTP 401"),
    ],
)
def test_the_page_and_a_refusal_in_the_owners_language(
    lang: str, heading: str, refused: str, portfolio: Team, as_alice: Browser, stripe: FakeApi
) -> None:
    _connect(as_alice, stripe)
    connection = Connection.objects.get()
    as_alice.post("/language/", {"language": lang, "next": PAGE})
    stripe.interrupt(Reply(401, {"error": {"message": "Expired API Key provided"}}))
    page = _text(as_alice.post(f"{PAGE}{connection.pk}/sync/", follow=True))
    assert f"<h1>{heading}</h1>" in page
    assert refused in page and "refused the credentials" not in page
