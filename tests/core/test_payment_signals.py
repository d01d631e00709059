"""payment_risk [002 #4] [001]: days late, partial payments, write-offs, excuses."""

import datetime as dt

from partways.core.engine import compute

from .builders import Build, at, signal

AS_OF = dt.date(2026, 6, 30)
D = dt.date


def test_002_4_days_late_are_counted_to_the_payment_that_settles_the_invoice():
    b = Build()
    b.client(1)
    # Paid in two parts: settled only by the second, 20 days after the due date.
    b.invoice(
        1,
        D(2026, 4, 1),
        D(2026, 5, 1),
        100_000,
        paid=[(D(2026, 4, 28), 50_000), (D(2026, 5, 21), 50_000)],
    )
    # Paid early.
    b.invoice(1, D(2026, 4, 15), D(2026, 5, 15), 100_000, paid=[(D(2026, 5, 10), 100_000)])
    # Never paid: 30 days late as of 30 June, all of it outstanding.
    b.invoice(1, D(2026, 5, 1), D(2026, 5, 31), 80_000, reminders_sent=2, disputed=True)
    # Not yet due: not judged.
    b.invoice(1, D(2026, 6, 20), D(2026, 7, 20), 999_999)
    b.message(1, at(2026, 6, 3), "in", labels=("payment_excuse",))
    row = signal(compute(b.dataset(), AS_OF), 1, "payment_risk")
    assert row["facts"]["invoices_due"] == 3
    # 50 days late over 3 invoices, plus the excuse (7 days) and the dispute (15).
    assert row["value"] == (20 + 0 + 30 + 7 + 15) / 3
    assert row["severity"] == "medium"
    assert "paid late, 17 days late on average" in row["explanation"]
    assert "the risk is 24 days per invoice" in row["explanation"]
    assert row["facts"]["overdue"] == 80_000 and row["facts"]["excuses"] == 1
    assert "EUR 800.00 is still outstanding" in row["explanation"]
    assert (
        "Also: 2 reminders sent, 1 invoice disputed and 1 message with payment excuses."
        in row["explanation"]
    )
    invoices = [e for e in row["evidence"] if e["record"].startswith("invoice")]
    assert [e["detail"].split(": ")[1] for e in invoices] == [
        "30 days late, unpaid and disputed",
        "20 days late",
    ]


def test_001_an_invoice_settled_by_a_write_off_stops_counting_late_days():
    b = Build()
    b.client(1)
    b.invoice(
        1,
        D(2026, 4, 1),
        D(2026, 5, 1),
        100_000,
        written_off_minor=20_000,
        paid=[(D(2026, 5, 4), 80_000)],
    )
    row = signal(compute(b.dataset(), AS_OF), 1, "payment_risk")
    assert row["value"] == 3 and row["severity"] == "none" and row["facts"]["overdue"] == 0


def test_002_4_a_client_with_no_invoice_due_is_not_judged():
    b = Build()
    b.client(1)
    row = signal(compute(b.dataset(), AS_OF), 1, "payment_risk")
    assert row["value"] is None and row["explanation"] == "No invoice fell due in the window."


def test_002_4_a_fully_written_off_invoice_is_a_loss_not_a_late_payment():
    b = Build()
    b.client(1)
    b.invoice(1, D(2026, 3, 1), D(2026, 4, 1), 100_000, written_off_minor=100_000)
    row = signal(compute(b.dataset(), AS_OF), 1, "payment_risk")
    assert row["value"] == 0 and row["facts"]["overdue"] == 0


def test_002_4_payment_excuses_are_risk_before_any_invoice_is_late():
    b = Build()
    b.client(1)
    b.invoice(1, D(2026, 4, 1), D(2026, 5, 1), 100_000, paid=[(D(2026, 4, 28), 100_000)])
    for day in (4, 11):
        b.message(1, at(2026, 6, day), "in", labels=("payment_excuse",))
    row = signal(compute(b.dataset(), AS_OF), 1, "payment_risk")
    assert row["facts"]["days_late"] == 0
    assert row["value"] == 14 and row["severity"] == "low"
    assert sum(e["detail"].startswith("payment excuse sent") for e in row["evidence"]) == 2
