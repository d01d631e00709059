"""The generated agencies: deterministic, covering the answer key, consistent and
realistic where the evaluation depends on it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from partways.evaluation.catalog import BY_ID, PATTERNS
from partways.evaluation.generate import generate_agencies
from partways.evaluation.generate.builder import strip_diacritics
from partways.evaluation.generate.phrases import (
    HELD_OUT,
    MESSAGE_KINDS,
    RECORD_KINDS,
    TUNING,
    Bank,
    template_words,
    words,
)
from partways.evaluation.generate.vocab import IDEAS, ITEMS
from partways.evaluation.model import Agency, Client, Message

HEALTHY = {p.id for p in PATTERNS if p.healthy}


@pytest.fixture(scope="module")
def agencies() -> list[Agency]:
    return generate_agencies(2026)


def _clients(agencies: list[Agency]) -> list[tuple[Agency, Client]]:
    return [(a, c) for a in agencies for c in a.clients]


def _local_month(agency: Agency, moment: dt.datetime) -> tuple[int, int]:
    local = moment.astimezone(ZoneInfo(agency.time_zone))
    return local.year, local.month


# --- determinism -----------------------------------------------------------------------
def test_the_same_seed_gives_the_same_agencies(agencies: list[Agency]) -> None:
    assert generate_agencies(2026) == agencies


def test_another_seed_gives_other_agencies(agencies: list[Agency]) -> None:
    other = generate_agencies(7)
    assert [len(c.messages) for a in other for c in a.clients] != [
        len(c.messages) for a in agencies for c in a.clients
    ]


# --- coverage of the answer key ----------------------------------------------------------
def test_three_tuning_and_two_held_out_agencies(agencies: list[Agency]) -> None:
    assert [a.held_out for a in agencies] == [False, False, False, True, True]
    assert 75 <= sum(len(a.clients) for a in agencies) <= 90
    for agency in agencies:
        assert 14 <= len(agency.clients) <= 18


@pytest.mark.parametrize("held_out", [False, True])
def test_every_pattern_is_planted_in_tuning_and_in_held_out(
    agencies: list[Agency], held_out: bool
) -> None:
    planted = {c.pattern for a in agencies if a.held_out == held_out for c in a.clients}
    assert planted == set(BY_ID)


def test_at_least_a_third_of_each_agency_is_healthy(agencies: list[Agency]) -> None:
    for agency in agencies:
        healthy = sum(c.pattern in HEALTHY for c in agency.clients)
        assert healthy * 3 >= len(agency.clients), agency.slug


# --- dates and times -----------------------------------------------------------------------
def test_nothing_happens_after_as_of_and_every_moment_is_utc(agencies: list[Agency]) -> None:
    for agency, client in _clients(agencies):
        last = agency.as_of
        moments = (
            [m.sent_at for m in client.messages]
            + [e.started_at for e in client.time_entries]
            + [m.starts_at for m in client.meetings]
            + [i.occurred_at for i in client.incidents]
        )
        for moment in moments:
            assert moment.utcoffset() == dt.timedelta(0) and moment.tzinfo is dt.UTC
            assert moment.date() <= last
        days = (
            [i.issued_on for i in client.invoices]
            + [p.paid_on for i in client.invoices for p in i.payments]
            + [p.submitted_on for p in client.proposals]
            + [p.decided_on for p in client.proposals if p.decided_on]
            + [d.requested_on for d in client.deliverables]
            + [d.delivered_on for d in client.deliverables if d.delivered_on]
            + [f.created_on for f in client.flags]
            + [client.contract.start]
        )
        assert all(day <= last for day in days), (agency.slug, client.name)


def test_history_is_twelve_to_eighteen_months_with_a_few_newer_clients(
    agencies: list[Agency],
) -> None:
    for agency in agencies:
        months = [(agency.as_of - c.contract.start).days / 30.4 for c in agency.clients]
        assert 12 <= max(months) <= 18.5
        newer = [m for m in months if m < 9]
        assert 1 <= len(newer) <= 3
        assert all(m >= 5.5 for m in newer)


def test_hours_are_logged_in_working_hours_on_working_days(agencies: list[Agency]) -> None:
    for agency in agencies:
        zone = ZoneInfo(agency.time_zone)
        for client in agency.clients:
            for entry in client.time_entries:
                local = entry.started_at.astimezone(zone)
                assert local.weekday() in agency.work_days
                assert agency.work_start <= local.time() < agency.work_end


# --- money -------------------------------------------------------------------------------
def test_payments_never_exceed_what_is_owed(agencies: list[Agency]) -> None:
    for _, client in _clients(agencies):
        for invoice in client.invoices:
            paid = sum((p.amount for p in invoice.payments), Decimal(0))
            assert paid <= invoice.amount - invoice.written_off
            assert all(p.paid_on >= invoice.issued_on for p in invoice.payments)
            assert invoice.currency == client.currency


def test_invoices_bill_the_months_billable_hours_at_the_clients_rate(
    agencies: list[Agency],
) -> None:
    for agency, client in _clients(agencies):
        if client.pattern == "losing_money":
            continue  # a fixed fee that the hours outgrew
        hours: Counter[tuple[int, int]] = Counter()
        for entry in client.time_entries:
            if entry.billable:
                hours[_local_month(agency, entry.started_at)] += entry.hours
        assert client.invoices
        for invoice in client.invoices:
            month = (invoice.issued_on.year, invoice.issued_on.month)
            expected = (Decimal(str(hours[month])) * client.hourly_rate).quantize(Decimal("0.01"))
            assert invoice.amount == expected, (client.name, invoice.number)


def test_most_healthy_invoices_are_paid_on_time(agencies: list[Agency]) -> None:
    for _, client in _clients(agencies):
        if client.pattern not in HEALTHY:
            continue
        paid = [i for i in client.invoices if i.payments]
        late = [i for i in paid if (i.payments[0].paid_on - i.due_on).days > 10]
        assert len(late) <= 2, client.name


def test_rates_sit_around_the_agencys_target(agencies: list[Agency]) -> None:
    for agency, client in _clients(agencies):
        base = client.hourly_rate * agency.exchange_rates.get(client.currency, Decimal(1))
        ratio = float(base * 100) / agency.target_hourly_rate_minor
        assert 0.6 <= ratio <= 1.5, (client.name, ratio)
        assert agency.default_cost_rate_minor * 5 == agency.target_hourly_rate_minor * 2


# --- messages -------------------------------------------------------------------------------
def test_message_volume_is_realistic(agencies: list[Agency]) -> None:
    total = sum(len(c.messages) for _, c in _clients(agencies))
    assert 20_000 <= total <= 40_000
    for agency, client in _clients(agencies):
        months = (agency.as_of - client.contract.start).days / 30.4
        per_month = len(client.messages) / months
        assert 8 <= per_month <= 80, (client.name, client.pattern, per_month)


def test_replies_stay_in_their_thread(agencies: list[Agency]) -> None:
    for _, client in _clients(agencies):
        for message in client.messages:
            assert message.text.strip()
            assert message.thread
            if message.reply_to is not None:
                assert message.thread == message.reply_to.thread
                assert message.sent_at > message.reply_to.sent_at
                if message.channel == "email":
                    assert message.subject.startswith("Re: ")


def test_chat_only_where_the_agency_has_slack_and_mentions_are_in_the_text(
    agencies: list[Agency],
) -> None:
    for agency, client in _clients(agencies):
        chat = [m for m in client.messages if m.channel == "chat"]
        if agency.formats.get("chat") != "slack":
            assert not chat
        for message in chat:
            assert not message.subject and not message.cc
            for person in message.mentions:
                assert f"@{person.name}" in message.text
                assert person in agency.team
    chatty = [c for a, c in _clients(agencies) if c.contract.main_channel == "chat"]
    assert chatty and all(any(m.channel == "chat" for m in c.messages) for c in chatty)
    assert any(m.mentions for c in chatty for m in c.messages)


def test_our_messages_come_from_the_team_and_theirs_from_their_contacts(
    agencies: list[Agency],
) -> None:
    for agency, client in _clients(agencies):
        for message in client.messages:
            ours = message.author in agency.team
            assert ours == (message.direction == "out")
            if not ours:
                assert message.author.email.endswith("@" + client.domain)
                assert all(p in agency.team for p in message.to)


def _vocabularies() -> dict[str, set[str]]:
    vocabularies: dict[str, set[str]] = {}
    for language in ("en", "id", "hr", "ar"):
        found = template_words(TUNING, language) | template_words(HELD_OUT, language)
        for phrase in ITEMS[language] + IDEAS[language]:
            found.update(words(phrase))
        if language == "hr":
            found |= {strip_diacritics(w) for w in found}
        vocabularies[language] = found
    return vocabularies


def _unique_words(text: str, vocabularies: dict[str, set[str]], names: set[str]) -> Counter[str]:
    """How many words of the text belong to one language only, per language."""
    counts: Counter[str] = Counter()
    for word in words(text):
        if word in names:
            continue
        owners = [lang for lang, vocab in vocabularies.items() if word in vocab]
        if len(owners) == 1:
            counts[owners[0]] += 1
    return counts


def test_every_message_is_in_the_clients_language(agencies: list[Agency]) -> None:
    vocabularies = _vocabularies()
    for agency, client in _clients(agencies):
        people = agency.team + client.contacts
        names = {w for p in people for w in words(p.name)}
        names |= {strip_diacritics(w) for w in names}
        recognised = 0
        for message in client.messages:
            counts = _unique_words(message.text, vocabularies, names)
            if counts:
                top = max(counts.values())
                assert counts[client.language] == top, (client.language, message.text)
                recognised += 1
        # Only messages such as "??" or "OK." say nothing about their language.
        assert recognised >= 0.97 * len(client.messages), client.name


# --- the phrase banks ---------------------------------------------------------------------------
@pytest.mark.parametrize("bank", [TUNING, HELD_OUT], ids=["tuning", "held_out"])
def test_each_bank_has_every_kind_for_its_languages(bank: Bank) -> None:
    for phrases in bank.values():
        missing = [k for k in MESSAGE_KINDS if not phrases.get(k)]
        assert not missing


def test_owner_languages_have_record_phrases(agencies: list[Agency]) -> None:
    for agency in agencies:
        bank = HELD_OUT if agency.held_out else TUNING
        assert all(bank[agency.language].get(k) for k in RECORD_KINDS)


def test_the_held_out_bank_words_things_differently() -> None:
    for language in TUNING:
        tuning = {t for templates in TUNING[language].values() for t in templates}
        held = {t for templates in HELD_OUT[language].values() for t in templates}
        shared = {t for t in tuning & held if len(words(t)) > 2}
        assert not shared, shared


def test_questions_and_approval_requests_are_both_asked(agencies: list[Agency]) -> None:
    for agency in agencies:
        ours = [m for c in agency.clients for m in c.messages if m.kind in ("question", "approval")]
        with_mark = sum("?" in m.text or "؟" in m.text for m in ours)
        assert 0.3 * len(ours) < with_mark < 0.9 * len(ours)


# --- the planted patterns ------------------------------------------------------------------------
def _of(agencies: list[Agency], pattern: str) -> list[tuple[Agency, Client]]:
    return [(a, c) for a, c in _clients(agencies) if c.pattern == pattern]


def _answered_in_window(agency: Agency, client: Client) -> tuple[int, int]:
    """Our questions and approvals old enough to judge, and how many got a timely answer."""
    window = dt.timedelta(hours=client.contract.reply_window_hours or 48)
    cutoff = dt.datetime.combine(agency.as_of, dt.time(0), ZoneInfo(agency.time_zone))
    answers: dict[int, Message] = {}
    for m in client.messages:
        if m.direction == "in" and m.reply_to is not None and id(m.reply_to) not in answers:
            answers[id(m.reply_to)] = m
    asked = [
        m
        for m in client.messages
        if m.kind in ("question", "approval") and m.sent_at + window < cutoff
    ]
    timely = sum(
        1 for m in asked if id(m) in answers and answers[id(m)].sent_at - m.sent_at <= window
    )
    return len(asked), timely


def test_healthy_clients_answer_within_the_window(agencies: list[Agency]) -> None:
    for agency, client in _clients(agencies):
        if client.pattern in HEALTHY:
            asked, timely = _answered_in_window(agency, client)
            assert asked >= 8 and timely >= 0.95 * asked, (client.name, asked, timely)


def test_minimal_communication_leaves_questions_waiting(agencies: list[Agency]) -> None:
    for agency, client in _of(agencies, "minimal_communication"):
        asked, timely = _answered_in_window(agency, client)
        assert timely < 0.45 * asked
        assert sum(m.no_show for m in client.meetings) >= 5


def test_payment_risk_pays_one_to_two_months_late_after_reminders(
    agencies: list[Agency],
) -> None:
    for agency, client in _of(agencies, "payment_risk"):
        late = [(i.payments[0].paid_on - i.due_on).days for i in client.invoices if i.payments]
        assert sum(30 <= d <= 62 for d in late) >= 5
        overdue = [i for i in client.invoices if not i.payments and i.due_on < agency.as_of]
        assert overdue
        kinds = Counter(m.kind for m in client.messages)
        assert kinds["reminder"] >= 10 and kinds["excuse"] >= 4


def test_staff_reports_name_a_staff_member(agencies: list[Agency]) -> None:
    for agency, client in _of(agencies, "staff_report_low"):
        assert [(i.kind, i.severity) for i in client.incidents] == [("abuse_to_staff", "low")]
        staff = {p.name for p in agency.team if p.role == "staff"}
        assert client.incidents[0].reporter in staff
        assert not {"abuse_staff", "abuse_owner"} & {m.kind for m in client.messages}
    for _, client in _of(agencies, "mistreats_staff"):
        (incident,) = client.incidents
        assert incident.kind == "abuse_to_staff" and incident.severity in ("medium", "high")
        abusive = [m for m in client.messages if m.kind == "abuse_staff"]
        assert len(abusive) >= 3
        assert all(incident.reporter in {p.name for p in m.to} for m in abusive)


def test_abuse_unethical_and_flags_are_where_the_catalog_says(agencies: list[Agency]) -> None:
    for _, client in _of(agencies, "abusive_to_owner"):
        assert sum(m.kind == "abuse_owner" for m in client.messages) >= 3
    for _, client in _of(agencies, "unethical_messages"):
        assert 2 <= sum(m.kind == "unethical" for m in client.messages) <= 3
        assert not client.incidents
    for _, client in _of(agencies, "unethical_incident"):
        assert [(i.kind, i.severity) for i in client.incidents] == [("unethical", "high")]
    for _, client in _of(agencies, "not_a_fit"):
        assert [f.kind for f in client.flags] == ["not_a_fit"] and client.flags[0].reason
    for _, client in _clients(agencies):
        if client.pattern != "not_a_fit":
            assert not client.flags


def test_acute_patterns_follow_a_year_of_health(agencies: list[Agency]) -> None:
    for pattern, kind in (("acute_hardship", "hardship"), ("acute_spike", "angry")):
        for agency, client in _of(agencies, pattern):
            first = min(m.sent_at.date() for m in client.messages if m.kind == kind)
            assert (first - client.contract.start).days >= 365
            assert (agency.as_of - first).days <= 60
    for _, client in _of(agencies, "acute_spike"):
        assert any(p.outcome == "rejected" and p.reason for p in client.proposals)


def test_unreasonable_demands_pull_deadlines_in_and_push_scope(agencies: list[Agency]) -> None:
    for _, client in _of(agencies, "unreasonable_demands"):
        pulled = [d for d in client.deliverables if d.original_due and d.original_due > d.due]
        assert len(pulled) >= 2
        assert any(not d.in_scope for d in client.deliverables)
        assert sum(m.kind == "pressure" for m in client.messages) >= 3


def test_after_hours_and_weekend_season_show_in_the_clock(agencies: list[Agency]) -> None:
    def off_share(agency: Agency, client: Client) -> float:
        zone = ZoneInfo(agency.time_zone)
        theirs = [m.sent_at.astimezone(zone) for m in client.messages if m.direction == "in"]
        off = [
            t
            for t in theirs
            if t.weekday() not in agency.work_days
            or not agency.work_start <= t.time() < agency.work_end
        ]
        return len(off) / len(theirs)

    for agency, client in _of(agencies, "after_hours"):
        assert off_share(agency, client) > 0.55
    for agency, client in _of(agencies, "healthy_steady"):
        assert off_share(agency, client) < 0.2


def test_losing_money_costs_more_than_it_brings(agencies: list[Agency]) -> None:
    for agency, client in _of(agencies, "losing_money"):
        rate = agency.exchange_rates.get(client.currency, Decimal(1))
        revenue = sum(i.amount - i.written_off for i in client.invoices) * rate * 100
        cost = sum(e.hours for e in client.time_entries) * agency.default_cost_rate_minor
        assert float(revenue) < cost
        assert any(i.written_off for i in client.invoices)


def test_chronic_problem_is_unhappy_for_most_of_a_year(agencies: list[Agency]) -> None:
    for agency, client in _of(agencies, "chronic_problem"):
        gloomy = [m.sent_at.date() for m in client.messages if m.kind == "gloom"]
        assert (agency.as_of - min(gloomy)).days >= 270
        late = [i for i in client.invoices if i.payments and i.payments[0].paid_on > i.due_on]
        assert len(late) >= 4
        assert any(p.outcome == "rejected" for p in client.proposals)
        assert any(not d.in_scope for d in client.deliverables)
