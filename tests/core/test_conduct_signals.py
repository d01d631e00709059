"""abuse_or_unreasonable [000 #8] [003 #1], mistreats_staff [002 #2], unethical [002 #3]."""

import datetime as dt

from partways.core.engine import compute

from .builders import Build, at, signal

AS_OF = dt.date(2026, 6, 30)


def test_000_8_one_abusive_message_is_already_high():
    b = Build()
    b.client(1)
    b.message(1, at(2026, 5, 4), "in", labels=("abuse",))
    row = signal(compute(b.dataset(), AS_OF), 1, "abuse_or_unreasonable")
    assert row["value"] == 5 and row["severity"] == "high"
    assert row["evidence"][0]["detail"].startswith("abusive message sent")


def test_003_1_unreasonable_demands_add_up_from_messages_deadlines_and_scope():
    b = Build()
    b.client(1)
    b.message(1, at(2026, 5, 4), "in", labels=("demand",))
    b.add(
        "deliverables",
        client_id=1,
        deliverable_id=7,
        title="Landing page",
        requested_on=dt.date(2026, 5, 6),
        due=dt.date(2026, 5, 10),
        original_due=dt.date(2026, 5, 24),
    )
    b.add(
        "deliverables",
        client_id=1,
        deliverable_id=8,
        title="Mobile app",
        requested_on=dt.date(2026, 5, 7),
        due=dt.date(2026, 7, 1),
        in_scope=False,
    )
    row = signal(compute(b.dataset(), AS_OF), 1, "abuse_or_unreasonable")
    assert row["facts"]["deadlines_pulled_in"] == 1
    assert row["facts"]["out_of_scope_requests"] == 1
    assert row["value"] == 3 and row["severity"] == "low"
    details = " ".join(e["detail"] for e in row["evidence"])
    assert "pulled in from 2026-05-24 to 2026-05-10" in details
    assert "'Mobile app' requested outside the agreed scope" in details


def test_002_2_abuse_toward_staff_is_its_own_sign_not_abuse_toward_you():
    b = Build()
    b.client(1)
    b.message(1, at(2026, 5, 4), "in", labels=("abuse",), to_staff=True)
    b.add(
        "incidents",
        client_id=1,
        kind="abuse_to_staff",
        occurred_at=at(2026, 5, 5),
        reporter="Omar",
        note="shouted at me",
    )
    result = compute(b.dataset(), AS_OF)
    staff = signal(result, 1, "mistreats_staff")
    assert staff["value"] == 10 and staff["severity"] == "high"
    assert any("reported by Omar" in e["detail"] for e in staff["evidence"])
    assert signal(result, 1, "abuse_or_unreasonable")["value"] == 0


def test_002_3_an_unethical_incident_or_request_is_flagged():
    b = Build()
    b.client(1)
    b.message(1, at(2026, 5, 4), "in", labels=("unethical_request",))
    row = signal(compute(b.dataset(), AS_OF), 1, "unethical")
    assert row["value"] == 3 and row["severity"] == "medium"
    b.add("incidents", client_id=1, kind="unethical", occurred_at=at(2026, 5, 5))
    row = signal(compute(b.dataset(), AS_OF), 1, "unethical")
    assert row["value"] == 8 and row["severity"] == "high"


def test_000_8_incidents_after_the_as_of_date_are_not_seen():
    b = Build()
    b.client(1)
    b.add("incidents", client_id=1, kind="abuse_to_you", occurred_at=at(2026, 7, 1, 0, 30))
    row = signal(compute(b.dataset(), AS_OF), 1, "abuse_or_unreasonable")
    assert row["value"] == 0
