"""Triage: one recommendation per client, with reasons, patterns and cooling-off."""

import datetime as dt

import polars as pl

from partways.core.conduct_grounds import end_now_grounds, was_abusive
from partways.core.config import Thresholds
from partways.core.engine import RESULT_SCHEMA, SERIES_SCHEMA, EngineResult, compute
from partways.core.triage import RECOMMENDATIONS, patterns, triage

from .builders import Build, at
from .scenarios import crisis_month, healthy_month, months_back, troubled_month, weekdays

AS_OF = dt.date(2026, 6, 30)


def _decide(b: Build):
    ds = b.dataset()
    return {d.client_id: d for d in triage(compute(ds, AS_OF), ds)}


def _healthy(b: Build, cid: int, months: int = 12) -> None:
    b.client(cid)
    for month in months_back(AS_OF, months):
        healthy_month(b, cid, month)


def test_a_healthy_client_is_kept_with_no_reasons():
    b = Build()
    _healthy(b, 1)
    d = _decide(b)[1]
    assert d.recommendation == "keep" and d.reasons == [] and d.pattern == "none"
    assert d.score == 0 and d.cooling_off_until is None


def test_000_8_abuse_backed_by_an_incident_ends_now_without_cooling_off():
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="abuse_to_you", occurred_at=at(2026, 6, 2))
    d = _decide(b)[1]
    assert d.recommendation == "end_now"
    assert "[000 #8]" in d.reasons[0]
    assert d.cooling_off_until is None


def test_000_8_a_single_abusive_message_alone_does_not_end_it_now():
    b = Build()
    _healthy(b, 1)
    b.message(1, at(2026, 6, 2), "in", labels=("abuse",))
    d = _decide(b)[1]
    assert d.recommendation == "repair"
    b.message(1, at(2026, 6, 3), "in", labels=("abuse",))
    assert _decide(b)[1].recommendation == "end_now"


def test_002_2_mistreating_staff_ends_it_now():
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="abuse_to_staff", occurred_at=at(2026, 6, 2))
    d = _decide(b)[1]
    assert d.recommendation == "end_now" and "[002 #2]" in d.reasons[0]


def test_002_3_unethical_behaviour_ends_it_now():
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="unethical", occurred_at=at(2026, 6, 2))
    assert _decide(b)[1].recommendation == "end_now"


def test_002_5_not_a_fit_ends_at_contract_end_after_sleeping_on_it_001():
    b = Build()
    _healthy(b, 1)
    b.add("contracts", client_id=1, start=dt.date(2025, 7, 1), end=dt.date(2026, 12, 31))
    b.add(
        "flags", client_id=1, kind="not_a_fit", reason="outgrown us", created_on=dt.date(2026, 6, 1)
    )
    d = _decide(b)[1]
    assert d.recommendation == "end_at_contract_end"
    assert d.cooling_off_until == AS_OF + dt.timedelta(days=3)
    assert d.contract_end == dt.date(2026, 12, 31)
    assert "outgrown us" in d.reasons[0]


def test_003_1_a_chronic_problem_client_ends_at_contract_end():
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 12):
        troubled_month(b, 1, month)
    d = _decide(b)[1]
    assert d.pattern == "chronic" and d.chronic is True
    assert d.recommendation == "end_at_contract_end"
    assert d.cooling_off_until is not None
    assert "problem client" in d.reasons[0]


def test_003_1_a_problem_client_still_in_trouble_in_many_ways_ends_one_calmer_now_is_watched():
    # Eight months of trouble in many ways, then calmer months. Settings make sure
    # nothing calls for a repair on its own (no persistence, a repair needs three signs
    # or a score no client reaches), so what decides is the chronic pattern with a sign
    # at medium now [003 #1].
    cfg = Thresholds.with_overrides(
        {
            "triage.repair_min_medium_signs": 3,
            "triage.persistent_months": 13,
            "triage.persistent_flagged_months": 13,
            "triage.repair_score": 100,
        }
    )
    outcomes = {}
    for troubled, gloomy in ((8, 0), (7, 0), (7, 2)):
        b = Build()
        b.client(1)
        months = months_back(AS_OF, 12)
        for month in months[:troubled]:
            troubled_month(b, 1, month)
        for month in months[troubled:]:
            healthy_month(b, 1, month)
            for i in range(gloomy):
                b.message(1, at(month.year, month.month, 20 + i, 11), "in", labels=("negative",))
        ds = b.dataset()
        d = triage(compute(ds, AS_OF, cfg), ds, cfg)[0]
        flagged = {s.id: s.severity for s in d.signals if s.severity != "none"}
        outcomes[troubled, gloomy] = (d.pattern, d.recommendation, d.score, flagged)
    assert outcomes[8, 0][:2] == ("chronic", "end_at_contract_end")
    assert outcomes[8, 0][2] < Thresholds.defaults()["triage.end_score"]
    # Two low signs now: calmer; watch.
    assert outcomes[7, 0][:2] == ("chronic", "watch") and len(outcomes[7, 0][3]) == 2
    # Still unhappy in as many ways as make a problem client, each at low: it ends.
    assert outcomes[7, 2][:2] == ("chronic", "end_at_contract_end")
    assert set(outcomes[7, 2][3].values()) == {"low"} and len(outcomes[7, 2][3]) >= 3


def test_003_3_a_client_who_has_a_problem_gets_repair_led_by_support():
    b = Build()
    b.client(1)
    months = months_back(AS_OF, 12)
    for month in months[:-2]:
        healthy_month(b, 1, month)
    for month in months[-2:]:
        crisis_month(b, 1, month)
    d = _decide(b)[1]
    assert d.pattern == "acute" and d.chronic is False
    assert d.recommendation == "repair"
    assert d.strategies[0].id == "acute_support" and d.strategies[0].tag == "[003 #3]"
    assert "client who has a problem" in d.reasons[0]


def test_000_4_a_repair_plan_past_its_review_date_without_improvement_escalates():
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 12):
        troubled_month(b, 1, month)
    ds_score = _decide(b)[1].score
    b.add(
        "repair_plans",
        client_id=1,
        opened_on=dt.date(2026, 3, 1),
        review_on=dt.date(2026, 6, 1),
        baseline_score=ds_score,
    )
    d = _decide(b)[1]
    assert d.recommendation == "end_at_contract_end"
    assert d.reasons[0].startswith("The repair plan opened on 2026-03-01 did not work")


def test_000_7_a_repair_plan_that_lowered_the_score_does_not_escalate():
    b = Build()
    _healthy(b, 1)
    b.message(1, at(2026, 6, 2), "in", labels=("abuse",))
    b.add(
        "repair_plans",
        client_id=1,
        opened_on=dt.date(2026, 3, 1),
        review_on=dt.date(2026, 6, 1),
        baseline_score=60.0,
    )
    assert _decide(b)[1].recommendation == "repair"


def test_an_open_plan_before_its_review_date_keeps_the_client_in_repair():
    b = Build()
    _healthy(b, 1)
    b.add(
        "repair_plans",
        client_id=1,
        opened_on=dt.date(2026, 6, 1),
        review_on=dt.date(2026, 8, 1),
        baseline_score=20.0,
    )
    d = _decide(b)[1]
    assert d.recommendation == "repair"
    assert any("judge it at its review date" in r for r in d.reasons)


def test_decisions_come_most_urgent_first_and_reasons_by_weight():
    b = Build()
    _healthy(b, 1)
    b.client(2)
    for month in months_back(AS_OF, 12):
        troubled_month(b, 2, month)
    _healthy(b, 3)
    b.add("incidents", client_id=3, kind="unethical", occurred_at=at(2026, 6, 2))
    ds = b.dataset()
    decisions = triage(compute(ds, AS_OF), ds)
    assert [d.client_id for d in decisions] == [3, 2, 1]
    ranks = [RECOMMENDATIONS.index(d.recommendation) for d in decisions]
    assert ranks == sorted(ranks)
    reasons = decisions[1].reasons[1:]
    # payment_risk and losing_money weigh 3, after_hours and pessimism 1.
    assert reasons[0].startswith(("Payment risk", "You lose money"))
    assert reasons[-1].startswith(("Messages at all hours", "Pessimistic", "The relationship"))


def test_json_shape_is_stable():
    b = Build()
    _healthy(b, 1)
    ds = b.dataset()
    (d,) = triage(compute(ds, AS_OF), ds)
    js = d.to_json()
    assert {"client", "recommendation", "score", "chronic", "reasons", "signals"} <= set(js)
    assert len(js["signals"]) == 14
    assert set(js["signals"][0]) == {
        "id",
        "severity",
        "value",
        "threshold",
        "explanation",
        "explanation_phrase",
        "evidence",
    }


def test_000_4_a_plan_judged_failed_keeps_the_client_headed_for_the_end():
    b = Build()
    _healthy(b, 1)
    b.add(
        "repair_plans",
        client_id=1,
        opened_on=dt.date(2026, 3, 1),
        review_on=dt.date(2026, 5, 1),
        baseline_score=20.0,
        status="failed",
    )
    d = _decide(b)[1]
    assert d.recommendation == "end_at_contract_end"
    assert "failed at its review on 2026-05-01" in d.reasons[0]


def test_a_newer_plan_supersedes_an_old_failure():
    b = Build()
    _healthy(b, 1)
    for opened, status in ((dt.date(2025, 6, 1), "failed"), (dt.date(2026, 3, 1), "improved")):
        b.add(
            "repair_plans",
            client_id=1,
            opened_on=opened,
            review_on=opened + dt.timedelta(days=60),
            baseline_score=20.0,
            status=status,
        )
    assert _decide(b)[1].recommendation == "keep"


def test_the_end_now_grounds_are_only_those_that_make_it_end_now():
    # Unethical, and unreasonable demands without any abuse: the one ground is ethics.
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="unethical", occurred_at=at(2026, 6, 2))
    for day in (3, 4, 5):
        b.add("incidents", client_id=1, kind="unreasonable_demand", occurred_at=at(2026, 6, day))
    d = _decide(b)[1]
    by_id = {s.id: s for s in d.signals}
    assert d.recommendation == "end_now"
    assert [sid for sid, _ in end_now_grounds(by_id, Thresholds.defaults())] == ["unethical"]
    assert not was_abusive(by_id)


def test_abuse_toward_you_counts_as_abusive():
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="abuse_to_you", occurred_at=at(2026, 6, 2))
    by_id = {s.id: s for s in _decide(b)[1].signals}
    assert was_abusive(by_id)


def test_002_2_one_low_severity_staff_report_is_a_conversation_not_an_ending():
    b = Build()
    _healthy(b, 1)
    b.add("team", name="Dana", email="dana@studio.example", role="staff")
    b.add(
        "incidents",
        client_id=1,
        kind="abuse_to_staff",
        reporter="Dana",
        severity="low",
        occurred_at=at(2026, 6, 2),
    )
    d = _decide(b)[1]
    assert d.recommendation == "watch"
    assert [s.id for s in d.strategies] == ["conduct_conversation"]
    assert d.strategies[0].tag == "[000 #8] [002 #2]"
    assert not was_abusive({s.id: s for s in d.signals})


def test_000_8_a_low_severity_report_of_abuse_toward_you_does_not_end_it_now():
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="abuse_to_you", severity="low", occurred_at=at(2026, 6, 2))
    d = _decide(b)[1]
    assert d.recommendation in ("watch", "repair")
    assert end_now_grounds({s.id: s for s in d.signals}, Thresholds.defaults()) == []


def test_002_3_repeated_improper_requests_in_messages_end_it_now():
    b = Build()
    _healthy(b, 1)
    b.message(1, at(2026, 6, 2), "in", labels=("unethical_request",))
    assert _decide(b)[1].recommendation != "end_now"
    b.message(1, at(2026, 6, 9), "in", labels=("unethical_request",))
    d = _decide(b)[1]
    assert d.recommendation == "end_now" and "[002 #3]" in d.reasons[0]


def test_002_3_a_low_severity_unethical_report_alone_is_not_grounds_to_end_now():
    b = Build()
    _healthy(b, 1)
    b.add("incidents", client_id=1, kind="unethical", severity="low", occurred_at=at(2026, 6, 2))
    assert _decide(b)[1].recommendation in ("watch", "repair")


def test_a_single_transient_medium_sign_is_watch_and_a_persistent_one_repair():
    # One gloomy month in an otherwise healthy year: pessimism reaches medium over the
    # window, for at most three months of its trend. Watch, not repair.
    b = Build()
    b.client(1)
    months = months_back(AS_OF, 12)
    for month in months:
        healthy_month(b, 1, month)
    spike = months[-4]
    for i in range(40):
        b.message(1, at(spike.year, spike.month, 1 + i % 28, 11), "in", labels=("negative",))
    d = _decide(b)[1]
    sev = {s.id: s.severity for s in d.signals}
    assert sev["pessimism"] == "medium" and d.recommendation == "watch"
    assert d.reasons[0].startswith("One sign reached medium, but only recently")
    # The same share of gloom every month for half a year persists: repair.
    b = Build()
    b.client(1)
    for month in months:
        healthy_month(b, 1, month)
        if month >= months[-6]:
            for i in range(6):
                b.message(1, at(month.year, month.month, 20 + i, 11), "in", labels=("negative",))
    d = _decide(b)[1]
    assert {s.id: s.severity for s in d.signals}["pessimism"] == "medium"
    assert d.recommendation == "repair"


def test_003_1_trouble_in_one_way_for_months_is_not_chronic():
    # Late payments every month for a year, and nothing else: one problem to repair,
    # not a client unhappy in many ways.
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 12):
        healthy_month(b, 1, month)
        b.invoice(
            1,
            month + dt.timedelta(days=5),
            month + dt.timedelta(days=15),
            5000,
            paid=[(month + dt.timedelta(days=75), 5000)],
        )
    d = _decide(b)[1]
    assert d.pattern != "chronic" and d.recommendation == "repair"


def test_003_3_a_hard_time_the_client_told_of_is_evidence_for_acute_and_leads_the_reasons():
    b = Build()
    b.client(1)
    months = months_back(AS_OF, 12)
    for month in months:
        healthy_month(b, 1, month)
    # Worried messages last month, one of them telling of a death in the family: only
    # a low sign over the window, but a client who has a problem gets the extra effort.
    told = b.message(1, at(2026, 6, 3, 11), "in", labels=("hardship", "negative"))
    for i in range(15):
        b.message(1, at(2026, 6, 8 + i, 11), "in", labels=("negative",))
    d = _decide(b)[1]
    # Over the window the sign is low; read in the recent months against the calm ones
    # before, it rose suddenly to medium.
    pessimism = {s.id: s for s in d.signals}["pessimism"]
    assert pessimism.severity in ("medium", "high") and pessimism.facts["spike"]
    assert pessimism.explanation.startswith("A sudden rise since ")
    assert "16 of " in pessimism.explanation
    assert d.pattern == "acute"
    assert d.hardship[0]["record"] == f"message {told}"
    assert any("hard time in their own life" in r and "[003 #3]" in r for r in d.reasons)
    assert d.recommendation == "repair" and d.strategies[0].id == "acute_support"
    assert d.to_json()["hardship"][0]["date"] == "2026-06-03"


def test_003_3_a_hard_time_told_with_no_trouble_yet_is_watched_with_support_not_kept():
    # Their biggest customer left, they wrote; nothing in their signs has moved yet.
    # Keep would bury what they told you; repair would call a client who is fine a
    # problem. Watch, with the hard time leading the reasons and support suggested.
    b = Build()
    _healthy(b, 1)
    b.message(1, at(2026, 6, 10, 11), "in", labels=("hardship",))
    d = _decide(b)[1]
    assert all(s.severity == "none" for s in d.signals)
    assert d.recommendation == "watch"
    assert d.reasons[0].startswith("They told you of a hard time in their own life (message ")
    assert [s.id for s in d.strategies] == ["acute_support"]


def test_003_3_a_hard_time_told_long_ago_is_not_a_reason_to_watch():
    b = Build()
    _healthy(b, 1)
    b.message(1, at(2026, 1, 12, 11), "in", labels=("hardship",))
    d = _decide(b)[1]
    assert d.hardship == [] and d.recommendation == "keep"


def test_003_3_a_sudden_burst_of_complaints_after_a_calm_year_is_acute_and_repaired():
    # A failed delivery last month: twelve angry messages among the usual ones, after
    # a year of calm. Over six months that is a low share; against the client's own
    # earlier months it is a sudden rise, and the client deserves the extra effort.
    b = Build()
    _healthy(b, 1)
    for i in range(12):
        b.message(1, at(2026, 6, 8 + i, 14), "in", labels=("negative",))
    d = _decide(b)[1]
    pessimism = {s.id: s for s in d.signals}["pessimism"]
    assert pessimism.severity in ("medium", "high") and pessimism.facts["spike_before"] == 0
    assert pessimism.explanation.endswith("Earlier in the window (January 2026 on) it was 0%.")
    assert d.pattern == "acute" and d.hardship == []
    assert d.recommendation == "repair" and d.strategies[0].id == "acute_support"


def test_003_3_one_complaint_in_a_calm_year_is_not_a_sudden_rise():
    b = Build()
    _healthy(b, 1)
    b.message(1, at(2026, 6, 8, 14), "in", labels=("negative",))
    d = _decide(b)[1]
    assert not {s.id: s for s in d.signals}["pessimism"].facts["spike"]
    assert d.recommendation in ("keep", "watch")


def test_003_3_a_client_who_went_quiet_is_read_over_enough_recent_months_to_judge():
    # A client in trouble often writes less: three messages last month, two of them
    # negative, too few to judge alone. The recent stretch reaches back a month
    # (engine.recent_max_months) rather than miss the rise.
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 12)[:-2]:
        healthy_month(b, 1, month)
    healthy_month(b, 1, dt.date(2026, 5, 1), messages=3)
    b.message(1, at(2026, 5, 20, 11), "in", labels=("negative",))
    healthy_month(b, 1, dt.date(2026, 6, 1), messages=1)
    for day in (9, 23):
        b.message(1, at(2026, 6, day, 11), "in", labels=("negative",))
    pessimism = {s.id: s for s in _decide(b)[1].signals}["pessimism"]
    assert pessimism.facts["spike"] and pessimism.facts["spike_months"] == 2
    assert pessimism.severity == "medium"
    assert pessimism.explanation.startswith("A sudden rise since 2026-05-01: 3 of 7 ")
    # Reaching back only one month, nothing could be judged, so nothing was sudden.
    cfg = Thresholds.with_overrides({"engine.recent_max_months": 1})
    ds = b.dataset()
    result = compute(ds, AS_OF, cfg)
    pessimism = next(s for s in triage(result, ds, cfg)[0].signals if s.id == "pessimism")
    assert not pessimism.facts["spike"] and pessimism.severity == "none"


def test_003_1_a_rise_to_low_from_nothing_is_watched_and_a_rise_within_the_usual_is_not():
    # Two negative messages last month from a client who never wrote one: low, but
    # a rise against their own months. Watch, not repair.
    b = Build()
    _healthy(b, 1)
    for day in (10, 17):
        b.message(1, at(2026, 6, day, 11), "in", labels=("negative",))
    d = _decide(b)[1]
    pessimism = {s.id: s for s in d.signals}["pessimism"]
    assert pessimism.facts["spike"] and pessimism.severity == "low"
    assert d.recommendation == "watch"
    # The same two from a client who writes one most months is their usual (under
    # engine.spike_rise times the earlier share): no sudden rise, and no sign.
    b = Build()
    _healthy(b, 1)
    for month in months_back(AS_OF, 6)[:-1]:
        b.message(1, at(month.year, month.month, 12, 11), "in", labels=("negative",))
    for day in (10, 17):
        b.message(1, at(2026, 6, day, 11), "in", labels=("negative",))
    pessimism = {s.id: s for s in _decide(b)[1].signals}["pessimism"]
    assert not pessimism.facts["spike"] and pessimism.severity == "none"


def test_003_1_a_burst_without_calm_months_to_compare_is_no_sudden_rise():
    # A new client, gloomy from their first weeks: no earlier months to compare with,
    # so nothing is sudden; the sign is judged over the window as usual.
    b = Build()
    b.client(1)
    healthy_month(b, 1, dt.date(2026, 6, 1))
    for i in range(12):
        b.message(1, at(2026, 6, 8 + i, 14), "in", labels=("negative",))
    d = _decide(b)[1]
    pessimism = {s.id: s for s in d.signals}["pessimism"]
    assert not pessimism.facts["spike"] and pessimism.facts["spike_before"] is None
    assert not pessimism.explanation.startswith("A sudden rise")
    assert d.pattern != "acute"


def test_003_1_hardship_does_not_turn_a_chronic_problem_client_acute():
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 12):
        troubled_month(b, 1, month)
    b.message(1, at(2026, 6, 3, 11), "in", labels=("hardship",))
    d = _decide(b)[1]
    assert d.pattern == "chronic" and d.recommendation == "end_at_contract_end"


def test_002_1_time_and_money_read_off_the_same_hours_are_one_way_not_two():
    # Many unpaid hours every month: time_vs_value and losing_money both high, plus a
    # late payment now and then. Unhappy in one way (the hours), not in many: repair.
    b = Build()
    b.client(1)
    for i, month in enumerate(months_back(AS_OF, 12)):
        b.hours(1, at(month.year, month.month, 3), 60, billable=False)
        b.hours(1, at(month.year, month.month, 4), 10)
        late = 40 if i % 3 == 0 else 5
        b.invoice(
            1,
            month + dt.timedelta(days=4),
            month + dt.timedelta(days=10),
            10 * 8000,
            paid=[(month + dt.timedelta(days=10 + late), 10 * 8000)],
        )
        for day in weekdays(month, 8):
            b.message(1, at(day.year, day.month, day.day, 10), "in")
    d = _decide(b)[1]
    sev = {s.id: s.severity for s in d.signals}
    assert sev["time_vs_value"] == "high" and sev["losing_money"] == "high"
    assert d.pattern != "chronic" and d.recommendation == "repair"


def test_003_1_a_problem_client_in_trouble_now_ends_at_contract_end_whatever_the_score():
    cfg = Thresholds.with_overrides({"triage.end_score": 100})
    b = Build()
    b.client(1)
    for month in months_back(AS_OF, 12):
        troubled_month(b, 1, month)
    ds = b.dataset()
    (d,) = triage(compute(ds, AS_OF, cfg), ds, cfg)
    assert d.pattern == "chronic" and d.score < 100
    assert d.recommendation == "end_at_contract_end"


def _history(signs_by_client, now_by_client):
    """An engine result made of monthly severities: {client: {signal: [months at medium]}}
    for the trend, {client: {signal: severity}} for now."""
    months = months_back(AS_OF, 12)
    series, results = [], []
    for cid, signs in signs_by_client.items():
        for sid, at_medium in signs.items():
            for i, month in enumerate(months):
                severity = "medium" if i in at_medium else "low"
                series.append((cid, sid, month, 0.0, severity))
        for sid, severity in now_by_client.get(cid, {}).items():
            results.append((cid, sid, 0.0, 0.0, severity, "", "{}"))
    return EngineResult(
        as_of=AS_OF,
        results=pl.DataFrame(results, schema=RESULT_SCHEMA, orient="row"),
        evidence=pl.DataFrame(),
        series=pl.DataFrame(series, schema=SERIES_SCHEMA, orient="row"),
        portfolio={},
    )


def test_003_1_a_way_of_being_unhappy_lasts_more_than_one_month_or_is_there_now():
    eight = set(range(4, 12))
    base = {"payment_risk": eight, "rejected_recommendations": eight}
    result = _history(
        {
            1: {**base, "pessimism": {7}},  # one gloomy month: a moment, not a way
            2: {**base, "pessimism": {7, 9}},  # two: a third way
            3: {**base, "pessimism": {7}},  # one month, but gloomy now too
            # Belittling you and belittling your staff: one way of treating people.
            4: {"payment_risk": eight, "low_respect": eight, "mistreats_staff": eight},
        },
        {3: {"pessimism": "medium"}},
    )
    found = dict(patterns(result, Thresholds.defaults()).select("client_id", "pattern").iter_rows())
    assert found == {1: "intermittent", 2: "chronic", 3: "chronic", 4: "intermittent"}


def test_003_3_a_sign_or_two_at_low_every_month_is_a_healthy_history_not_trouble():
    """[003 #3] A rate a little under target and a slow week of replies, month after
    month, are a healthy client's noise: a recent spike after them is acute. Three signs
    at low at once are trouble."""
    # Each listed sign is at low in every month but those given, where it is at medium.
    result = _history(
        {
            1: {"time_vs_value": set(), "pessimism": {11}},
            2: {"time_vs_value": set(), "payment_risk": set(), "pessimism": {11}},
        },
        {1: {"pessimism": "medium"}, 2: {"pessimism": "medium"}},
    )
    found = dict(patterns(result, Thresholds.defaults()).select("client_id", "pattern").iter_rows())
    assert found == {1: "acute", 2: "intermittent"}


def test_a_sign_there_month_after_month_and_at_medium_now_persists():
    """A sign that swings between low and medium all year has lasted as long as one that
    stays at medium (the decision asks only about signs at medium now)."""
    from partways.core.triage import _trends

    swinging = {1, 4, 7, 10, 11}  # at medium in five months of twelve, low in the rest
    result = _history({1: {"minimal_communication": swinging}}, {})
    assert "minimal_communication" in _trends(result, Thresholds.defaults())[1].persistent
    at_medium_only = Thresholds.with_overrides(
        {"triage.persistent_months": 6, "triage.persistent_flagged_months": 13}
    )
    assert 1 not in _trends(result, at_medium_only)
