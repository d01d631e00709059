"""Who is who: unclaimed senders claimed and duplicate clients merged in the browser,
with no command-line instruction on any page of the import."""

from __future__ import annotations

import datetime as dt
import html

from django.test import Client as Browser

from partways.store.models import Client, ClientAlias, Contact, Message

from .conftest import Team


def _messages(page: str) -> str:
    return html.unescape(page)


def _waiting(address: str, n: int) -> None:
    for i in range(n):
        Message.objects.create(
            direction="in",
            channel="email",
            sent_at=dt.datetime(2026, 10, 1 + i, 9, tzinfo=dt.UTC),
            author=address,
            author_address=address,
            text="Hello",
            body="Hello",
        )


def test_unclaimed_senders_are_listed_and_claimed_with_their_waiting_mail(
    portfolio: Team, as_alice: Browser
) -> None:
    _waiting("mira@newcafe.example", 3)
    page = as_alice.get("/who-is-who/").content.decode()
    assert "mira@newcafe.example" in page and "the whole domain @newcafe.example" in page
    assert "partways " not in page.split("<main", 1)[1]
    target = Client.objects.filter(archived=False).order_by("name").first()
    assert target is not None
    response = as_alice.post(
        "/who-is-who/claim/",
        {"address": "mira@newcafe.example", "client": target.pk, "whole_domain": "on"},
        follow=True,
    )
    said = _messages(response.content.decode())
    assert f"@newcafe.example is {target.name}'s now; 3 waiting messages are theirs." in said
    assert Message.objects.filter(author_address="mira@newcafe.example", client=target).count() == 3
    assert (
        "mira@newcafe.example"
        not in said.split("Mail that no client claims", 1)[1].split("Two clients", 1)[0]
    )


def test_a_claim_the_store_refuses_is_worded_on_the_page(
    portfolio: Team, as_alice: Browser
) -> None:
    holder, other = Client.objects.filter(archived=False).order_by("name")[:2]
    Contact.objects.create(client=holder, name="Ana", email="ana@held.example")
    _waiting("ana@held.example", 1)
    Message.objects.filter(author_address="ana@held.example").update(client=None)
    response = as_alice.post(
        "/who-is-who/claim/", {"address": "ana@held.example", "client": other.pk}, follow=True
    )
    said = _messages(response.content.decode())
    assert f"ana@held.example already belongs to {holder.name}." in said


def test_two_clients_that_are_one_are_merged(portfolio: Team, as_alice: Browser) -> None:
    target = Client.objects.filter(archived=False).order_by("name").first()
    assert target is not None
    duplicate = Client.objects.create(name=f"{target.name} (Inc.)")
    response = as_alice.post(
        "/who-is-who/merge/", {"source": duplicate.pk, "target": target.pk}, follow=True
    )
    said = _messages(response.content.decode())
    assert f"{duplicate.name} is now part of {target.name}" in said
    assert not Client.objects.filter(pk=duplicate.pk).exists()
    assert ClientAlias.objects.filter(client=target, alias=duplicate.name).exists()
    refused = as_alice.post(
        "/who-is-who/merge/", {"source": target.pk, "target": target.pk}, follow=True
    )
    assert "A client cannot be merged into itself." in _messages(refused.content.decode())


def test_only_the_owner_does_this(portfolio: Team, as_bob: Browser, as_charlie: Browser) -> None:
    for browser in (as_bob, as_charlie):
        assert browser.get("/who-is-who/").status_code in (302, 403)
        assert browser.post("/who-is-who/merge/", {}).status_code in (302, 403)


def test_the_import_pages_carry_no_command_line_instructions(
    portfolio: Team, as_alice: Browser
) -> None:
    page = as_alice.get("/import/").content.decode()
    assert "/who-is-who/" in page
    assert "partways clients" not in page


def test_the_owner_says_an_address_is_theirs(portfolio: Team, as_alice: Browser) -> None:
    from partways.store.models import BusinessSettings

    _waiting("me@mystudio.example", 2)
    response = as_alice.post("/who-is-who/mine/", {"address": "me@mystudio.example"}, follow=True)
    assert "me@mystudio.example is yours now" in _messages(response.content.decode())
    assert "me@mystudio.example" in BusinessSettings.load().own_addresses.split()
    assert set(
        Message.objects.filter(author_address="me@mystudio.example").values_list(
            "direction", flat=True
        )
    ) == {"out"}
    refused = as_alice.post("/who-is-who/mine/", {"address": "not an address"}, follow=True)
    assert "is neither an address nor a domain" in _messages(refused.content.decode())


def test_an_address_that_is_not_theirs_is_forgotten(portfolio: Team, as_alice: Browser) -> None:
    client = Client.objects.filter(archived=False).order_by("name").first()
    assert client is not None
    Contact.objects.create(client=client, name="x", email="wrong@elsewhere.example")
    response = as_alice.post(
        "/who-is-who/forget/", {"alias": "wrong@elsewhere.example"}, follow=True
    )
    said = _messages(response.content.decode())
    assert f"wrong@elsewhere.example no longer means {client.name}" in said
    assert not Contact.objects.filter(email="wrong@elsewhere.example").exists()
    again = as_alice.post("/who-is-who/forget/", {"alias": "wrong@elsewhere.example"}, follow=True)
    assert "wrong@elsewhere.example is not known as any client's." in _messages(
        again.content.decode()
    )
