"""E-mail as a Dovecot-style maildir or an mbox file.

Every message is RFC 5322 with a Message-ID, In-Reply-To and References for replies,
From/To/Cc, a Date in the sender's own zone and a UTF-8 body. A reply quotes the
message it answers under an attribution line in the replier's language, as mail
clients do, so partways has to strip the quote to read what was written.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

from ..model import Agency, Client, Message, Person
from .common import WriterError, as_utc, digest, sender_zone

POLICY = email.policy.default.clone(linesep="\n")
# How many earlier messages a reply carries, each quoted inside the next.
QUOTE_DEPTH = 4


def _attribution(language: str, when: dt.datetime, author: Person) -> str:
    stamp = when.strftime("%Y-%m-%d %H:%M")
    who = f"{author.name} <{author.email}>"
    if language == "id":
        return f"Pada {stamp}, {who} menulis:"
    if language == "hr":
        return f"{stamp}, {who} je napisao/la:"
    if language == "ar":
        return f"في {stamp}، كتب {who}:"
    return f"On {stamp}, {who} wrote:"


@dataclass
class Thread:
    """Ids and subjects of every e-mail of an agency, so replies can refer to them."""

    ids: dict[int, str]
    clients: dict[int, Client]

    @classmethod
    def of(cls, agency: Agency) -> Thread:
        ids: dict[int, str] = {}
        clients: dict[int, Client] = {}
        for client in agency.clients:
            for n, m in enumerate(client.messages):
                if m.channel != "email":
                    continue
                domain = m.author.email.rpartition("@")[2] or agency.own_domain
                stamp = as_utc(m.sent_at).strftime("%Y%m%d%H%M%S")
                ids[id(m)] = f"{stamp}.{digest(agency.slug, client.name, n)}@{domain}"
                clients[id(m)] = client
        return cls(ids, clients)

    def message_id(self, m: Message) -> str:
        try:
            return self.ids[id(m)]
        except KeyError:
            raise WriterError(
                f"a reply answers a message that is not an e-mail of this agency: {m.subject!r}"
            ) from None

    def ancestors(self, m: Message) -> list[Message]:
        """The messages ``m`` answers, oldest first."""
        chain: list[Message] = []
        seen: set[int] = set()
        parent = m.reply_to
        while parent is not None and id(parent) not in seen:
            seen.add(id(parent))
            chain.append(parent)
            parent = parent.reply_to
        return chain[::-1]

    def subject(self, m: Message) -> str:
        if m.subject:
            return m.subject
        chain = self.ancestors(m)
        root = next((a.subject for a in chain if a.subject), "")
        if not root:
            return "(no subject)"
        return root if root.lower().startswith(("re:", "odg:", "balas:")) else f"Re: {root}"


def body(agency: Agency, thread: Thread, m: Message, depth: int = 0) -> str:
    """The text as written and, for a reply, the quoted message it answers."""
    text = m.text.rstrip() + "\n"
    parent = m.reply_to
    if parent is None or depth >= QUOTE_DEPTH:
        return text
    client = thread.clients.get(id(m))
    language = agency.language if m.direction == "out" or client is None else client.language
    parent_client = thread.clients.get(id(parent), client)
    zone = sender_zone(agency, parent_client, parent) if parent_client else dt.UTC
    quoted = body(agency, thread, parent, depth + 1).rstrip("\n").split("\n")
    said = _attribution(language, as_utc(parent.sent_at).astimezone(zone), parent.author)
    return f"{text}\n{said}\n" + "\n".join(("> " + ln) if ln else ">" for ln in quoted) + "\n"


def _address(p: Person) -> str:
    return email.utils.formataddr((p.name, p.email))


def build(agency: Agency, client: Client, thread: Thread, m: Message) -> EmailMessage:
    """One message as its sender's mail client would send it."""
    if not m.to:
        raise WriterError(f"{client.name}: an e-mail without recipients: {m.subject!r}")
    msg = EmailMessage(policy=POLICY)
    msg["From"] = _address(m.author)
    msg["To"] = ", ".join(_address(p) for p in m.to)
    if m.cc:
        msg["Cc"] = ", ".join(_address(p) for p in m.cc)
    msg["Subject"] = thread.subject(m)
    msg["Date"] = email.utils.format_datetime(
        as_utc(m.sent_at).astimezone(sender_zone(agency, client, m))
    )
    msg["Message-ID"] = f"<{thread.message_id(m)}>"
    chain = thread.ancestors(m)
    if chain:
        msg["In-Reply-To"] = f"<{thread.message_id(chain[-1])}>"
        msg["References"] = " ".join(f"<{thread.message_id(a)}>" for a in chain)
    msg["MIME-Version"] = "1.0"
    text = body(agency, thread, m)
    msg.set_content(text, charset="utf-8", cte="8bit" if not text.isascii() else "7bit")
    return msg


def _emails(agency: Agency) -> list[tuple[Client, Message]]:
    found = [(c, m) for c in agency.clients for m in c.messages if m.channel == "email"]
    return sorted(found, key=lambda cm: as_utc(cm[1].sent_at))


def write_maildir(agency: Agency, folder: Path) -> Path:
    """The owner's mailbox as Dovecot keeps it: the inbox in ``cur``/``new``, what the
    team sent in ``.Sent``; messages of the last two days are still unread (``new``)."""
    root = folder / "Maildir"
    sent = root / ".Sent"
    for box in (root, sent):
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True, exist_ok=True)
    thread = Thread.of(agency)
    fresh = dt.datetime.combine(agency.as_of - dt.timedelta(days=2), dt.time(), dt.UTC)
    for n, (client, m) in enumerate(_emails(agency), 1):
        data = build(agency, client, thread, m).as_bytes()
        when = as_utc(m.sent_at)
        stem = f"{int(when.timestamp())}.M{when.microsecond}P{n}.mail"
        if m.direction == "out":
            path = sent / "cur" / f"{stem},S={len(data)}:2,S"
        elif when >= fresh:
            path = root / "new" / f"{stem},S={len(data)}"
        else:
            path = root / "cur" / f"{stem},S={len(data)}:2,S"
        path.write_bytes(data)
    return root


def write_mbox(agency: Agency, folder: Path) -> Path:
    """One mbox file (mboxrd) with every message, in the order they were sent."""
    path = folder / "mail.mbox"
    thread = Thread.of(agency)
    with path.open("wb") as fh:
        for client, m in _emails(agency):
            data = build(agency, client, thread, m).as_bytes()
            when = as_utc(m.sent_at).strftime("%a %b %d %H:%M:%S %Y")
            fh.write(f"From {m.author.email} {when}\n".encode())
            for line in data.split(b"\n"):
                # mboxrd: a body line that starts with "From " (after any ">") gains one ">".
                if line.lstrip(b">").startswith(b"From "):
                    line = b">" + line
                fh.write(line + b"\n")
    return path
