"""Values the web must cope with: an exchange rate no number can be (kept by an earlier
release), and a client's name with a line break in it.

Before, one stored infinite rate made /settings/ and /portfolio/ answer 500, so it
could not even be removed there; a name with a line break made dates.ics answer 500.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test import Client as Browser
from django.urls import reverse
from icalendar import Calendar

from partways.store.business import load_business, stored_rates
from partways.store.models import BusinessSettings, Client, ExchangeRate

from .conftest import Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def unusable_usd(portfolio: Team) -> Iterator[None]:
    """USD's rate as the earlier release stored `partways rate USD 1e309`: infinity on
    SQLite; NaN on PostgreSQL, whose numeric column refuses infinity but takes NaN."""
    value = "'NaN'" if connection.vendor == "postgresql" else "9e999"
    ExchangeRate.objects.update_or_create(currency="USD", defaults={"rate_to_base": 1})
    with connection.cursor() as cur:
        cur.execute(
            f"UPDATE partways_exchangerate SET rate_to_base = {value} WHERE currency = 'USD'"
        )
    yield


def test_the_settings_page_shows_an_unusable_rate_to_be_replaced(
    unusable_usd: None, as_alice: Browser
) -> None:
    response = as_alice.get("/settings/")
    assert response.status_code == 200
    rates = response.content.decode().split('<table id="rates-table"', 1)[1].split("</table>")[0]
    assert "Not usable" in rates and "Remove USD" in rates
    # Saving a rate over it works without reading the old value.
    as_alice.post("/settings/rates/", {"currency": "USD", "rate": "0.92"})
    assert ExchangeRate.objects.get(currency="USD").rate_to_base == Decimal("0.92")


def test_an_unusable_rate_can_be_removed_on_the_web(unusable_usd: None, as_alice: Browser) -> None:
    response = as_alice.post("/settings/rates/USD/remove/")
    assert response.status_code == 302
    assert not ExchangeRate.objects.filter(currency="USD").exists()


def test_the_portfolio_still_opens_and_the_engine_leaves_the_rate_out(
    unusable_usd: None, as_alice: Browser, as_bob: Browser
) -> None:
    assert as_alice.get("/portfolio/").status_code == 200
    assert as_bob.get("/portfolio/").status_code == 200
    business, _ = load_business()
    assert "USD" not in business.rates and business.rates["AED"] == Decimal("0.25")
    assert [r.currency for r in stored_rates() if r.value is None] == ["USD"]


@pytest.mark.parametrize("value", ["1e309", "inf", "NaN", "-1", "1e10"])
def test_a_rate_the_form_refuses_leaves_the_stored_one(
    portfolio: Team, as_alice: Browser, value: str
) -> None:
    ExchangeRate.objects.update_or_create(currency="USD", defaults={"rate_to_base": "0.92"})
    response = as_alice.post("/settings/rates/", {"currency": "USD", "rate": value})
    assert response.status_code == 200
    assert ExchangeRate.objects.get(currency="USD").rate_to_base == Decimal("0.92")


def test_the_base_currency_gets_no_rate(portfolio: Team, as_alice: Browser) -> None:
    base = BusinessSettings.load().base_currency
    response = as_alice.post("/settings/rates/", {"currency": base.lower(), "rate": "2"})
    assert response.status_code == 200
    assert f"{base} is the base currency" in response.content.decode()
    assert not ExchangeRate.objects.filter(currency=base).exists()


def test_a_stored_rate_for_the_base_currency_is_not_used(portfolio: Team) -> None:
    # Kept by an earlier release, it would have multiplied every base amount.
    base = BusinessSettings.load().base_currency
    ExchangeRate.objects.create(currency=base, rate_to_base=2)
    business, _ = load_business()
    assert base not in business.rates


def test_key_dates_of_a_client_with_a_line_break_in_the_name(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]  # has a repair plan running: a key date
    Client.objects.filter(pk=client_id).update(name="Line\nBreak\r\nLtd")
    with time_machine.travel(dt.datetime(2026, 10, 31, 10, tzinfo=dt.UTC), tick=False):
        response = as_bob.get(reverse("client_key_dates", args=[client_id]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "partways: Line Break Ltd"


def _settings_form(**changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Studio Primjer",
        "time_zone": "Europe/Zagreb",
        "work_start": "09:00",
        "work_end": "17:00",
        "work_days": ["0", "1", "2", "3", "4"],
        "base_currency": "EUR",
        "target_hourly_rate": "80",
        "default_cost_rate": "35",
        "own_addresses": "",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("t__engine__window_months", "1e300", "expected at most 1,200 months"),
        ("t__triage__cooling_off_days", "1000000000000000", "expected at most 36,500 days"),
        ("t__losing_money__min_cost", "1e300", "is too large"),
        ("target_hourly_rate", "1e309", "is too large"),
        ("default_cost_rate", "10000000000001", "is too large"),
    ],
)
def test_a_threshold_past_its_range_is_refused(
    portfolio: Team, as_alice: Browser, field: str, value: str, expected: str
) -> None:
    # Before, a window of 1e300 months was stored, and every triage then ended in
    # "OverflowError: Python int too large to convert to C long".
    before = BusinessSettings.load().thresholds
    response = as_alice.post("/settings/", _settings_form(**{field: value}))
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert BusinessSettings.load().thresholds == before


def test_a_stored_threshold_the_engine_cannot_use_falls_back_to_its_default(
    portfolio: Team,
) -> None:
    BusinessSettings.objects.filter(pk=1).update(
        thresholds={
            "engine.window_months": 1e300,
            "triage.cooling_off_days": 1e15,
            "payment_risk.high": "soon",
            "payment_risk.low": 10,
        }
    )
    _, cfg = load_business()
    assert cfg["engine.window_months"] == 6 and cfg["triage.cooling_off_days"] == 3
    assert cfg["payment_risk.high"] == 30 and cfg["payment_risk.low"] == 10
