"""Meetings, deliverables and proposals, with the messages that carry them.

A deliverable is requested, delivered near its due date and sent for review; the
client's answer to the delivery e-mail is the proposal's decision, so the records and
the conversation tell one story.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from partways.evaluation.generate import vocab
from partways.evaluation.generate.builder import ClientBuilder, poisson, weighted
from partways.evaluation.generate.work import month_starts, next_month
from partways.evaluation.model import Deliverable, Meeting, Proposal

Outcome = Literal["accepted", "rejected", "revision", "pending"]


def build_meetings(b: ClientBuilder) -> None:
    rng, clock, client = b.rng, b.clock, b.client
    titles = vocab.MEETING_TITLES[b.agency.language]
    cadence = 7 if b.plan.size > 2 else (14 if b.plan.size > 0.75 else 28)
    weekday = rng.choice([d for d in clock.work_days if d != clock.work_days[-1]])
    minute = clock.start_min + 30 * rng.randint(
        1, max(1, (clock.end_min - clock.start_min) // 30 - 3)
    )
    day = b.start + dt.timedelta(days=(weekday - b.start.weekday()) % 7 + 7)
    while day <= clock.last_day:
        _meeting(b, day, minute, titles[0].format(client=client.name), rng.choice((30, 30, 45)))
        day += dt.timedelta(days=cadence)
    for month in month_starts(b.start, clock.last_day):
        for _ in range(rng.choice((0, 0, 1, 1, 2)) if b.plan.size < 2 else rng.randint(1, 3)):
            days = clock.work_days_between(
                max(month, b.start), next_month(month) - dt.timedelta(days=1)
            )
            if not days:
                continue
            item = rng.choice(b.owner_items)
            title = rng.choice(titles[1:]).format(item=item)
            start = clock.start_min + 30 * rng.randint(
                0, max(0, (clock.end_min - clock.start_min) // 30 - 3)
            )
            _meeting(b, rng.choice(days), start, title, rng.choice((60, 60, 90)))


def _meeting(b: ClientBuilder, day: dt.date, minute: int, title: str, minutes: int) -> None:
    rng = b.rng
    mood = b.plan.mood(day)
    if not mood.active or not b.clock.is_work_day(day):
        return
    people = [b.lead]
    if b.staff and rng.random() < 0.5:
        people.append(rng.choice(b.staff))
    contacts = b.client.contacts
    people.append(contacts[0])
    if len(contacts) > 1 and rng.random() < 0.4:
        people.append(contacts[1])
    cancel, no_show, unprepared = mood.meet
    draw = rng.random()
    meeting = Meeting(
        starts_at=b.clock.at(day, minute),
        minutes=minutes,
        title=title,
        attendees=people,
        cancelled=draw < cancel,
        no_show=cancel <= draw < cancel + no_show,
    )
    if not meeting.cancelled and not meeting.no_show and unprepared > 0:
        meeting.client_prepared = rng.random() >= unprepared
    if meeting.starts_at < b.clock.cutoff:
        b.client.meetings.append(meeting)


def build_deliverables(b: ClientBuilder) -> None:
    rng, clock, plan = b.rng, b.clock, b.plan
    for month in month_starts(b.start, clock.last_day):
        days = clock.work_days_between(
            max(month, b.start), next_month(month) - dt.timedelta(days=1)
        )
        if not days:
            continue
        mood = plan.mood(days[0])
        if not mood.active:
            continue
        for _ in range(_count(b, 0.8 * min(plan.size, 2.0) * mood.deliverable_rate)):
            deliverable(b, rng.choice(days))
        for _ in range(_count(b, mood.recommend_rate)):
            recommendation(b, rng.choice(days))


def _count(b: ClientBuilder, mean: float) -> int:
    return poisson(b.rng, mean)


def deliverable(
    b: ClientBuilder,
    requested: dt.date,
    *,
    failed: bool = False,
    due: dt.date | None = None,
) -> Deliverable:
    """A piece of work from request to the client's last word on it."""
    rng, clock = b.rng, b.clock
    mood = b.plan.mood(requested)
    index = rng.randrange(len(b.items))
    if due is None:
        due = clock.work_day_on_or_after(requested + dt.timedelta(days=rng.randint(14, 35)))
    original_due = None
    late_range = (-4, 1)
    if rng.random() < mood.pulled_in:
        original_due = due
        due = clock.work_day_on_or_after(requested + dt.timedelta(days=rng.randint(4, 9)))
        late_range = (0, 6)
    in_scope = rng.random() >= mood.out_of_scope
    if failed:
        late_range = (2, 4)
    delivered = clock.work_day_on_or_after(due + dt.timedelta(days=rng.randint(*late_range)))
    item = b.items[index]
    record = Deliverable(
        title=b.owner_items[index][:1].upper() + b.owner_items[index][1:],
        status="in_progress",
        requested_on=requested,
        due=due,
        original_due=original_due,
        in_scope=in_scope,
    )
    b.client.deliverables.append(record)
    # How the request came in: a pushed-in "small thing", or pressure for a date.
    when = b.client_moment(requested, mood)
    if not in_scope:
        ask = b.start_thread(when, "in", "scope_creep", "request", {"item": item})
        b.reply(ask, "scope_reply", slots={"date": b.date_text(requested + dt.timedelta(days=3))})
    elif original_due is not None:
        slots = {"item": item, "date": b.date_text(due)}
        ask = b.start_thread(when, "in", "pressure", "request", slots)
        b.reply(ask, "request_ack", slots=slots)
    if delivered > clock.last_day:
        if requested > clock.last_day - dt.timedelta(days=5):
            record.status = "planned"
        return record
    if original_due is not None and delivered > due:
        blame = clock.work_moment(clock.work_day_on_or_after(due + dt.timedelta(days=1)), rng)
        slots = {"item": item, "date": b.date_text(delivered)}
        b.start_thread(blame, "in", "pressure", "general", slots)
    record.delivered_on = delivered
    record.status = "delivered"
    outcome = _review(b, record, index, failed=failed)
    if outcome == "accepted":
        record.status = "accepted"
        record.paid_for = in_scope
    return record


def _review(b: ClientBuilder, record: Deliverable, index: int, *, failed: bool) -> Outcome:
    """Delivery e-mails and the client's answers, round after round."""
    rng, clock = b.rng, b.clock
    submitted = record.delivered_on or record.due
    item = b.items[index]
    for round_ in range(1, 6):
        mood = b.plan.mood(submitted)
        when = clock.work_moment(submitted, rng)
        sent = b.start_thread(when, "out", "delivery", "delivery", {"item": item})
        if failed:
            choice = "rejected"
        else:
            options = ("accepted", "concrete", "vague", "rejected")
            choice = weighted(rng, tuple(zip(options, mood.deliver, strict=True)))
            if round_ >= 3 and choice == "concrete":
                choice = "accepted"
            if round_ >= 4 and mood.deliver[2] < 0.5:
                choice = "accepted"
        accepted = rng.choice(("answer_yes", "thanks"))
        negative = [k for k in mood.answer_neg if k != "reject"]
        if negative and rng.random() < mood.answer_neg_p:
            accepted = rng.choice(negative)  # "fine, go ahead; not that it will help"
        kind = {
            "accepted": accepted,
            "concrete": "revision_concrete",
            "vague": "vague",
            "rejected": "angry" if failed else "reject",
        }[choice]
        mode = b.reply_mode(mood)
        slots = {"item": item, "date": b.date_text(submitted + dt.timedelta(days=5))}
        answer = b.reply(sent, kind, mood=mood, mode=mode, slots=slots)
        if answer is None:
            _propose(b, "deliverable", record.title, submitted, None, "pending", "", round_)
            if sent is not None and mode == "missing" and rng.random() < 0.6:
                b.nudge(sent)
            return "pending"
        decided = clock.local_day(answer.sent_at)
        if rng.random() < 0.3:
            b.reply(answer, "noted")
        outcome: Outcome = "revision" if choice in ("concrete", "vague") else choice  # type: ignore[assignment]
        reason = ""
        if choice == "concrete":
            reason = b.record_text("reason_concrete")
        elif choice == "vague":
            reason = b.record_text("reason_vague")
        elif choice == "rejected":
            reason = b.record_text("reason_failed" if failed else "reason_reject")
        _propose(b, "deliverable", record.title, submitted, decided, outcome, reason, round_)
        if outcome != "revision":
            return outcome
        submitted = clock.work_day_on_or_after(decided + dt.timedelta(days=rng.randint(2, 6)))
        if submitted > clock.last_day:
            return "revision"
    return "revision"


def recommendation(b: ClientBuilder, day: dt.date) -> None:
    rng, clock = b.rng, b.clock
    mood = b.plan.mood(day)
    index = rng.randrange(len(vocab.IDEAS[b.client.language]))
    idea = vocab.IDEAS[b.client.language][index]
    owner_idea = vocab.IDEAS[b.agency.language][index]
    title = owner_idea[:1].upper() + owner_idea[1:]
    when = clock.work_moment(day, rng)
    sent = b.start_thread(when, "out", "recommend", "general", {"idea": idea})
    choice = weighted(
        rng, tuple(zip(("accepted", "revision", "rejected"), mood.recommend, strict=True))
    )
    vague = mood.deliver[2] > 0.3
    kind = {
        "accepted": "answer_yes",
        "revision": "vague" if vague else "revision_concrete",
        "rejected": "reject",
    }[choice]
    mode = b.reply_mode(mood)
    slots = {"date": b.date_text(day + dt.timedelta(days=7))}
    answer = b.reply(sent, kind, mood=mood, mode=mode, slots=slots)
    if sent is None:
        return
    if answer is None:
        _propose(b, "recommendation", title, day, None, "pending", "", 1)
        return
    reason = ""
    if choice == "rejected":
        reason = b.record_text("reason_reject")
    elif choice == "revision":
        reason = b.record_text("reason_vague" if vague else "reason_concrete")
    decided = clock.local_day(answer.sent_at)
    _propose(b, "recommendation", title, day, decided, choice, reason, 1)  # type: ignore[arg-type]


def _propose(
    b: ClientBuilder,
    kind: Literal["recommendation", "deliverable"],
    title: str,
    submitted: dt.date,
    decided: dt.date | None,
    outcome: Outcome,
    reason: str,
    round_: int,
) -> None:
    b.client.proposals.append(
        Proposal(
            kind=kind,
            title=title,
            submitted_on=submitted,
            decided_on=decided,
            outcome=outcome,
            reason=reason,
            revision_round=round_,
        )
    )
