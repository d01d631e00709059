"""The offboarding checklist's rules `[000 step 1-5] [001]`."""

import datetime as dt

import pytest

from partways.core.config import Thresholds
from partways.core.offboarding.contract import ContractTerms, EndDateError
from partways.core.offboarding.plan import CaseInputs, plan_case
from partways.core.offboarding.reasons import SignFacts, choose_reason
from partways.core.offboarding.steps import STEPS, StepRefused, StepStatus, apply
from partways.core.offboarding.work import Deliverable, Receivable

DAY = dt.date(2026, 11, 23)
CFG = Thresholds.defaults()


def fresh(**states):
    return {s: StepStatus(s, states.get(s, "pending")) for s in STEPS}


def test_a_step_marked_done_records_the_day_who_and_the_note():
    new = apply(fresh(), "contract_review", "done", on=DAY, by="Ana", note=" checked ")
    assert new == StepStatus("contract_review", "done", DAY, "Ana", "checked")


def test_001_no_announcement_before_the_receivables_are_settled():
    steps = fresh(contract_review="done", conversation="done")
    with pytest.raises(StepRefused, match="Don't announce before they have paid"):
        apply(steps, "notification", "done", on=DAY, by="Ana")


def test_001_receivables_are_done_only_when_nothing_is_unpaid():
    with pytest.raises(StepRefused, match="2 invoices are still unpaid"):
        apply(fresh(), "receivables", "done", on=DAY, by="Ana", outstanding=2)
    assert apply(fresh(), "receivables", "done", on=DAY, by="Ana").state == "done"


def test_a_waiver_needs_a_reason():
    with pytest.raises(StepRefused, match="needs a reason"):
        apply(fresh(), "receivables", "waive", on=DAY, by="Ana", note="  ")
    assert apply(fresh(), "receivables", "waive", on=DAY, by="Ana", note="paid").state == "waived"


@pytest.mark.parametrize("step", ["notification", "closed"])
def test_000_step_4_the_client_is_always_told_and_a_case_is_closed_properly(step):
    with pytest.raises(StepRefused, match="can't be waived"):
        apply(fresh(), step, "waive", on=DAY, by="Ana", note="because")


def test_notification_is_allowed_once_its_prerequisites_are_settled():
    steps = fresh(contract_review="done", conversation="done", receivables="waived")
    assert apply(steps, "notification", "done", on=DAY, by="Ana").state == "done"


def test_transition_follows_the_notification_and_closing_needs_everything():
    with pytest.raises(StepRefused, match="transition needs notification"):
        apply(fresh(), "transition", "done", on=DAY, by="Ana")
    almost = fresh(**{s: "done" for s in STEPS[:-2]})
    with pytest.raises(StepRefused, match="closed needs transition"):
        apply(almost, "closed", "done", on=DAY, by="Ana")
    everything = fresh(**{s: "done" for s in STEPS[:-1]})
    assert apply(everything, "closed", "done", on=DAY, by="Ana").state == "done"


def test_a_step_later_steps_rest_on_cannot_be_reopened_first():
    steps = fresh(
        contract_review="done", conversation="done", receivables="done", notification="done"
    )
    with pytest.raises(StepRefused, match="reopen that first"):
        apply(steps, "receivables", "reopen", on=DAY, by="Ana")
    assert apply(steps, "notification", "reopen", on=DAY, by="Ana").state == "pending"


def test_nothing_moves_in_a_closed_case_until_it_is_reopened():
    closed = fresh(**{s: "done" for s in STEPS})
    with pytest.raises(StepRefused, match="the case is closed"):
        apply(closed, "owed_work", "reopen", on=DAY, by="Ana")
    assert apply(closed, "closed", "reopen", on=DAY, by="Ana").state == "pending"


@pytest.mark.parametrize(
    ("step", "action", "message"),
    [("handshake", "done", "the steps are"), ("owed_work", "finish", "expected one of")],
)
def test_unknown_steps_and_actions_are_refused_with_the_choices(step, action, message):
    with pytest.raises(StepRefused, match=message):
        apply(fresh(), step, action, on=DAY, by="Ana")


@pytest.mark.parametrize(
    ("recommendation", "end_now", "flagged", "reason"),
    [
        ("end_now", ["mistreats_staff"], [], "mistreats_staff"),
        ("end_now", ["abuse_or_unreasonable"], [], "mistreats_staff"),
        ("end_now", ["unethical"], [], "unethical"),
        (
            "end_at_contract_end",
            [],
            [SignFacts("payment_risk"), SignFacts("not_a_fit")],
            "not_a_fit",
        ),
        ("end_at_contract_end", [], [SignFacts("payment_risk")], "payment"),
        (
            "end_at_contract_end",
            [],
            [SignFacts("abuse_or_unreasonable", abusive=True)],
            "mistreats_staff",
        ),
        ("end_at_contract_end", [], [SignFacts("abuse_or_unreasonable")], "too_demanding"),
        (
            "end_at_contract_end",
            [],
            [SignFacts("pessimism"), SignFacts("time_vs_value")],
            "too_demanding",
        ),
        ("end_at_contract_end", [], [SignFacts("pessimism")], "generic"),
        ("repair", [], [], "generic"),
    ],
)
def test_002_exactly_one_reason_is_chosen_from_the_signs(recommendation, end_now, flagged, reason):
    assert choose_reason(recommendation, end_now, flagged) == reason


def _inputs(**kw):
    base = dict(
        client="Acme",
        recommendation="end_at_contract_end",
        reason="generic",
        today=DAY,
        notice_on=DAY,
        contract=None,
    )
    return CaseInputs(**{**base, **kw})


def test_001_only_money_due_by_the_notice_date_holds_the_announcement():
    receivables = [
        Receivable("A-1", DAY - dt.timedelta(days=10), 5000, "EUR"),
        Receivable("A-2", DAY + dt.timedelta(days=20), 7000, "EUR"),
        Receivable("A-3", DAY, 0, "EUR"),
        Receivable("A-4", DAY, 100, "USD"),
    ]
    plan = plan_case(_inputs(receivables=receivables), CFG)
    assert [r.number for r in plan.receivables] == ["A-1", "A-4", "A-2"]
    assert [r.number for r in plan.blocking] == ["A-1", "A-4"]
    assert plan.totals == {"EUR": 12000, "USD": 100}


def test_001_an_abusive_client_gets_no_referral_whatever_the_reason():
    plan = plan_case(_inputs(reason="payment", referral="Jana", abusive=True), CFG)
    assert plan.referral == ""
    assert plan_case(_inputs(reason="payment", referral="Jana"), CFG).referral == "Jana"


def test_dates_that_no_longer_fit_an_open_case_are_warnings_not_errors():
    # A case opened earlier, read again later: its end date is now in the past.
    late = _inputs(
        contract=ContractTerms(start=DAY, notice_days=90),
        today=DAY + dt.timedelta(days=40),
        notice_on=DAY + dt.timedelta(days=40),
        end_on=DAY + dt.timedelta(days=30),
    )
    with pytest.raises(EndDateError):
        plan_case(late, CFG)
    plan = plan_case(late, CFG, strict=False)
    assert "no longer fit the records" in str(plan.warnings[0])


def test_an_end_sooner_than_the_notice_allows_is_planned_as_asking_the_clients_agreement():
    soon = _inputs(
        contract=ContractTerms(start=DAY, notice_days=90, ending="any_time"),
        end_on=DAY + dt.timedelta(days=30),
    )
    plan = plan_case(soon, CFG)
    assert plan.basis == "agreement"
    assert "needs the client's agreement" in str(plan.warnings[0])


def test_paid_for_deliverables_come_first_in_the_owed_work():
    owed = [
        Deliverable("Later", "in_progress", DAY + dt.timedelta(days=5), paid_for=False),
        Deliverable("Paid", "planned", DAY + dt.timedelta(days=40), paid_for=True),
        Deliverable("Done", "accepted", DAY, paid_for=True),
        Deliverable("Dropped", "cancelled", DAY, paid_for=False),
    ]
    plan = plan_case(_inputs(deliverables=owed), CFG)
    assert [d.title for d in plan.owed] == ["Paid", "Later"]
