"""minimal_communication [000 #4], after_hours [001], pessimism [000 #6], low_respect [000 #3]."""

import datetime as dt

from partways.core.engine import compute

from .builders import Build, at, signal

AS_OF = dt.date(2026, 6, 30)
# The text analysis's label for a message that asks something or needs a decision.
ASKS = ("asks",)


def test_000_4_replies_later_than_the_agreed_window_or_never_are_counted():
    b = Build()
    b.client(1)
    b.add("contracts", client_id=1, start=dt.date(2025, 1, 1), reply_window_hours=24.0)
    # Tuesday questions: answered in 2 h, in 50 h, in 3 h, and never.
    b.message(1, at(2026, 5, 5, 9), "out", labels=ASKS)
    b.message(1, at(2026, 5, 5, 11), "in")
    b.message(1, at(2026, 5, 12, 9), "out", labels=ASKS)
    b.message(1, at(2026, 5, 14, 11), "in")
    b.message(1, at(2026, 5, 19, 9), "out", labels=ASKS)
    b.message(
        1, at(2026, 5, 19, 10), "out", labels=ASKS
    )  # a second nudge: the wait counts from the first
    b.message(1, at(2026, 5, 19, 12), "in")
    b.message(1, at(2026, 6, 2, 9), "out", labels=ASKS)
    row = signal(compute(b.dataset(), AS_OF), 1, "minimal_communication")
    assert row["facts"]["asked"] == 4
    assert row["facts"]["late"] == 2 and row["facts"]["unanswered"] == 1
    assert row["value"] == 0.5 and row["severity"] == "medium"
    assert "agreed reply window of 24 hours" in row["explanation"]
    assert {e["detail"] for e in row["evidence"]} == {
        "never answered",
        "answered after 50 working hours",
    }


def test_000_4_weekends_do_not_count_against_the_reply_window():
    b = Build()
    b.client(1)
    for week in range(4):
        friday = dt.date(2026, 5, 1) + dt.timedelta(days=7 * week)
        b.message(1, at(friday.year, friday.month, friday.day, 15), "out", labels=ASKS)
        monday = friday + dt.timedelta(days=3)
        b.message(1, at(monday.year, monday.month, monday.day, 10), "in")
    row = signal(compute(b.dataset(), AS_OF), 1, "minimal_communication")
    # 67 hours on the clock, but only 19 working hours: inside the default 48.
    assert row["value"] == 0.0 and row["facts"]["reply_hours"] == 4 * 19


def test_000_4_a_question_still_inside_its_window_is_not_judged_yet():
    b = Build()
    b.client(1)
    b.message(1, at(2026, 6, 30, 9), "out", labels=ASKS)
    row = signal(compute(b.dataset(), AS_OF), 1, "minimal_communication")
    assert row["facts"]["asked"] == 0


def test_000_4_messages_that_ask_nothing_do_not_wait_for_a_reply():
    # A status report, "noted, thanks": unanswered, and rightly so. Only the question
    # counts, and the client answered it within the window.
    b = Build()
    b.client(1)
    for day in (4, 5, 6, 7, 8, 11, 12):
        b.message(1, at(2026, 5, day, 9), "out")
    for day in (13, 18, 19, 20):
        b.message(1, at(2026, 5, day, 9), "out", labels=ASKS)
        b.message(1, at(2026, 5, day, 15), "in")
    row = signal(compute(b.dataset(), AS_OF), 1, "minimal_communication")
    assert row["facts"]["asked"] == 4 and row["facts"]["late"] == 0
    assert row["value"] == 0.0 and row["severity"] == "none"


def test_000_4_missed_check_ins_count_as_missed_exchanges():
    b = Build()
    b.client(1)
    for day in (4, 5, 6, 7):
        b.message(1, at(2026, 5, day, 9), "out", labels=ASKS)
        b.message(1, at(2026, 5, day, 15), "in")
    for day in (12, 19, 26):
        b.add("meetings", client_id=1, starts_at=at(2026, 5, day, 10), status="no_show")
    row = signal(compute(b.dataset(), AS_OF), 1, "minimal_communication")
    assert row["facts"]["missed_meetings"] == 3
    assert row["value"] == 3 / 7 and row["severity"] == "medium"
    assert "3 meetings were missed" in row["explanation"]
    assert (
        sum(e["detail"] == "the client did not come to the meeting" for e in row["evidence"]) == 3
    )


def test_001_after_hours_uses_the_business_time_zone_and_working_days():
    b = Build(time_zone="Asia/Jakarta", work_start=dt.time(9), work_end=dt.time(17))
    b.client(1)
    # 03:00 UTC is 10:00 in Jakarta (working); 12:00 UTC is 19:00 (after hours).
    for day in range(4, 14):  # 4–13 May 2026; the 9th and 10th are a weekend
        b.message(1, at(2026, 5, day, 3), "in")
    b.message(1, at(2026, 5, 14, 12), "in")
    b.message(1, at(2026, 5, 15, 12), "in")
    row = signal(compute(b.dataset(), AS_OF), 1, "after_hours")
    assert row["facts"] == {"inbound": 12.0, "after_hours": 4.0}
    assert row["severity"] == "low"


def test_000_6_pessimism_is_the_share_of_negative_client_messages():
    b = Build()
    b.client(1)
    for i in range(10):
        b.message(1, at(2026, 5, 4 + i, 10), "in", labels=("negative",) if i < 4 else ())
    b.message(1, at(2026, 5, 20, 10), "out", labels=("negative",))  # ours do not count
    row = signal(compute(b.dataset(), AS_OF), 1, "pessimism")
    assert row["value"] == 0.4 and row["severity"] == "medium"
    assert len(row["evidence"]) == 4


def test_000_6_a_few_messages_are_not_enough_to_call_someone_pessimistic():
    b = Build()
    b.client(1)
    for i in range(3):
        b.message(1, at(2026, 5, 4 + i, 10), "in", labels=("negative",))
    assert signal(compute(b.dataset(), AS_OF), 1, "pessimism")["value"] is None


def test_000_3_low_respect_counts_belittling_messages():
    b = Build()
    b.client(1)
    for i in range(3):
        b.message(1, at(2026, 5, 4 + i, 10), "in", labels=("disrespect",))
    b.message(1, at(2025, 5, 4, 10), "in", labels=("disrespect",))  # outside the window
    row = signal(compute(b.dataset(), AS_OF), 1, "low_respect")
    assert row["value"] == 3 and row["severity"] == "medium"
