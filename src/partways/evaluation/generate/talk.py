"""The week-to-week conversation with a client: our reports and questions, their
requests and answers, and the ordinary noise of a working relationship."""

from __future__ import annotations

import datetime as dt

from partways.evaluation.generate.builder import ClientBuilder, poisson, weighted
from partways.evaluation.generate.plans import Mood
from partways.evaluation.model import Message

# Mean threads a week for a client of size 1.
_STATUS, _QUESTION, _APPROVAL, _CLIENT = 0.55, 0.5, 0.2, 0.95


def build_talk(b: ClientBuilder) -> None:
    clock, rng, plan = b.clock, b.rng, b.plan
    monday = b.start - dt.timedelta(days=b.start.weekday())
    while monday <= clock.last_day:
        days = [
            d for d in clock.work_days_between(max(monday, b.start), monday + dt.timedelta(days=6))
        ]
        monday += dt.timedelta(days=7)
        if not days:
            continue
        mood = plan.mood(days[len(days) // 2])
        if not mood.active:
            continue
        volume = plan.size * mood.volume
        for _ in range(poisson(rng, _STATUS * volume * mood.status)):
            status(b, days[-1] if rng.random() < 0.6 else rng.choice(days), mood)
        for _ in range(poisson(rng, _QUESTION * volume * mood.ours)):
            ask(b, rng.choice(days), mood, "question", "question")
        for _ in range(poisson(rng, _APPROVAL * volume * mood.ours)):
            ask(b, rng.choice(days), mood, "approval", "approval")
        for _ in range(poisson(rng, _CLIENT * volume * mood.client_volume)):
            client_starts(b, rng.choice(days), mood, weighted(rng, mood.kinds))


def status(b: ClientBuilder, day: dt.date, mood: Mood) -> None:
    when = b.clock.work_moment(day, b.rng)
    item = b.rng.choice(b.items)
    slots = {
        "item": item,
        "date": b.date_text(day + dt.timedelta(days=9)),
        "month": b.month_text(day - dt.timedelta(days=28)),
    }
    sent = b.start_thread(when, "out", "status", "status", slots)
    if b.rng.random() < 0.15 * mood.client_volume * (1 - mood.answer_neg_p):
        b.reply(sent, "thanks", mood=mood)


def ask(b: ClientBuilder, day: dt.date, mood: Mood, kind: str, subject: str) -> Message | None:
    """Our question or request for approval, and what becomes of it."""
    rng = b.rng
    when = b.clock.work_moment(day, rng)
    slots = {
        "item": rng.choice(b.items),
        "date": b.date_text(day + dt.timedelta(days=rng.randint(5, 14))),
    }
    sent = b.start_thread(when, "out", kind, subject, slots)
    if sent is None:
        return None
    mode = b.reply_mode(mood)
    if kind == "approval":
        answer_kind = "answer_yes" if rng.random() < 0.8 else "revision_concrete"
    else:
        answer_kind = "answer_info" if rng.random() < 0.75 else "answer_yes"
    if mood.answer_neg and rng.random() < mood.answer_neg_p:
        answer_kind = rng.choice(mood.answer_neg)
    nudge = b.nudge(sent) if mode in ("late", "missing") and rng.random() < 0.55 else None
    answer = b.reply(sent, answer_kind, mood=mood, mode=mode, slots=slots)
    if nudge is not None and answer is not None and nudge.sent_at >= answer.sent_at:
        b.client.messages.remove(nudge)
    if answer is not None:
        noted = 0.8 if mood.client_volume < 0.3 else 0.35
        if answer_kind in ("answer_info", "answer_yes") and rng.random() < noted:
            b.reply(answer, "noted")
    return sent


def client_starts(b: ClientBuilder, day: dt.date, mood: Mood, kind: str) -> Message | None:
    """A message the client starts, and our answer to it."""
    rng = b.rng
    when = b.client_moment(day, mood)
    later = day + dt.timedelta(days=rng.randint(3, 10))
    slots: dict[str, object] = {"item": rng.choice(b.items), "date": b.date_text(later)}
    if kind == "invoice_question":
        if not b.client.invoices:
            kind = "client_question"
        else:
            recent = [i for i in b.client.invoices if i.issued_on < day] or b.client.invoices[:1]
            slots["invoice"] = recent[-1].number
            slots["month"] = b.month_text(recent[-1].issued_on)
    if kind in ("short_negative", "vague"):
        # Terse or vague words answer something: the last thing we sent them.
        ours = [m for m in b.client.messages if m.direction == "out" and m.sent_at < when]
        if ours and (when - ours[-1].sent_at).days < 10:
            return b.reply(ours[-1], kind, mood=mood)
        kind = "request"
    subject = {
        "urgent_polite": "urgent",
        "request": "request",
        "big_request": "request",
        "scope_creep": "request",
        "pressure": "request",
        "client_question": "question",
        "invoice_question": "invoice",
    }.get(kind, "general")
    if subject == "invoice":
        slots.setdefault("invoice", "")
    message = b.start_thread(when, "in", kind, subject, slots)
    if message is None:
        return None
    if mood.ping and not b.clock.is_work_time(when) and rng.random() < mood.ping:
        b.send(
            when + dt.timedelta(minutes=rng.randint(20, 90)),
            "in",
            "ping",
            reply_to=message,
            author=message.author,
            to=message.to,
        )
    respond(b, message, kind, mood, slots)
    return message


def respond(
    b: ClientBuilder, message: Message, kind: str, mood: Mood, slots: dict[str, object]
) -> None:
    rng = b.rng
    if kind in ("request", "big_request"):
        ack = b.reply(message, "request_ack", slots=slots)
        if rng.random() < 0.3 * max(mood.client_volume, 0.5) * (1 - mood.answer_neg_p):
            b.reply(ack, "thanks", mood=mood)
    elif kind == "client_question":
        answer = b.reply(message, "answer", slots=slots)
        if rng.random() < 0.2 * (1 - mood.answer_neg_p):
            b.reply(answer, "thanks", mood=mood)
    elif kind == "small_talk":
        if rng.random() < 0.5:
            b.reply(message, "small_talk")
    elif kind == "invoice_question":
        b.reply(message, "invoice_answer", slots=slots)
    elif kind == "urgent_polite":
        fixed = b.reply(message, "fix_done", urgent=True)
        if rng.random() < 0.85:
            b.reply(fixed, "thanks_fix", mood=mood)
    elif kind == "complaint":
        sorry = b.reply(message, "apology", slots=slots)
        if rng.random() < 0.6:
            b.reply(sorry, "thanks", mood=mood)
    elif kind in ("gloom", "belittle"):
        if rng.random() < 0.45:
            b.reply(message, "reassure")
    elif kind == "pressure":
        b.reply(message, "request_ack" if rng.random() < 0.6 else "apology", slots=slots)
    elif kind == "scope_creep":
        b.reply(message, "scope_reply", slots=slots)
    elif kind == "angry":
        b.reply(message, "apology", slots=slots)
