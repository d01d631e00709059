"""Who may open what: every view that shows money or messages, per role.

The matrix: alice (owner), bob (manager of three clients), dana (manager of none),
charlie (staff) and an anonymous visitor, against each page and download.
"""

from __future__ import annotations

import pytest
from django.test import Client as Browser

from partways.store.models import Invoice, Message, MessageLabel

from .conftest import Team


def _message_of(client_id: int) -> int:
    flagged = MessageLabel.objects.filter(message__client_id=client_id).values_list(
        "message_id", flat=True
    )
    found = (
        flagged.first()
        or Message.objects.filter(client_id=client_id).values_list("pk", flat=True).first()
    )
    assert found is not None
    return found


def _pages_of(client_id: int) -> list[str]:
    """Every page about one client that shows money or messages."""
    pages = [
        f"/clients/{client_id}/",
        f"/clients/{client_id}/records/message/{_message_of(client_id)}",
    ]
    invoice = Invoice.objects.filter(client_id=client_id).first()
    if invoice is not None:
        pages.append(f"/clients/{client_id}/records/invoice/{invoice.number}")
    return pages


def test_the_owner_opens_every_client_page(portfolio: Team, as_alice: Browser) -> None:
    for client_id in (*portfolio.bob_clients, portfolio.other_client):
        for url in _pages_of(client_id):
            assert as_alice.get(url).status_code == 200, url


def test_a_manager_opens_the_pages_of_his_own_clients(portfolio: Team, as_bob: Browser) -> None:
    for client_id in portfolio.bob_clients:
        for url in _pages_of(client_id):
            assert as_bob.get(url).status_code == 200, url


def test_a_manager_gets_not_found_for_anyone_elses_client(
    portfolio: Team, as_bob: Browser, as_dana: Browser
) -> None:
    for url in _pages_of(portfolio.other_client):
        assert as_bob.get(url).status_code == 404, url
    for client_id in portfolio.bob_clients:
        for url in _pages_of(client_id):
            assert as_dana.get(url).status_code == 404, url


def test_a_record_link_cannot_reach_another_clients_record(
    portfolio: Team, as_bob: Browser
) -> None:
    # Bob's client id with the other client's message id: the record is looked up
    # within the client, so it is not found.
    foreign = _message_of(portfolio.other_client)
    mine = portfolio.bob_clients[0]
    assert as_bob.get(f"/clients/{mine}/records/message/{foreign}").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/portfolio/",
        "/portfolio/?rec=repair",
        "/repair/",
        "/offboarding/",
        "/import/",
        "/settings/",
    ],
)
def test_staff_cannot_open_pages_with_figures(url: str, as_charlie: Browser) -> None:
    assert as_charlie.get(url).status_code == 403


def test_staff_cannot_open_any_client_page(portfolio: Team, as_charlie: Browser) -> None:
    for client_id in (*portfolio.bob_clients, portfolio.other_client):
        for url in _pages_of(client_id):
            assert as_charlie.get(url).status_code == 403, url


def test_staff_cannot_run_the_triage(as_charlie: Browser, as_bob: Browser) -> None:
    assert as_charlie.post("/portfolio/triage/").status_code == 403
    assert as_bob.post("/portfolio/triage/").status_code == 403


def test_staff_land_on_incidents_and_see_no_money(as_charlie: Browser) -> None:
    landing = as_charlie.get("/", follow=True)
    assert landing.redirect_chain[-1][0] == "/incidents/"
    page = landing.content.decode()
    assert "€" not in page and "EUR" not in page
    assert "Portfolio" not in page  # the navigation hides what staff cannot open


def test_managers_land_on_the_portfolio(as_bob: Browser, as_alice: Browser) -> None:
    assert as_bob.get("/").url == "/portfolio/"
    assert as_alice.get("/").url == "/portfolio/"


@pytest.mark.parametrize(
    "url",
    ["/", "/portfolio/", "/incidents/", "/repair/", "/offboarding/", "/import/", "/settings/"],
)
def test_anonymous_visitors_are_sent_to_log_in(url: str, portfolio: Team, db: None) -> None:
    response = Browser().get(url)
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_anonymous_visitors_cannot_open_a_client_page(portfolio: Team, db: None) -> None:
    for url in _pages_of(portfolio.bob_clients[0]):
        response = Browser().get(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url


def test_a_login_without_a_team_member_is_refused(portfolio: Team, db: None) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("stranger@example.com", password="x-long-password-1")
    b = Browser()
    assert b.login(username="stranger@example.com", password="x-long-password-1")
    assert b.get("/portfolio/").status_code == 403
    assert b.get(f"/clients/{portfolio.other_client}/").status_code == 403
