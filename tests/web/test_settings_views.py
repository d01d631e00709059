"""The settings page: the business, every threshold of the registry, the exchange rates.

A save is all or nothing: one invalid field and nothing is stored. Values are
checked as the command line checks them (``partways rate``, ``--time-zone``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as Browser

from partways.cli.common import UserError
from partways.cli.settings_cmd import rate as cli_rate
from partways.core.config import SETTINGS
from partways.store.models import BusinessSettings, ExchangeRate
from partways.web.settings_forms import (
    SettingError,
    parse_currency,
    parse_money,
    parse_rate,
    parse_threshold,
    parse_time_zone,
    threshold_field_name,
)

from .conftest import Team

BY_KEY = {s.key: s for s in SETTINGS}


def _valid(**changes: Any) -> dict[str, Any]:
    """A complete, valid settings form, with ``changes`` applied."""
    data: dict[str, Any] = {
        "name": "Studio Primjer",
        "time_zone": "Europe/Zagreb",
        "work_start": "08:30",
        "work_end": "16:30",
        "work_days": ["0", "1", "2", "3"],
        "base_currency": "eur",
        "target_hourly_rate": "95.50",
        "default_cost_rate": "40",
        "own_addresses": "ana@studio.hr\n@studio.hr\n",
    }
    data.update(changes)
    return data


def _errors(page: str) -> list[str]:
    return [html.unescape(e) for e in re.findall(r"<li>([^<]+)</li>", page.split("<main", 1)[1])]


def test_every_registry_setting_is_shown_with_its_doc_default_and_value(
    portfolio: Team, as_alice: Browser
) -> None:
    business = BusinessSettings.load()
    business.thresholds = {"engine.window_months": 9}
    business.save()
    page = as_alice.get("/settings/").content.decode()
    for s in SETTINGS:
        name = threshold_field_name(s.key)
        assert f'<label for="id_{name}"><code>{s.key}</code></label>' in page, s.key
        assert html.escape(s.english()) in page, s.key
    row = page.split('<label for="id_t__engine__window_months">', 1)[1].split("</tr>", 1)[0]
    assert 'value="9"' in row and 'placeholder="6"' in row  # the override and the default
    assert re.search(r'<td class="num">6</td>\s*<td class="num">9</td>', row)
    other = page.split('<label for="id_t__engine__series_months">', 1)[1].split("</tr>", 1)[0]
    assert "(default)" in other and "value=" not in other.split("<input", 1)[1].split(">")[0]


def test_the_business_fields_are_labelled_and_filled_in(portfolio: Team, as_alice: Browser) -> None:
    page = as_alice.get("/settings/").content.decode()
    for field in (
        "name",
        "time_zone",
        "work_start",
        "work_end",
        "base_currency",
        "target_hourly_rate",
        "default_cost_rate",
        "own_addresses",
    ):
        assert f'<label for="id_{field}">' in page, field
    assert "<legend>Working days</legend>" in page
    business = BusinessSettings.load()
    assert f'value="{business.time_zone}"' in page
    assert f'value="{business.target_hourly_rate_minor // 100}"' in page


def test_saving_stores_every_value_in_its_unit(portfolio: Team, as_alice: Browser) -> None:
    data = _valid(
        **{
            threshold_field_name("pareto.top_share"): "0,3",
            threshold_field_name("engine.window_months"): "12",
        }
    )
    response = as_alice.post("/settings/", data)
    assert response.status_code == 302
    b = BusinessSettings.load()
    assert (b.name, b.time_zone, b.base_currency) == ("Studio Primjer", "Europe/Zagreb", "EUR")
    assert (b.work_start, b.work_end, b.work_days) == (dt.time(8, 30), dt.time(16, 30), "0,1,2,3")
    assert (b.target_hourly_rate_minor, b.default_cost_rate_minor) == (9550, 4000)
    assert b.own_addresses == "ana@studio.hr\n@studio.hr"
    assert b.thresholds == {"pareto.top_share": 0.3, "engine.window_months": 12.0}
    page = as_alice.get("/settings/").content.decode()
    assert "Settings saved." in page and 'value="95.50"' in page


def test_a_blank_threshold_goes_back_to_its_default(portfolio: Team, as_alice: Browser) -> None:
    b = BusinessSettings.load()
    b.thresholds = {"engine.window_months": 9, "no.such_setting": 1}
    b.save()
    response = as_alice.post("/settings/", _valid(), follow=True)
    assert BusinessSettings.load().thresholds == {}
    assert "no.such_setting" in response.content.decode()  # said to be dropped


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("time_zone", "Mars/Olympus", "is not a time zone; expected a name such as Europe/Zagreb"),
        ("time_zone", "../../etc/passwd", "is not a time zone"),
        ("base_currency", "EURO", "is not a currency code; expected three letters, e.g. USD."),
        ("target_hourly_rate", "lots", "is not an amount; expected an amount such as 80 or 80.50"),
        ("target_hourly_rate", "0", "the amount must be above zero"),
        ("target_hourly_rate", "1e999999", "is too large; expected an amount such as 80"),
        ("default_cost_rate", "-5", "the amount cannot be negative"),
        ("default_cost_rate", "12.345", "has more than two decimals"),
        ("work_end", "07:00", "The working day must end after it starts."),
        ("work_days", [], "Choose at least one working day."),
        ("own_addresses", "ana at studio", "is neither an address nor a domain; expected e.g."),
        (
            threshold_field_name("engine.window_months"),
            "six",
            "expected a number of months, e.g. 6",
        ),
        (threshold_field_name("engine.window_months"), "2.5", "expected a whole number of months"),
        (threshold_field_name("pareto.top_share"), "1.5", "expected a share between 0 and 1"),
        (threshold_field_name("pessimism.low"), "0.9", "expected low ≤ medium ≤ high"),
        (threshold_field_name("time_vs_value.low"), "0.5", "expected low ≥ medium ≥ high"),
    ],
)
def test_an_invalid_field_names_what_was_expected_and_nothing_is_saved(
    field: str, value: Any, expected: str, portfolio: Team, as_alice: Browser
) -> None:
    before = BusinessSettings.load()
    data = _valid(name="Not saved", **{threshold_field_name("engine.evidence_rows"): "5"})
    data[field] = value
    response = as_alice.post("/settings/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert any(expected in e for e in _errors(page)), _errors(page)
    assert "Nothing was saved" in page
    after = BusinessSettings.load()
    assert (after.name, after.thresholds, after.time_zone) == (
        before.name,
        before.thresholds,
        before.time_zone,
    )
    # What was typed is kept in the form, to be corrected.
    assert 'value="Not saved"' in page


def test_exchange_rates_are_added_changed_and_removed(portfolio: Team, as_alice: Browser) -> None:
    ExchangeRate.objects.all().delete()
    as_alice.post("/settings/rates/", {"currency": "usd", "rate": "0.92"})
    assert ExchangeRate.objects.get(currency="USD").rate_to_base == Decimal("0.92")
    as_alice.post("/settings/rates/", {"currency": "USD", "rate": "0,95"})
    assert ExchangeRate.objects.get(currency="USD").rate_to_base == Decimal("0.95")
    page = as_alice.get("/settings/").content.decode()
    assert "Changed: 1 USD = 0.95" in page
    rates = page.split('<table id="rates-table"', 1)[1].split("</table>", 1)[0]
    assert "USD" in rates and "0.95" in rates and "Remove USD" in rates
    as_alice.post("/settings/rates/USD/remove/")
    assert not ExchangeRate.objects.exists()
    assert as_alice.post("/settings/rates/XYZ/remove/").status_code == 404


@pytest.mark.parametrize(
    ("currency", "value", "expected"),
    [
        ("US", "0.9", "'US' is not a currency code; expected three letters, e.g. USD."),
        ("USD", "abc", "'abc' is not a number; expected e.g. 0.92."),
        ("USD", "0", "the rate must be above zero, not 0."),
        ("USD", "-1", "the rate must be above zero, not -1."),
        ("USD", "NaN", "'NaN' is not a number"),
        ("USD", "0.123456789012", "too many decimals"),
    ],
)
def test_an_invalid_rate_is_refused_as_the_command_line_refuses_it(
    currency: str, value: str, expected: str, portfolio: Team, as_alice: Browser
) -> None:
    count = ExchangeRate.objects.count()
    response = as_alice.post("/settings/rates/", {"currency": currency, "rate": value})
    assert response.status_code == 200
    assert any(expected in e for e in _errors(response.content.decode()))
    assert ExchangeRate.objects.count() == count


@pytest.mark.parametrize(("currency", "value"), [("US", "1"), ("USD", "abc"), ("USD", "-1")])
def test_the_rules_are_worded_as_partways_rate_words_them(currency: str, value: str) -> None:
    with pytest.raises(UserError) as cli:
        cli_rate(currency, value)
    with pytest.raises(SettingError) as web:
        parse_currency(currency)
        parse_rate(value)
    assert str(web.value) == str(cli.value)


def test_the_plain_rules() -> None:
    assert parse_currency(" idr ") == "IDR"
    with pytest.raises(SettingError):
        parse_currency("ÄÖÜ")  # letters, but not ISO 4217's
    assert parse_time_zone("Asia/Jakarta") == "Asia/Jakarta"
    assert parse_money("80") == 8000 and parse_money("80,5") == 8050
    assert parse_threshold(BY_KEY["losing_money.high"], "-0.5") == -0.5
    with pytest.raises(SettingError, match="too large"):
        parse_threshold(BY_KEY["losing_money.high"], "1e400")


def test_only_the_owner_opens_the_settings(
    portfolio: Team, as_bob: Browser, as_dana: Browser, as_charlie: Browser
) -> None:
    ExchangeRate.objects.update_or_create(currency="USD", defaults={"rate_to_base": 1})
    for browser in (as_bob, as_dana, as_charlie):
        assert browser.get("/settings/").status_code == 403
        assert browser.post("/settings/", _valid()).status_code == 403
        assert browser.post("/settings/rates/", {"currency": "GBP", "rate": "1"}).status_code == 403
        assert browser.post("/settings/rates/USD/remove/").status_code == 403
    assert BusinessSettings.load().name != "Studio Primjer"
    assert ExchangeRate.objects.filter(currency="USD").exists()


def test_anonymous_visitors_are_sent_to_log_in(portfolio: Team, db: None) -> None:
    for url in ("/settings/", "/settings/rates/", "/settings/rates/USD/remove/"):
        response = Browser().post(url) if "rates" in url else Browser().get(url)
        assert response.status_code == 302 and response.url.startswith("/login/"), url
