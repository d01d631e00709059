"""The discrete events of each pattern: incidents, a flag, abusive or improper
messages, a hardship, a failed delivery, the one late invoice or the one complaint.

Moods (``plans``) shape the months; these are the moments that make a pattern what
its ``plant`` sentence in the catalog says.
"""

from __future__ import annotations

import datetime as dt

from partways.evaluation.generate import talk
from partways.evaluation.generate.builder import ClientBuilder, first_name
from partways.evaluation.generate.records import deliverable
from partways.evaluation.generate.work import month_starts
from partways.evaluation.model import Flag, Incident, Message, Person


def late_overrides(b: ClientBuilder) -> dict[dt.date, int]:
    """Months whose invoice is paid late on purpose (before the invoices are built)."""
    if b.client.pattern != "healthy_one_late_invoice":
        return {}
    months = month_starts(b.start, b.clock.last_day)
    return {b.rng.choice(months[-10:-3]): b.rng.randint(13, 16)}


def plant(b: ClientBuilder, pattern: str) -> None:
    rng, clock = b.rng, b.clock
    last = clock.last_day
    if pattern == "healthy_one_complaint":
        day = _work_day(b, last - dt.timedelta(days=rng.randint(90, 240)))
        mood = b.plan.mood(day)
        talk.client_starts(b, day, mood, "complaint")
    elif pattern == "healthy_urgent_polite":
        for back in (rng.randint(40, 120), rng.randint(170, 300)):
            day = _work_day(b, last - dt.timedelta(days=back))
            talk.client_starts(b, day, b.plan.mood(day), "urgent_polite")
    elif pattern == "not_a_fit":
        for back in sorted(rng.sample(range(30, 130), rng.randint(1, 2)), reverse=True):
            day = _work_day(b, last - dt.timedelta(days=back))
            message = b.start_thread(clock.work_moment(day, rng), "in", "growth", "general")
            b.reply(message, "noted")
        b.client.flags.append(
            Flag(
                "not_a_fit",
                b.record_text("flag_reason"),
                last - dt.timedelta(days=rng.randint(7, 40)),
            )
        )
    elif pattern == "staff_report_low":
        person = _staff(b)
        day = _work_day(b, last - dt.timedelta(days=rng.randint(30, 140)))
        _incident(
            b,
            "abuse_to_staff",
            person,
            "low",
            day,
            b.record_text("note_staff_low", staff=first_name(person)),
        )
    elif pattern == "abuse_report_low":
        owner = b.agency.owner
        day = _work_day(b, last - dt.timedelta(days=rng.randint(30, 140)))
        b.start_thread(
            clock.work_moment(day, rng), "in", "curt", "general", to=[owner], mention=owner
        )
        _incident(b, "abuse_to_you", owner, "low", day, b.record_text("note_owner_low"))
    elif pattern == "abusive_to_owner":
        owner = b.agency.owner
        for back in sorted(rng.sample(range(3, 90), rng.randint(3, 5)), reverse=True):
            day = _work_day(b, last - dt.timedelta(days=back))
            _hostile(b, day, "abuse_owner", owner)
    elif pattern == "mistreats_staff":
        person = _staff(b)
        backs = sorted(rng.sample(range(5, 110), rng.randint(3, 5)), reverse=True)
        for back in backs:
            day = _work_day(b, last - dt.timedelta(days=back))
            _hostile(b, day, "abuse_staff", person)
        day = _work_day(b, last - dt.timedelta(days=backs[-1]) + dt.timedelta(days=1))
        note = b.record_text("note_staff_abuse", staff=first_name(person))
        _incident(b, "abuse_to_staff", person, rng.choice(("medium", "high")), day, note)
    elif pattern == "unethical_incident":
        reporter = b.lead if rng.random() < 0.5 else b.agency.owner
        day = _work_day(b, last - dt.timedelta(days=rng.randint(15, 80)))
        _incident(b, "unethical", reporter, "high", day, b.record_text("note_unethical"))
    elif pattern == "unethical_messages":
        templates = b.ctx.bank[b.client.language]["unethical"]
        picks = rng.sample(range(len(templates)), min(len(templates), rng.randint(2, 3)))
        backs = sorted(rng.sample(range(10, 120), len(picks)), reverse=True)
        for index, back in zip(picks, backs, strict=True):
            day = _work_day(b, last - dt.timedelta(days=back))
            body = b.fill(templates[index], {"item": rng.choice(b.items)})
            ask = b.start_thread(
                clock.work_moment(day, rng), "in", "unethical", "general", body=body
            )
            b.reply(ask, "decline")
    elif pattern == "acute_hardship":
        start = _phase_start(b)
        message = b.start_thread(
            clock.work_moment(_work_day(b, start), rng),
            "in",
            "hardship",
            "general",
            cc=[b.agency.owner] if b.lead.role != "owner" else [],
        )
        b.reply(message, "condolence")
    elif pattern == "chronic_problem":
        # The first sour note comes as the unhappy months begin.
        day = _work_day(b, _phase_start(b) + dt.timedelta(days=rng.randint(0, 6)))
        talk.client_starts(b, day, b.plan.mood(day), "gloom")
    elif pattern == "acute_spike":
        start = _work_day(b, _phase_start(b))
        requested = start - dt.timedelta(days=rng.randint(18, 26))
        deliverable(b, requested, failed=True, due=_work_day(b, start - dt.timedelta(days=3)))


def _phase_start(b: ClientBuilder) -> dt.date:
    return b.plan.phases[-1][0]


def _work_day(b: ClientBuilder, day: dt.date) -> dt.date:
    day = max(day, b.start)
    day = b.clock.work_day_on_or_before(day) if day > b.start else b.clock.work_day_on_or_after(day)
    return min(day, b.clock.work_day_on_or_before(b.clock.last_day))


def _staff(b: ClientBuilder) -> Person:
    staff = [p for p in b.staff if p.role == "staff"] or b.staff or [b.lead]
    return staff[0]


def _hostile(b: ClientBuilder, day: dt.date, kind: str, target: Person) -> Message | None:
    """An abusive message to ``target``: by address in e-mail, by @mention in chat.

    Half of them answer something we sent (abuse rarely starts a thread).
    """
    rng = b.rng
    when = b.client_moment(day, b.plan.mood(day))
    ours = [m for m in b.client.messages if m.direction == "out" and m.sent_at < when]
    slots = {"staff": first_name(target)}
    if ours and rng.random() < 0.5 and (when - ours[-1].sent_at).days < 7:
        previous = ours[-1]
        return b.send(when, "in", kind, reply_to=previous, to=[target], mention=target, slots=slots)
    return b.start_thread(when, "in", kind, "general", slots, to=[target], mention=target)


def _incident(
    b: ClientBuilder, kind: str, reporter: Person, severity: str, day: dt.date, note: str
) -> None:
    b.client.incidents.append(
        Incident(
            kind=kind,  # type: ignore[arg-type]
            reporter=reporter.name,
            severity=severity,  # type: ignore[arg-type]
            occurred_at=b.clock.work_moment(day, b.rng),
            note=note,
        )
    )
