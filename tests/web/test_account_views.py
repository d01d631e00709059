"""A person's own page (their digest, their API tokens) and the owner's webhooks page."""

from __future__ import annotations

import re

from django.test import Client as Browser

from partways.store.models import ApiToken, TeamMember, Webhook

from .conftest import Team


def test_anyone_chooses_their_digest(portfolio: Team, as_charlie: Browser) -> None:
    page = as_charlie.get("/me/").content.decode()
    assert "Your digest" in page and re.search(r'value="daily"[^>]*checked', page)
    response = as_charlie.post("/me/", {"digest": "weekly"})
    assert response.status_code == 302
    assert TeamMember.objects.get(pk=portfolio.charlie.pk).digest == "weekly"
    assert as_charlie.post("/me/", {"digest": "hourly"}).status_code == 200  # refused, said
    assert TeamMember.objects.get(pk=portfolio.charlie.pk).digest == "weekly"


def test_a_token_is_shown_once_works_as_its_person_and_is_revoked(
    portfolio: Team, as_charlie: Browser, as_bob: Browser
) -> None:
    made = as_charlie.post("/me/tokens/", {"name": "incident form"}).content.decode()
    token = re.search(r"<code data-user>(pw_[\w-]+)</code>", made)
    assert token, made[-3000:]
    secret = token.group(1)
    again = as_charlie.get("/me/").content.decode()
    assert secret not in again and secret[:12] in again and "incident form" in again
    api = Browser()
    headers = {"Authorization": f"Bearer {secret}"}
    assert api.get("/api/v1/incidents", headers=headers).status_code == 200
    assert api.get("/api/v1/clients", headers=headers).status_code == 403  # staff's rights
    row = ApiToken.objects.get(member=portfolio.charlie)
    assert as_bob.post(f"/me/tokens/{row.pk}/revoke/").status_code == 404  # not his
    assert as_charlie.post(f"/me/tokens/{row.pk}/revoke/").status_code == 302
    assert api.get("/api/v1/incidents", headers=headers).status_code == 401
    assert "revoked" in as_charlie.get("/me/").content.decode()


def test_the_owner_adds_follows_and_removes_webhooks(
    portfolio: Team, as_alice: Browser, as_bob: Browser, as_charlie: Browser
) -> None:
    for browser in (as_bob, as_charlie):
        assert browser.get("/settings/webhooks/").status_code == 403
    refused = as_alice.post("/settings/webhooks/", {"url": "not an address", "events": []})
    assert refused.status_code == 200 and not Webhook.objects.exists()
    added = as_alice.post(
        "/settings/webhooks/",
        {"url": "https://hooks.example/partways", "events": ["case.step_changed"]},
    ).content.decode()
    hook = Webhook.objects.get()
    assert hook.events == ["case.step_changed"] and hook.secret in added
    page = as_alice.get("/settings/webhooks/").content.decode()
    assert "https://hooks.example/partways" in page and hook.secret not in page
    assert "Nothing sent yet." in page
    assert as_alice.post(f"/settings/webhooks/{hook.pk}/remove/").status_code == 302
    assert not Webhook.objects.exists()
