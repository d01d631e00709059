"""Repair plans built from the triage, and judged at their review date `[000] [003]`."""

import datetime as dt

from partways.core.config import Thresholds
from partways.core.engine import compute
from partways.core.phrase import Phrase
from partways.core.repair import SELF_REVIEW, ChannelUse, RepairFacts, draft_plan, review_plan
from partways.core.signals import SIGNAL_IDS
from partways.core.triage import Decision, SignalView, _strategies, triage

from .builders import Build, at
from .scenarios import healthy_month, months_back, troubled_month

AS_OF = dt.date(2026, 6, 30)
CFG = Thresholds.defaults()
FACTS = RepairFacts(
    owner="Dewi",
    channel=ChannelUse("chat", 18, 20),
    reply_window_hours=24,
    renewal_on=dt.date(2026, 12, 31),
    notice_days=30,
    payment_terms_days=30,
)


def _decision(build):
    b = Build()
    b.client(1)
    build(b)
    ds = b.dataset()
    return triage(compute(ds, AS_OF), ds)[0]


def _made(pattern="chronic", signs=("minimal_communication", "payment_risk", "time_vs_value")):
    """A repair decision with the given signs at medium, and its strategies."""
    views = [
        SignalView(sid, "medium" if sid in signs else "none", 1.0, 0.5, "", [], {})
        for sid in SIGNAL_IDS
    ]
    flagged = [v for v in views if v.severity != "none"]
    return Decision(
        client_id=1,
        client="Acme",
        recommendation="repair",
        score=20.0,
        chronic=pattern == "chronic",
        pattern=pattern,
        reasons=[],
        signals=views,
        strategies=_strategies(flagged, pattern),
    )


def _chronic(b):
    for month in months_back(AS_OF, 12):
        troubled_month(b, 1, month)


def test_003_3_an_acute_plan_leads_with_an_apology_an_offer_and_help():
    d = _made(pattern="acute")
    plan = draft_plan(d, FACTS, AS_OF, CFG)
    assert plan.acute
    first = plan.actions[:3]
    assert "Apologise sincerely" in first[0].text
    # The core states the action; each interface points at its own way to do it.
    assert "partways" not in first[0].text
    assert first[0].due == AS_OF + dt.timedelta(days=1)
    assert "Offer to put it right" in first[1].text
    assert first[2].text.startswith("Give the help they need now")
    assert {a.owner for a in first} == {"Dewi"}


def test_every_plan_has_a_review_date_and_ends_with_the_review():
    plan = draft_plan(_made(), FACTS, AS_OF, CFG)
    assert plan.review_on == AS_OF + dt.timedelta(days=60)
    assert plan.actions[-1].strategy == "review" and plan.actions[-1].due == plan.review_on
    assert all(a.due >= AS_OF for a in plan.actions)


def test_000_a_check_in_goes_on_the_channel_the_client_answers():
    d = _made()
    assert any(s.id == "channel_cadence" for s in d.strategies), d.strategies
    plan = draft_plan(d, FACTS, AS_OF, CFG)
    text = " ".join(a.text for a in plan.actions if a.strategy == "channel_cadence")
    assert "weekly check-in by chat" in text and "18 of their last 20" in text
    assert "reply window of 24 working hours" in text


def test_000_a_new_agreement_is_proposed_before_the_renewal_notice_deadline():
    d = _made()
    plan = draft_plan(d, FACTS, AS_OF, CFG)
    (agreement,) = [a for a in plan.actions if a.strategy == "new_agreement"]
    assert "renewal on 2026-12-31" in agreement.text
    assert "2 revision rounds" in agreement.text
    assert agreement.due == dt.date(2026, 12, 1)


def test_a_plan_remembers_each_signs_severity_as_its_baseline():
    d = _made()
    plan = draft_plan(d, FACTS, AS_OF, CFG)
    assert plan.baseline == {s.id: s.severity for s in d.signals}
    assert plan.baseline_score == d.score


def test_review_improved_when_the_score_fell_enough_and_nothing_got_worse():
    now = _decision(lambda b: [healthy_month(b, 1, m) for m in months_back(AS_OF, 12)])
    review = review_plan(30.0, {"payment_risk": "high"}, now, CFG)
    assert review.outcome == "improved"
    assert review.target == 24.0
    assert "Payment risk: high → none (better)" in review.evidence


def test_000_4_review_failed_with_the_evidence_when_nothing_improved():
    now = _decision(_chronic)
    baseline = {s.id: s.severity for s in now.signals}
    review = review_plan(now.score, baseline, now, CFG)
    assert review.outcome == "failed"
    assert review.evidence[0].startswith(f"Score {now.score:.1f} → {now.score:.1f}")
    assert any("(unchanged)" in line for line in review.evidence)


def test_a_sign_that_got_worse_fails_the_review_even_if_the_score_fell():
    now = _decision(_chronic)
    baseline = {s.id: "none" for s in now.signals}
    review = review_plan(100.0, baseline, now, CFG)
    assert review.outcome == "failed"
    assert any("(worse)" in line for line in review.evidence)


def test_abuse_during_a_plan_fails_it():
    def build(b):
        for month in months_back(AS_OF, 12):
            healthy_month(b, 1, month)
        b.add("incidents", client_id=1, kind="abuse_to_you", occurred_at=at(2026, 6, 2))

    now = _decision(build)
    assert now.recommendation == "end_now"
    assert review_plan(100.0, {}, now, CFG).outcome == "failed"


def test_without_a_preferred_channel_the_check_in_is_a_call():
    facts = RepairFacts("Dewi", None, 48, None, 0, 30)
    plan = draft_plan(_made(), facts, AS_OF, CFG)
    text = " ".join(a.text for a in plan.actions if a.strategy == "channel_cadence")
    assert "on a short call" in text
    (agreement,) = [a for a in plan.actions if a.strategy == "new_agreement"]
    assert "written agreement" in agreement.text and agreement.due <= plan.review_on


def test_002_2_a_reported_rude_remark_puts_the_conversation_about_it_in_the_plan():
    def build(b):
        for month in months_back(AS_OF, 12):
            healthy_month(b, 1, month)
        b.add("team", name="Dana", email="dana@studio.example", role="staff")
        b.add(
            "incidents",
            client_id=1,
            kind="abuse_to_staff",
            reporter="Dana",
            severity="low",
            occurred_at=at(2026, 6, 2),
        )
        # Payments slipping too: enough for a repair plan.
        for month in months_back(AS_OF, 6):
            b.invoice(
                1,
                month + dt.timedelta(days=5),
                month + dt.timedelta(days=15),
                5000,
                paid=[(month + dt.timedelta(days=75), 5000)],
            )

    d = _decision(build)
    assert d.recommendation == "repair"
    plan = draft_plan(d, FACTS, AS_OF, CFG)
    talk = [a for a in plan.actions if a.strategy == "conduct_conversation"]
    assert len(talk) == 1 and "[002 #2]" in talk[0].text and talk[0].owner == "Dewi"


def test_every_action_is_a_finding_whose_english_is_its_text():
    acute = draft_plan(_made(pattern="acute"), FACTS, AS_OF, CFG)
    chronic = draft_plan(_made(), RepairFacts("Dewi", None, 48, None, 0, 30), AS_OF, CFG)
    for action in acute.actions + chronic.actions:
        assert isinstance(action.phrase, Phrase)
        assert action.phrase.english() == action.text
        assert action.to_json()["phrase"] == action.phrase.to_json()
        assert Phrase.from_json(action.to_json()["phrase"]).english() == action.text
        # The web never tells a user to type a command.
        assert "partways " not in action.text and "`" not in action.text
    codes = {a.phrase.code for a in acute.actions + chronic.actions}
    assert {"repair.acute.apologise", "repair.review", "repair.check_in.weekly"} <= codes


def test_the_help_offered_in_an_acute_case_is_listed_with_semicolons():
    plan = draft_plan(_made(pattern="acute"), FACTS, AS_OF, CFG)
    assert plan.actions[2].text == (
        "Give the help they need now: a payment plan for the open balance: instalments or a "
        "later due date; a re-planned schedule for what is urgent to them now; one named "
        "contact on our side and a shorter reply window for a month."
    )


def test_a_review_finding_is_data_with_its_english_as_evidence():
    now = _decision(_chronic)
    review = review_plan(now.score, {s.id: s.severity for s in now.signals}, now, CFG)
    assert review.evidence == [p.english() for p in review.findings]
    assert review.findings[0].code == "repair.review.score"
    assert {p.code for p in review.findings[1:]} <= {
        "repair.review.better",
        "repair.review.worse",
        "repair.review.unchanged",
    }


def test_the_self_review_questions_are_findings():
    assert [q.code for q in SELF_REVIEW] == [f"repair.self_review.{n}" for n in range(1, 5)]
    assert SELF_REVIEW[0].english().startswith("What changed on our side")
