"""time_vs_value [000 #1] [002 #1] [003 #4] and losing_money [000 #7] [002 #1]."""

import datetime as dt

from partways.core.engine import compute

from .builders import Build, at, signal

AS_OF = dt.date(2026, 6, 30)


def test_000_1_time_vs_value_compares_the_effective_rate_with_the_target():
    b = Build(target_hourly_rate_minor=8000)
    b.client(1)
    b.hours(1, at(2026, 4, 6), 30, billable=False)
    b.hours(1, at(2026, 4, 7), 10)
    b.invoice(1, dt.date(2026, 5, 1), dt.date(2026, 5, 31), 10 * 8000)
    b.add("meetings", client_id=1, starts_at=at(2026, 4, 8), client_prepared=False)
    b.add("meetings", client_id=1, starts_at=at(2026, 5, 8), status="no_show", client_prepared=None)
    row = signal(compute(b.dataset(), AS_OF), 1, "time_vs_value")
    # 800 EUR over 40 hours is 20 EUR an hour: a quarter of the 80 EUR target.
    assert row["value"] == 0.25
    assert row["severity"] == "high"
    assert row["threshold"] == 0.85
    assert (
        "EUR 20.00" in row["explanation"]
        and "75% of 40 hours were not billable" in row["explanation"]
    )
    assert "unprepared to or missed 2 of 2 meetings" in row["explanation"]
    details = {e["detail"] for e in row["evidence"]}
    assert {"client came unprepared", "client did not show up"} <= details


def test_000_1_time_vs_value_is_not_judged_on_a_handful_of_hours():
    b = Build()
    b.client(1)
    b.hours(1, at(2026, 4, 6), 3, billable=False)
    row = signal(compute(b.dataset(), AS_OF), 1, "time_vs_value")
    assert row["value"] is None and row["severity"] == "none"
    assert "too few" in row["explanation"]


def test_003_4_a_client_at_the_target_rate_is_fine():
    b = Build(target_hourly_rate_minor=8000)
    b.client(1)
    b.hours(1, at(2026, 4, 6), 20)
    b.invoice(1, dt.date(2026, 5, 1), dt.date(2026, 5, 31), 20 * 9000)
    row = signal(compute(b.dataset(), AS_OF), 1, "time_vs_value")
    assert row["value"] == 1.125 and row["severity"] == "none"


def test_000_7_losing_money_counts_time_at_cost_expenses_and_write_offs():
    b = Build(default_cost_rate_minor=5000)
    b.client(1)
    b.hours(1, at(2026, 3, 2), 40)  # 40 h × 50 EUR = 2,000 EUR of cost
    b.add("expenses", client_id=1, spent_on=dt.date(2026, 3, 9), amount_minor=50_000)
    b.invoice(1, dt.date(2026, 4, 1), dt.date(2026, 5, 1), 300_000, written_off_minor=100_000)
    row = signal(compute(b.dataset(), AS_OF), 1, "losing_money")
    # Revenue 3,000 − 1,000 written off = 2,000; cost 2,000 + 500 → margin −500 (−25%).
    assert row["value"] == -0.25
    assert row["severity"] == "medium"
    assert "EUR 1,000.00 was written off" in row["explanation"]
    assert row["evidence"][0]["record"] == "month 2026-04"


def test_000_7_an_own_cost_rate_in_another_currency_is_converted_but_the_default_is_not():
    from decimal import Decimal

    b = Build(default_cost_rate_minor=5000)
    b.client(1)
    b.hours(1, at(2026, 3, 2), 10, currency="USD", billable=False)
    b.hours(1, at(2026, 3, 3), 10, currency="USD", cost_rate_minor=10_000, billable=False)
    row = signal(compute(b.dataset(rates={"USD": Decimal("0.5")}), AS_OF), 1, "losing_money")
    # Default 50 EUR × 10 h + 100 USD × 0.5 × 10 h = 500 + 500 EUR.
    assert row["facts"]["labour_cost"] == 100_000
    assert row["value"] == -1.0  # cost without any revenue is a total loss


def test_002_1_a_healthy_margin_raises_nothing():
    b = Build(default_cost_rate_minor=3000)
    b.client(1)
    b.hours(1, at(2026, 3, 2), 40)
    b.invoice(1, dt.date(2026, 4, 1), dt.date(2026, 5, 1), 40 * 9000)
    row = signal(compute(b.dataset(), AS_OF), 1, "losing_money")
    assert row["severity"] == "none" and row["evidence"] == []
