"""Contract dates for ending a relationship, as a table `[000 step 1] [001]`."""

from __future__ import annotations

import datetime as dt

import pytest

from partways.core.config import Thresholds
from partways.core.offboarding.contract import (
    ContractTerms,
    EndDateError,
    check_dates,
    ending_basis,
    review_contract,
    term_end_on_or_after,
)
from partways.core.offboarding.plan import cause_for, recommended_end
from partways.core.offboarding.work import Deliverable

D = dt.date.fromisoformat


def terms(
    end: str | None,
    *,
    renew: bool = False,
    months: int = 12,
    notice: int = 30,
    ending: str = "any_time",
):
    return ContractTerms(
        start=D("2024-01-01"),
        end=D(end) if end else None,
        auto_renew=renew,
        renewal_months=months,
        notice_days=notice,
        termination_clause="Either party may end this with written notice.",
        ending=ending,
    )


# A contract that may be ended at any time with notice; notice given on → (term end, last
# day to give notice, recommended end, earliest end)
TABLE = [
    pytest.param(
        terms("2026-12-31"),
        "2026-11-01",
        "2026-12-31",
        "2026-12-01",
        "2026-12-31",
        "2026-12-01",
        id="fixed term, notice in time",
    ),
    pytest.param(
        terms("2026-12-31"),
        "2026-12-01",
        "2026-12-31",
        "2026-12-01",
        "2026-12-31",
        "2026-12-31",
        id="notice on the last possible day",
    ),
    pytest.param(
        terms("2026-12-10"),
        "2026-11-23",
        "2026-12-10",
        "2026-11-10",
        "2026-12-10",
        "2026-12-10",
        id="fixed term that ends by itself before the notice runs out",
    ),
    pytest.param(
        terms(None),
        "2026-01-31",
        None,
        None,
        "2026-03-02",
        "2026-03-02",
        id="open-ended, notice across the end of January (not a leap year)",
    ),
    pytest.param(
        terms(None),
        "2028-01-31",
        None,
        None,
        "2028-03-01",
        "2028-03-01",
        id="open-ended, notice across 29 February",
    ),
    pytest.param(
        terms(None, notice=1),
        "2028-02-28",
        None,
        None,
        "2028-02-29",
        "2028-02-29",
        id="open-ended, one day's notice lands on the leap day",
    ),
    pytest.param(
        terms("2027-01-31", renew=True, months=1, notice=14),
        "2027-02-20",
        "2027-02-28",
        "2027-02-14",
        "2027-03-31",
        "2027-03-06",
        id="monthly renewal from 31 January: deadline missed, next end is 31 March",
    ),
    pytest.param(
        terms("2027-01-31", renew=True, months=1, notice=14),
        "2027-02-10",
        "2027-02-28",
        "2027-02-14",
        "2027-02-28",
        "2027-02-24",
        id="monthly renewal from 31 January: notice in time for 28 February",
    ),
    pytest.param(
        terms("2028-02-29", renew=True, notice=30),
        "2029-01-10",
        "2029-02-28",
        "2029-01-29",
        "2029-02-28",
        "2029-02-09",
        id="yearly renewal from a leap day falls on 28 February",
    ),
    pytest.param(
        terms("2028-02-29", renew=True, notice=30),
        "2031-12-01",
        "2032-02-29",
        "2032-01-30",
        "2032-02-29",
        "2031-12-31",
        id="four renewals later the leap day comes back (no drift)",
    ),
    pytest.param(
        terms("2026-12-31", renew=True, notice=60),
        "2026-11-23",
        "2026-12-31",
        "2026-11-01",
        "2027-12-31",
        "2027-01-22",
        id="yearly auto-renewal, notice too late: it renews once more",
    ),
    pytest.param(
        terms("2026-06-30"),
        "2026-11-23",
        None,
        None,
        "2026-11-23",
        "2026-11-23",
        id="fixed term already over: nothing binds",
    ),
]


@pytest.mark.parametrize(
    ("contract", "notice_on", "term_end", "deadline", "recommended", "earliest"), TABLE
)
def test_contract_review_dates(contract, notice_on, term_end, deadline, recommended, earliest):
    review = review_contract(contract, D(notice_on))
    assert review.term_end == (D(term_end) if term_end else None)
    assert review.notice_deadline == (D(deadline) if deadline else None)
    assert review.recommended_end == D(recommended)
    assert review.earliest_end == D(earliest)


def test_an_expired_contract_says_no_notice_is_owed():
    review = review_contract(terms("2026-06-30"), D("2026-11-23"))
    assert any("ended on 2026-06-30" in str(n) for n in review.notes)


def test_a_missed_renewal_deadline_is_explained():
    review = review_contract(terms("2026-12-31", renew=True, notice=60), D("2026-11-23"))
    assert any("had to be given by 2026-11-01" in str(n) for n in review.notes)


def test_no_contract_lists_what_defines_the_scope():
    review = review_contract(None, D("2026-11-23"))
    assert not review.has_contract
    assert review.recommended_end is None
    assert review.earliest_end == D("2026-11-23")
    assert "first e-mails" in str(review.notes[0])


def test_renewal_terms_are_counted_from_the_first_end():
    contract = terms("2027-01-31", renew=True, months=1)
    ends = [term_end_on_or_after(contract, D(f"2027-{m:02d}-01")) for m in range(2, 8)]
    assert ends == [
        D(x)
        for x in (
            "2027-02-28",
            "2027-03-31",
            "2027-04-30",
            "2027-05-31",
            "2027-06-30",
            "2027-07-31",
        )
    ]


@pytest.mark.parametrize(
    ("notice_on", "end_on", "message"),
    [
        ("2026-11-22", "2026-12-31", "notice date 2026-11-22 is in the past"),
        ("2026-11-23", "2026-11-20", "end date 2026-11-20 is in the past"),
        ("2026-11-30", "2026-11-25", "before the notice date"),
    ],
)
def test_dates_that_cannot_work_are_refused(notice_on, end_on, message):
    review = review_contract(terms(None), D(notice_on))
    with pytest.raises(EndDateError, match=message):
        check_dates(review, D(end_on), today=D("2026-11-23"))


def test_an_end_before_the_notice_runs_out_needs_the_clients_agreement_and_says_so():
    review = review_contract(terms(None), D("2026-11-23"))
    warnings = check_dates(review, D("2026-12-10"), today=D("2026-11-23"))
    assert ending_basis(review, D("2026-12-10")) == "agreement"
    assert len(warnings) == 1
    assert "needs the client's agreement" in str(warnings[0])
    assert "an end from 2026-12-23" in str(warnings[0])


def test_an_end_before_the_term_end_warns_of_a_mid_contract_end_and_quotes_the_clause():
    review = review_contract(terms("2027-06-30"), D("2026-11-23"))
    warnings = check_dates(review, D("2027-01-15"), today=D("2026-11-23"))
    assert len(warnings) == 1
    assert "mid-contract" in str(warnings[0])
    assert "Either party may end this with written notice." in str(warnings[0])
    assert check_dates(review, D("2027-06-30"), today=D("2026-11-23")) == []


CFG = Thresholds.defaults()


def _owed(due: str) -> list[Deliverable]:
    return [Deliverable("Website", "in_progress", D(due), paid_for=True)]


def test_end_now_takes_the_earliest_lawful_date():
    review = review_contract(terms("2027-06-30", notice=14), D("2026-11-23"))
    end, _ = recommended_end(review, "end_now", [], CFG)
    assert end == D("2026-12-07")


def test_a_term_end_is_preferred_to_a_mid_term_end():
    review = review_contract(terms("2027-06-30"), D("2026-11-23"))
    end, why = recommended_end(review, "end_at_contract_end", [], CFG)
    assert end == D("2027-06-30")
    assert "term" in str(why)


@pytest.mark.parametrize(
    ("notice", "expected"), [(14, "2026-12-23"), (30, "2026-12-23"), (60, "2027-01-22")]
)
def test_without_a_term_end_the_longer_of_contract_and_default_notice_applies(notice, expected):
    review = review_contract(terms(None, notice=notice), D("2026-11-23"))
    end, _ = recommended_end(review, "end_at_contract_end", [], CFG)
    assert end == D(expected)


def test_a_large_deliverable_due_shortly_after_moves_the_end_to_its_due_date():
    review = review_contract(None, D("2026-11-23"))
    end, why = recommended_end(review, "end_at_contract_end", _owed("2027-01-15"), CFG)
    assert end == D("2027-01-15")
    assert "deliverable" in str(why)


def test_a_deliverable_due_far_beyond_the_reach_does_not_move_the_end():
    review = review_contract(None, D("2026-11-23"))
    end, _ = recommended_end(review, "end_at_contract_end", _owed("2027-06-01"), CFG)
    assert end == D("2026-12-23")


def test_an_end_inside_a_renewed_term_is_mid_contract_too():
    review = review_contract(terms("2027-09-30", renew=True), D("2026-11-23"))
    warnings = check_dates(review, D("2027-10-15"), today=D("2026-11-23"))
    assert warnings and "the term runs to 2028-09-30" in str(warnings[0])


def test_a_fixed_term_ended_before_the_end_date_is_not_mid_contract():
    review = review_contract(terms("2026-12-31"), D("2026-11-23"))
    assert check_dates(review, D("2027-02-01"), today=D("2026-11-23")) == []


def test_contract_records_that_cannot_be_right_are_pointed_out():
    backwards = ContractTerms(start=D("2026-05-01"), end=D("2026-01-31"))
    assert any(
        "before it starts" in str(n) for n in review_contract(backwards, D("2026-11-23")).notes
    )
    no_period = ContractTerms(
        start=D("2025-01-01"), end=D("2025-12-31"), auto_renew=True, renewal_months=0
    )
    review = review_contract(no_period, D("2026-11-23"))
    assert any("names no renewal period" in str(n) for n in review.notes)


# The three kinds of contract of issue 17, the same fixed yearly term that renews:
# notice given 2026-11-23, the term ends 2027-06-30 (notice for it by 2027-05-31).
KINDS = {
    "any_time": ("2026-12-23", "2026-12-23"),
    "term_end": ("2027-06-30", "2026-12-23"),
    "for_cause": ("2027-06-30", "2026-12-23"),
}


@pytest.mark.parametrize("ending", list(KINDS))
def test_each_kind_of_contract_allows_its_own_earliest_end(ending):
    earliest, with_cause = KINDS[ending]
    review = review_contract(terms("2027-06-30", renew=True, ending=ending), D("2026-11-23"))
    assert review.earliest_end == D(earliest)
    assert review.earliest_with_cause == D(with_cause)
    assert review.reading == ending == review.ending


@pytest.mark.parametrize(
    ("ending", "end_on", "cause", "basis"),
    [
        ("any_time", "2026-12-23", "", "notice"),
        ("any_time", "2027-06-30", "", "notice"),
        ("term_end", "2027-06-30", "", "term_end"),
        # Mid-term, a term-end contract rests on a ground or on the client's agreement.
        ("term_end", "2026-12-23", "", "agreement"),
        ("term_end", "2026-12-23", "non_payment", "cause"),
        ("for_cause", "2026-12-23", "conduct", "cause"),
        ("for_cause", "2026-12-23", "", "agreement"),
        ("for_cause", "2027-06-30", "", "term_end"),
        # Even with a ground, the notice period stands: earlier needs agreement.
        ("for_cause", "2026-12-01", "conduct", "agreement"),
    ],
)
def test_what_an_end_date_rests_on(ending, end_on, cause, basis):
    review = review_contract(terms("2027-06-30", renew=True, ending=ending), D("2026-11-23"))
    assert ending_basis(review, D(end_on), cause) == basis
    warnings = check_dates(review, D(end_on), today=D("2026-11-23"), cause=cause)
    said = " ".join(str(w) for w in warnings)
    assert ("rests on ending for cause" in said) == (basis == "cause")
    assert ("needs the client's agreement" in said) == (basis == "agreement")


def test_the_clause_of_issue_17_never_makes_a_mid_term_date_lawful():
    """ "Either party may end this agreement with 30 days' written notice before the end
    of a term", a term to 2027-10-31: 2027-01-05 is not a lawful end on notice alone."""
    contract = ContractTerms(
        start=D("2024-11-01"),
        end=D("2025-10-31"),
        auto_renew=True,
        notice_days=30,
        termination_clause="Either party may end this agreement with 30 days' written notice "
        "before the end of a term.",
        ending="term_end",
    )
    review = review_contract(contract, D("2026-12-06"))
    assert review.earliest_end == D("2027-10-31")
    assert ending_basis(review, D("2027-01-05")) == "agreement"
    end, _ = recommended_end(review, "end_at_contract_end", [], CFG)
    assert end == D("2027-10-31")


def test_an_unrecorded_ending_is_read_the_strict_way_and_asked_for():
    contract = ContractTerms(start=D("2024-01-01"), end=D("2027-06-30"), auto_renew=True)
    review = review_contract(contract, D("2026-11-23"))
    assert review.ending == "" and review.reading == "term_end"
    assert review.earliest_end == D("2027-06-30")
    assert any(n.code == "contract.ending_unknown" for n in review.notes)
    assert ending_basis(review, D("2027-06-30")) == "unrecorded"
    open_ended = review_contract(ContractTerms(start=D("2024-01-01")), D("2026-11-23"))
    assert open_ended.reading == "any_time"
    assert open_ended.earliest_end == D("2026-12-23")


def test_an_open_ended_contract_ended_for_cause_only_has_no_end_on_notice_alone():
    review = review_contract(terms(None, ending="for_cause"), D("2026-11-23"))
    assert review.earliest_end is None
    assert ending_basis(review, D("2027-03-01")) == "agreement"
    assert ending_basis(review, D("2027-03-01"), "ethics") == "cause"
    end, _ = recommended_end(review, "end_now", [], CFG, "ethics")
    assert end == D("2026-12-23")


def test_end_now_with_a_ground_ends_after_the_notice_period_not_at_the_term_end():
    review = review_contract(terms("2027-06-30", renew=True, ending="term_end"), D("2026-11-23"))
    assert recommended_end(review, "end_now", [], CFG, "conduct")[0] == D("2026-12-23")
    assert recommended_end(review, "end_now", [], CFG, "")[0] == D("2027-06-30")


def test_non_payment_is_a_ground_only_when_an_undisputed_invoice_is_overdue():
    from partways.core.offboarding.work import Receivable

    late = Receivable("INV-1", D("2026-10-01"), 10000, "EUR")
    disputed = Receivable("INV-2", D("2026-10-01"), 10000, "EUR", disputed=True)
    not_due = Receivable("INV-3", D("2026-12-31"), 10000, "EUR")
    assert cause_for("payment", [late], D("2026-11-23")) == "non_payment"
    assert cause_for("payment", [disputed, not_due], D("2026-11-23")) == ""
    assert cause_for("mistreats_staff", [], D("2026-11-23")) == "conduct"
    assert cause_for("unethical", [], D("2026-11-23")) == "ethics"
    assert cause_for("not_a_fit", [late], D("2026-11-23")) == ""
