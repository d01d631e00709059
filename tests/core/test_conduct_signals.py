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
    # The one demanding message is all the client wrote: 0.85 of it is beyond the
    # ordinary share (15%); the deadline and the scope count one point each.
    assert row["value"] == 2.85 and row["severity"] == "low"
    assert row["explanation"].startswith("Unreasonable demands: 1 of 1 message pressed")
    details = " ".join(e["detail"] for e in row["evidence"])
    assert "pulled in from 2026-05-24 to 2026-05-10" in details
    assert "“Mobile app” requested outside the agreed scope" in details


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


def test_000_8_urgent_requests_within_an_ordinary_share_are_not_unreasonable():
    # A big, busy, polite client: 40 messages, 5 of them urgent. Every client is in a
    # hurry sometimes; 5 of 40 is under the ordinary 15%.
    b = Build()
    b.client(1)
    for i in range(40):
        b.message(1, at(2026, 5, 1 + i % 28, 10), "in", labels=("demand",) if i < 5 else ())
    row = signal(compute(b.dataset(), AS_OF), 1, "abuse_or_unreasonable")
    assert row["facts"]["demand_messages"] == 5
    assert row["value"] == 0 and row["severity"] == "none"
    # A pushy one: 12 of 40 press demands, 6 beyond the ordinary share.
    b2 = Build()
    b2.client(1)
    for i in range(40):
        b2.message(1, at(2026, 5, 1 + i % 28, 10), "in", labels=("demand",) if i < 12 else ())
    row = signal(compute(b2.dataset(), AS_OF), 1, "abuse_or_unreasonable")
    assert row["value"] == 6 and row["severity"] == "high"
    assert "(6 beyond an ordinary share)" in row["explanation"]


def test_000_8_abuse_and_demands_are_told_apart_in_the_explanation_and_evidence():
    b = Build()
    b.client(1)
    b.message(1, at(2026, 5, 4), "in", labels=("abuse",))
    b.message(1, at(2026, 5, 5), "in", labels=("demand",))
    row = signal(compute(b.dataset(), AS_OF), 1, "abuse_or_unreasonable")
    assert row["explanation"] == (
        "Abuse toward you: 1 abusive message. Unreasonable demands: 1 of 2 messages "
        "pressed urgent or out-of-scope demands (1 beyond an ordinary share)."
    )
    assert sorted(e["detail"].split(" sent ")[0] for e in row["evidence"]) == [
        "abusive message",
        "unreasonable demand",
    ]


def test_000_8_a_low_severity_report_weighs_less_than_a_serious_one():
    b = Build()
    b.client(1)
    b.add("incidents", client_id=1, kind="abuse_to_you", severity="low", occurred_at=at(2026, 5, 4))
    b.client(2)
    b.add(
        "incidents", client_id=2, kind="abuse_to_you", severity="medium", occurred_at=at(2026, 5, 4)
    )
    result = compute(b.dataset(), AS_OF)
    low, serious = (signal(result, c, "abuse_or_unreasonable") for c in (1, 2))
    assert low["severity"] == "low" and low["facts"]["abuse_incidents_low"] == 1
    assert low["facts"]["abuse_incidents"] == 0
    assert "1 incident reported at low severity" in low["explanation"]
    assert "(low)" in low["evidence"][0]["detail"]
    assert serious["severity"] == "high" and serious["facts"]["abuse_incidents"] == 1


def test_002_2_abuse_a_staff_member_reports_is_mistreating_staff():
    # Filed as "abuse toward you", but the reporter is a staff member: it is about how
    # the client treats staff, not the owner.
    b = Build()
    b.add("team", name="Dana Staff", email="dana@studio.example", role="staff")
    b.add("team", name="Olga Owner", email="olga@studio.example", role="owner")
    b.client(1)
    b.add(
        "incidents",
        client_id=1,
        kind="abuse_to_you",
        reporter="Dana Staff",
        severity="medium",
        occurred_at=at(2026, 5, 4),
    )
    b.client(2)
    b.add(
        "incidents",
        client_id=2,
        kind="abuse_to_you",
        reporter="olga@studio.example",
        severity="medium",
        occurred_at=at(2026, 5, 4),
    )
    result = compute(b.dataset(), AS_OF)
    staff = signal(result, 1, "mistreats_staff")
    assert staff["facts"]["staff_incidents"] == 1 and staff["severity"] == "high"
    assert signal(result, 1, "abuse_or_unreasonable")["severity"] == "none"
    assert signal(result, 2, "mistreats_staff")["severity"] == "none"
    assert signal(result, 2, "abuse_or_unreasonable")["facts"]["abuse_incidents"] == 1
