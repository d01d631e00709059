"""not_progressing [000 #5] and not_a_fit [002 #5]."""

import datetime as dt

from partways.core.engine import compute

from .builders import Build, signal
from .scenarios import healthy_month, months_back, troubled_month

AS_OF = dt.date(2026, 6, 30)


def test_000_5_trouble_that_stays_after_months_is_not_progressing():
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 9):
        troubled_month(b, 1, month)
    row = signal(compute(b.dataset(), AS_OF), 1, "not_progressing")
    assert row["facts"]["months"] == 9
    assert row["value"] >= 3 and row["severity"] == "high"
    assert row["evidence"][0]["record"] == "month 2026-06"


def test_000_5_a_relationship_that_improves_is_progressing():
    b = Build()
    b.client(1)
    months = months_back(AS_OF, 9)
    for month in months[:5]:
        troubled_month(b, 1, month)
    for month in months[5:]:
        healthy_month(b, 1, month)
    row = signal(compute(b.dataset(), AS_OF), 1, "not_progressing")
    assert row["value"] == 0 and row["severity"] == "none"
    assert row["explanation"].startswith(("Improving", "No sign"))


def test_000_5_a_young_relationship_is_not_judged_on_progress():
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 3):
        troubled_month(b, 1, month)
    row = signal(compute(b.dataset(), AS_OF), 1, "not_progressing")
    assert row["value"] is None and "too young" in row["explanation"]


def test_002_5_a_not_a_fit_flag_counts_however_old_and_only_while_active():
    b = Build()
    b.client(1)
    b.client(2)
    b.add(
        "flags",
        client_id=1,
        kind="not_a_fit",
        reason="They need a full agency now.",
        created_on=dt.date(2025, 1, 10),
    )
    b.add(
        "flags",
        client_id=2,
        kind="not_a_fit",
        reason="old",
        created_on=dt.date(2025, 1, 10),
        active=False,
    )
    result = compute(b.dataset(), AS_OF)
    row = signal(result, 1, "not_a_fit")
    assert row["severity"] == "medium"
    assert row["explanation"] == "Marked as no longer a fit: They need a full agency now."
    assert row["evidence"][0]["detail"] == "They need a full agency now."
    assert signal(result, 2, "not_a_fit")["severity"] == "none"
