"""The first run in the browser: the owner is asked what `partways setup` asks, once."""

from __future__ import annotations

import html

from django.test import Client as Browser

from partways.store.models import BusinessSettings, TeamMember

from .conftest import Team


def _unset() -> None:
    BusinessSettings.objects.filter(pk=1).update(
        configured_at=None, time_zone="UTC", currency_chosen=False
    )


def test_the_owner_lands_on_the_set_up_until_it_is_saved(
    portfolio: Team, as_alice: Browser, as_bob: Browser, monkeypatch
) -> None:
    _unset()
    monkeypatch.setenv("PARTWAYS_MACHINE_TIME_ZONE", "America/Chicago")
    assert as_alice.get("/").url == "/setup/"
    assert as_bob.get("/").url == "/portfolio/"  # a manager sets nothing up
    page = html.unescape(as_alice.get("/setup/").content.decode())
    assert 'value="America/Chicago"' in page  # this machine's zone is offered
    assert "the exchange rates below" not in page  # none on this page
    response = as_alice.post(
        "/setup/",
        {
            "name": "Fieldwork Studio",
            "base_currency": "usd",
            "time_zone": "America/Chicago",
            "work_start": "08:30",
            "work_end": "17:00",
            "work_days": ["0", "1", "2", "3", "4"],
            "target_hourly_rate": "110",
            "default_cost_rate": "45",
            "own_addresses": "@fieldwork.example",
            "team": "\n".join(
                [
                    "Marcus Lee <marcus@fieldwork.example> manager",
                    "Priya Nair,priya@fieldwork.example",
                ]
            ),
        },
    )
    assert response.status_code == 302 and response.url == "/import/"
    business = BusinessSettings.load()
    assert business.configured_at is not None and business.currency_chosen
    assert (business.base_currency, business.time_zone) == ("USD", "America/Chicago")
    assert TeamMember.objects.get(email="marcus@fieldwork.example").role == "manager"
    assert TeamMember.objects.get(email="priya@fieldwork.example").role == "staff"
    assert as_alice.get("/").url == "/portfolio/"


def test_a_wrong_answer_saves_nothing_and_says_what_was_expected(
    portfolio: Team, as_alice: Browser
) -> None:
    _unset()
    before = BusinessSettings.load().name
    response = as_alice.post(
        "/setup/",
        {
            "name": "Other",
            "base_currency": "dollars",
            "time_zone": "Mars/Olympus",
            "work_start": "09:00",
            "work_end": "17:00",
            "work_days": ["0"],
            "target_hourly_rate": "80",
            "default_cost_rate": "30",
            "team": "just a name",
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "'dollars' is not a currency code" in page
    assert "'Mars/Olympus' is not a time zone" in page
    assert "just a name is not a team member" in page
    assert BusinessSettings.load().name == before and BusinessSettings.load().configured_at is None


def test_only_the_owner_sets_up(portfolio: Team, as_bob: Browser) -> None:
    assert as_bob.get("/setup/").status_code in (302, 403)
