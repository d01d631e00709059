"""One client under construction: who talks to whom, in which words, and when.

The builder holds what every part of a client's history needs (its agency, clock,
phrase bank, plan and random source) and the small acts everything is made of:
writing a message from a phrase, answering one, drawing a reply time.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from partways.evaluation.generate import vocab
from partways.evaluation.generate.clock import Clock
from partways.evaluation.generate.phrases import Bank
from partways.evaluation.generate.plans import Mood, Plan
from partways.evaluation.model import Agency, Client, Message, Person

_SLOT = re.compile(r"\{([a-z]+)\}")
Slots = Mapping[str, object]


@dataclass
class AgencyContext:
    agency: Agency
    clock: Clock
    bank: Bank
    rng: random.Random
    # Team members by the languages they write, for agencies that match people to clients.
    speaks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    threads: int = 0

    @property
    def slack(self) -> bool:
        return self.agency.formats.get("chat") == "slack"

    def thread_key(self, slug: str) -> str:
        self.threads += 1
        return f"{self.agency.slug}-{slug}-{self.threads:05d}"


def first_name(person: Person) -> str:
    return person.name.split(" ")[0]


def strip_diacritics(text: str) -> str:
    """Croatian as typed on a phone without the keyboard: č -> c, đ -> d, ..."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth), enough for the small means used here."""
    if mean <= 0:
        return 0
    limit = pow(2.718281828459045, -mean)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    total = sum(w for _, w in options)
    pick = rng.random() * total
    for value, weight in options:
        pick -= weight
        if pick <= 0:
            return value
    return options[-1][0]


class ClientBuilder:
    def __init__(
        self,
        ctx: AgencyContext,
        client: Client,
        plan: Plan,
        lead: Person,
        staff: list[Person],
        start: dt.date,
        plain_typing: bool = False,
    ) -> None:
        self.ctx = ctx
        self.agency = ctx.agency
        self.clock = ctx.clock
        self.rng = ctx.rng
        self.client = client
        self.plan = plan
        self.lead = lead
        self.staff = staff
        self.team = [lead, *staff]
        self.start = start
        self.slug = vocab.ascii_name(client.name)[:12]
        self.plain_typing = plain_typing  # hr: writes without diacritics
        self._last: dict[str, int] = {}
        self.items = vocab.ITEMS[client.language]
        self.owner_items = vocab.ITEMS[self.agency.language]

    # --- words ------------------------------------------------------------------------
    def phrase(self, kind: str, slots: Slots | None = None, language: str | None = None) -> str:
        """A template of ``kind`` with its slots filled, never the one used just before."""
        language = language or self.client.language
        templates = self.ctx.bank[language][kind]
        key = f"{language}:{kind}"
        index = self.rng.randrange(len(templates))
        if len(templates) > 1 and index == self._last.get(key):
            index = (index + 1 + self.rng.randrange(len(templates) - 1)) % len(templates)
        self._last[key] = index
        return self.fill(templates[index], slots or {})

    def record_text(self, kind: str, **slots: object) -> str:
        """A sentence for the agency's own records, in the owner's language."""
        return self.phrase(kind, slots, self.agency.language)

    def fill(self, template: str, slots: Slots) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in slots:
                return str(slots[name])
            if name == "item":
                return self.rng.choice(self.items)
            if name == "idea":
                return self.rng.choice(vocab.IDEAS[self.client.language])
            if name == "client":
                return self.client.name
            raise KeyError(f"slot {name} not given")

        return _SLOT.sub(one, template)

    def date_text(self, day: dt.date) -> str:
        return vocab.date_text(day, self.client.language)

    def month_text(self, day: dt.date) -> str:
        return vocab.month_text(day, self.client.language)

    def amount_text(self, amount: Decimal) -> str:
        return vocab.amount_text(amount, self.client.currency, self.client.language)

    # --- people -----------------------------------------------------------------------
    def contact(self) -> Person:
        contacts = self.client.contacts
        if len(contacts) == 1 or self.rng.random() < 0.7:
            return contacts[0]
        return self.rng.choice(contacts[1:])

    def billing_contact(self) -> Person:
        return self.client.contacts[-1]

    def our_author(self, kind: str) -> Person:
        if kind in ("delivery", "fix_done", "status") and self.staff and self.rng.random() < 0.45:
            return self.rng.choice(self.staff)
        return self.lead

    def channel(self) -> str:
        if self.ctx.slack and self.client.contract.main_channel == "chat":
            return "chat" if self.rng.random() < 0.8 else "email"
        return "email"

    # --- messages ---------------------------------------------------------------------
    def send(
        self,
        when: dt.datetime,
        direction: str,
        kind: str,
        *,
        author: Person | None = None,
        to: list[Person] | None = None,
        channel: str | None = None,
        subject: str = "",
        reply_to: Message | None = None,
        body: str | None = None,
        mention: Person | None = None,
        cc: list[Person] | None = None,
        frame: bool = True,
        slots: Slots | None = None,
    ) -> Message | None:
        """Write one message; None when it would fall outside the client's history."""
        if when >= self.clock.cutoff or self.clock.local_day(when) < self.start:
            return None
        if reply_to is not None:
            channel = reply_to.channel
        channel = channel or self.channel()
        if author is None:
            author = self.contact() if direction == "in" else self.our_author(kind)
        if to is None:
            if reply_to is not None:
                to = [reply_to.author]
            elif direction == "in":
                to = [self.lead]
            else:
                to = [self.contact()]
        day = self.clock.local_day(when)
        filled: dict[str, object] = {
            "name": first_name(to[0]),
            "month": self.month_text(day),
            "date": self.date_text(day + dt.timedelta(days=self.rng.randint(4, 10))),
        }
        filled.update(slots or {})
        text = body if body is not None else self.phrase(kind, filled)
        if channel == "email" and frame and kind not in ("ping",):
            greet = self.phrase("greet", {"name": first_name(to[0])})
            sign = self.phrase("sign", {"me": first_name(author)})
            short = kind in ("noted", "short_negative", "thanks", "curt", "thanks_fix")
            if short and self.rng.random() < 0.5:
                text = f"{text}\n\n{sign}"
            else:
                text = f"{greet}\n\n{text}\n\n{sign}"
        if direction == "in" and self.plain_typing:
            text = strip_diacritics(text)
        mentions: list[Person] = []
        if channel == "chat" and mention is not None:
            text = f"@{mention.name} {text}"
            mentions = [mention]
        if reply_to is not None:
            thread = reply_to.thread
            if channel == "email":
                base = reply_to.subject
                subject = base if base.startswith("Re: ") else f"Re: {base}"
        else:
            thread = self.ctx.thread_key(self.slug)
        if channel == "chat":
            subject = ""
            cc = None
        message = Message(
            sent_at=when,
            direction="in" if direction == "in" else "out",
            author=author,
            to=list(to),
            text=text,
            channel="chat" if channel == "chat" else "email",
            subject=subject,
            thread=thread,
            reply_to=reply_to,
            mentions=mentions,
            kind=kind,
            cc=list(cc or []),
        )
        self.client.messages.append(message)
        return message

    def subject(self, kind: str, slots: Slots | None = None) -> str:
        return self.phrase(f"subj_{kind}", slots)

    def start_thread(
        self,
        when: dt.datetime,
        direction: str,
        kind: str,
        subject_kind: str,
        slots: Slots | None = None,
        *,
        to: list[Person] | None = None,
        mention: Person | None = None,
        cc: list[Person] | None = None,
        body: str | None = None,
    ) -> Message | None:
        """A new thread: an e-mail gets a subject; a client's e-mail may Cc the owner, and
        a client's chat message may @mention the person it is meant for."""
        subject = self.subject(subject_kind, slots)
        owner_copied = direction == "in" and self.lead.role != "owner"
        if owner_copied and cc is None and self.rng.random() < 0.25:
            cc = [self.agency.owner]
        if direction == "in" and mention is None and self.rng.random() < 0.3:
            mention = to[0] if to else self.lead
        return self.send(
            when,
            direction,
            kind,
            subject=subject,
            to=to,
            mention=mention,
            cc=cc,
            body=body,
            slots=slots,
        )

    # --- timing -----------------------------------------------------------------------
    def client_moment(self, day: dt.date, mood: Mood) -> dt.datetime:
        """When the client writes on its own initiative around ``day``."""
        if self.rng.random() < mood.off_hours:
            if self.rng.random() < 0.4:
                # A weekend day of that week.
                weekend = [
                    day + dt.timedelta(days=d)
                    for d in range(-6, 7)
                    if not self.clock.is_work_day(day + dt.timedelta(days=d))
                ]
                if weekend:
                    return self.clock.weekend_moment(self.rng.choice(weekend), self.rng)
            return self.clock.evening_moment(day, self.rng)
        return self.clock.work_moment(day, self.rng)

    def window_hours(self) -> float:
        return float(self.client.contract.reply_window_hours or 48)

    def client_reply_time(self, after: dt.datetime, mood: Mood, mode: str) -> dt.datetime | None:
        """When the client answers us: within the agreed window, or late."""
        window = self.window_hours()
        rng = self.rng
        if mode == "late":
            lo = after + dt.timedelta(hours=window * 1.4)
            hi = after + dt.timedelta(hours=window * rng.uniform(2.2, 5.0))
            return self.clock.work_moment_between(lo, hi, rng) or hi
        cap = rng.choices((2.0, 6.0, 20.0, window * 0.85), (0.3, 0.3, 0.25, 0.15))[0]
        cap = min(cap, window * 0.85)
        lo = after + dt.timedelta(minutes=rng.randint(6, 25))
        hi = after + dt.timedelta(hours=cap)
        if rng.random() < mood.off_hours:
            found = self.clock.off_moment_between(lo, after + dt.timedelta(hours=window * 0.8), rng)
            if found is not None:
                return found
        found = self.clock.work_moment_between(lo, hi, rng)
        if found is None:
            found = self.clock.work_moment_between(
                lo, after + dt.timedelta(hours=window * 0.9), rng
            )
        if found is None:
            # Closed all window long (a Friday evening and a 24 h window): they answer
            # in the evening anyway, as people do.
            span = max(1, int(window * 0.6 * 60))
            found = lo + dt.timedelta(minutes=rng.randrange(span))
        return found

    def our_reply_time(self, after: dt.datetime, *, urgent: bool = False) -> dt.datetime:
        within = self.rng.uniform(0.3, 1.5) if urgent else self.rng.uniform(0.5, 6.0)
        return self.clock.next_work_moment(after, self.rng, within_h=within)

    def reply(
        self,
        message: Message | None,
        kind: str,
        *,
        mood: Mood | None = None,
        mode: str = "prompt",
        urgent: bool = False,
        slots: Slots | None = None,
    ) -> Message | None:
        """Answer ``message`` (ours if it came in, the client's if we sent it)."""
        if message is None or mode == "missing":
            return None
        if message.direction == "in":
            when = self.our_reply_time(message.sent_at, urgent=urgent)
            author = self.lead if message.to and message.to[0] not in self.team else message.to[0]
            if author.role is None:
                author = self.lead
            return self.send(when, "out", kind, author=author, reply_to=message, slots=slots)
        mood = mood or self.plan.mood(self.clock.local_day(message.sent_at))
        when_c = self.client_reply_time(message.sent_at, mood, mode)
        if when_c is None:
            return None
        author = message.to[0] if message.to and message.to[0].role is None else self.contact()
        return self.send(when_c, "in", kind, author=author, reply_to=message, slots=slots)

    def nudge(self, sent: Message) -> Message | None:
        """Our follow-up when a question has waited past the agreed window."""
        after = sent.sent_at + dt.timedelta(hours=self.window_hours() + self.rng.uniform(4, 30))
        when = self.clock.next_work_moment(after, self.rng, within_h=8)
        return self.send(when, "out", "nudge", reply_to=sent, author=sent.author, to=sent.to)

    def reply_mode(self, mood: Mood) -> str:
        return weighted(
            self.rng,
            (("prompt", mood.reply[0]), ("late", mood.reply[1]), ("missing", mood.reply[2])),
        )
