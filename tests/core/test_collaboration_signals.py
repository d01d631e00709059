"""rejected_recommendations [000 #2] and indecisive [001]."""

import datetime as dt

from partways.core.engine import compute

from .builders import Build, signal

AS_OF = dt.date(2026, 6, 30)


def _proposals(b: Build, outcomes: list[tuple[str, str]]) -> None:
    for i, (outcome, reason) in enumerate(outcomes):
        b.add(
            "proposals",
            client_id=1,
            submitted_on=dt.date(2026, 4, 1 + i),
            decided_on=dt.date(2026, 4, 10 + i),
            outcome=outcome,
            reason=reason,
            title=f"idea {i}",
            revision_round=2 if outcome == "revision" else 1,
        )


def test_000_2_a_pattern_of_rejections_is_flagged_with_the_rejected_proposals():
    b = Build()
    b.client(1)
    _proposals(
        b,
        [
            ("rejected", "too expensive"),
            ("rejected", ""),
            ("accepted", ""),
            ("rejected", "not now"),
            ("rejected", "we'd rather not"),
        ],
    )
    row = signal(compute(b.dataset(), AS_OF), 1, "rejected_recommendations")
    assert row["value"] == 0.8 and row["severity"] == "high"
    assert len(row["evidence"]) == 4
    assert any("too expensive" in e["detail"] for e in row["evidence"])


def test_000_2_disagreement_now_and_then_is_normal():
    b = Build()
    b.client(1)
    outcomes = [("rejected", "x"), ("accepted", ""), ("accepted", ""), ("accepted", "")]
    _proposals(b, [*outcomes, ("accepted", "")])
    row = signal(compute(b.dataset(), AS_OF), 1, "rejected_recommendations")
    assert row["value"] == 0.2 and row["severity"] == "none"


def test_000_2_two_of_four_ideas_turned_down_is_too_little_to_judge():
    # A client who decided on four ideas in six months and said no to two: half, but
    # a healthy client's ordinary no's come in pairs by chance that often.
    b = Build()
    b.client(1)
    _proposals(b, [("rejected", "x"), ("accepted", ""), ("rejected", "y"), ("accepted", "")])
    row = signal(compute(b.dataset(), AS_OF), 1, "rejected_recommendations")
    assert row["value"] is None and row["severity"] == "none"
    assert row["explanation"].startswith("Only 4 ")


def test_000_2_too_few_decisions_are_not_judged_and_pending_ones_do_not_count():
    b = Build()
    b.client(1)
    _proposals(b, [("rejected", "x"), ("rejected", "y")])
    b.add("proposals", client_id=1, submitted_on=dt.date(2026, 6, 1), outcome="pending")
    row = signal(compute(b.dataset(), AS_OF), 1, "rejected_recommendations")
    assert row["value"] is None and row["facts"]["decided"] == 2


def test_001_vague_feedback_is_blank_or_says_nothing_concrete():
    b = Build()
    b.client(1)
    _proposals(
        b,
        [
            ("revision", "Not quite it, I'll know it when I see it."),
            ("rejected", ""),
            ("revision", "Make the logo 20% larger."),
            ("rejected", "Nije baš to, nešto fali."),
        ],
    )
    row = signal(compute(b.dataset(), AS_OF), 1, "indecisive")
    assert row["value"] == 0.75 and row["severity"] == "high"
    details = " ".join(e["detail"] for e in row["evidence"])
    assert "no reason given" in details and "logo" not in details


def test_001_not_quite_it_said_by_mail_counts_as_feedback_without_a_concrete_change():
    # The rounds' records name concrete changes, but between them the client writes
    # only "not quite it": the only feedback is vague [001].
    def build(vague_messages: int) -> Build:
        b = Build()
        b.client(1)
        _proposals(b, [("revision", f"Change {i}: move the logo left.") for i in range(4)])
        for day in range(vague_messages):
            b.message(1, dt.datetime(2026, 5, 2 + day, 10, tzinfo=dt.UTC), labels=("vague",))
        b.message(1, dt.datetime(2026, 5, 20, 10, tzinfo=dt.UTC))  # an ordinary message
        return b

    row = signal(compute(build(4).dataset(), AS_OF), 1, "indecisive")
    assert row["value"] == 0.5 and row["severity"] == "medium"
    assert "4 client messages gave only vague feedback" in row["explanation"]
    assert "4 of 8 pieces of feedback came without a concrete change" in row["explanation"]
    assert sum(e["record"].startswith("message ") for e in row["evidence"]) == 4
    # One such message among concrete rounds is ordinary: 1 of 5 stays under low.
    calm = signal(compute(build(1).dataset(), AS_OF), 1, "indecisive")
    assert calm["value"] == 0.2 and calm["severity"] == "none"
    # Messages alone do not make enough rounds to judge.
    b = Build()
    b.client(1)
    _proposals(b, [("revision", "Change the colour.")])
    for day in range(5):
        b.message(1, dt.datetime(2026, 5, 2 + day, 10, tzinfo=dt.UTC), labels=("vague",))
    alone = signal(compute(b.dataset(), AS_OF), 1, "indecisive")
    assert alone["value"] is None and alone["severity"] == "none"
