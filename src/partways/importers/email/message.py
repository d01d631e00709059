"""One raw e-mail message (bytes) as a ``messages`` record.

:func:`parse_message` is what every e-mail importer calls (mbox, maildir, .eml
files, and the IMAP importer): it takes the message's bytes as stored and returns a
dict with the ``messages`` columns, or None when the bytes hold no message at all.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from typing import Any

from partways.core.limits import limit
from partways.core.phrase import Phrase, say

from .body import body_text, decode_bytes
from .headers import addresses, decode, header_date, message_ids
from .reply import strip_reply

# compat32 keeps headers as written and parses several times faster than the
# default policy (see headers.py); one parser serves every message.
_PARSER = BytesParser(policy=compat32)
_UNFOLD = re.compile(r"\n[ \t]+")
_HEADER_LINE = re.compile(r"([!-9;-~]+):[ \t]*(.*)")
_CHARSET = re.compile(r"charset\s*=\s*\"?([^\";\s]+)")


class UnreadableMessage(ValueError):
    """A message partways will not read (its MIME parts nest too deep); ``phrase``
    says why, and the exception's text is its English."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.english())
        self.phrase = phrase


def parse_bytes(raw: bytes) -> Message:
    """The standard library's message object for ``raw``.

    Raises :class:`UnreadableMessage` for MIME parts nested deeper than
    ``structure.max_depth``: the standard library parses (and walks) them
    recursively, and a few hundred levels end in a ``RecursionError``.
    """
    most = limit("structure.max_depth")
    # Fewer multipart and attached-message headers than the limit cannot nest deeper.
    lowered = raw.lower()
    if lowered.count(b"multipart/") + lowered.count(b"message/") <= most:
        return _PARSER.parsebytes(raw)
    try:
        msg = _PARSER.parsebytes(raw)
    except RecursionError:
        found = None
    else:
        found = _depth(msg)
    if found is None or found > most:
        raise UnreadableMessage(
            say(
                "import.mail_too_deep",
                "the message nests MIME parts more than {most} levels deep "
                "(structure.max_depth); expected a mail program's message",
                most=most,
            )
        )
    return msg


def _depth(msg: Message) -> int:
    """How deeply ``msg``'s parts nest, found without recursion."""
    deepest = 0
    stack = [(msg, 1)]
    while stack:
        part, level = stack.pop()
        deepest = max(deepest, level)
        payload = part.get_payload() if part.is_multipart() else None
        if isinstance(payload, list):
            stack.extend((child, level + 1) for child in payload if isinstance(child, Message))
    return deepest


def parse_message(raw: bytes) -> dict[str, Any] | None:
    """The ``messages`` record of one raw message; None when ``raw`` is no message.

    Keys are the ``messages`` columns: ``message_id`` (Message-ID without brackets,
    None when absent), ``channel`` ("email"), ``sent_at`` (UTC datetime from the Date
    header, None when it is missing or garbled: the caller falls back or reports),
    ``author``, ``author_address`` (lower-case), ``recipients`` (To and Cc, lower-case),
    ``subject`` (RFC 2047 decoded), ``body`` (the text/plain text, or the HTML as text),
    ``text`` (body without quotes, pasted old mail and signature; see reply.py),
    ``thread_key`` (first References id, else In-Reply-To, else the own id) and
    ``in_reply_to`` (In-Reply-To, else the last References id); plus ``date_header``,
    the Date header as written (None when absent), for error messages.

    Raises :class:`UnreadableMessage` for MIME parts nested past ``structure.max_depth``.
    """
    if not raw.strip():
        return None
    simple = _simple_parts(raw)
    if simple is not None:
        headers, body = simple
        return _record(headers, body)
    return message_record(parse_bytes(raw))


def _simple_parts(raw: bytes) -> tuple[dict[str, list[str]], str] | None:
    """Headers and text of a single-part plain-text message without transfer encoding.

    Most mail in a business mailbox is just that, and splitting it here is about
    six times faster than the feed parser; anything else (MIME parts, base64,
    quoted-printable, HTML, odd header lines) returns None and goes to the standard
    library parser.
    """
    end = raw.find(b"\n\n")
    crlf = raw.find(b"\r\n\r\n")
    if crlf >= 0 and (end < 0 or crlf < end):
        return None  # CRLF mail: left to the standard parser, which handles it
    if end < 0 or raw.startswith((b" ", b"\t")):
        return None
    head = raw[:end].decode("ascii", "surrogateescape")
    headers: dict[str, list[str]] = {}
    for line in _UNFOLD.sub(" ", head).split("\n"):
        match = _HEADER_LINE.match(line)
        if match is None:
            return None
        headers.setdefault(match[1].lower(), []).append(match[2])
    content_type = (headers.get("content-type") or ["text/plain"])[0].strip().lower()
    encoding = (headers.get("content-transfer-encoding") or ["7bit"])[0].strip().lower()
    if not content_type.startswith("text/plain") or encoding not in ("7bit", "8bit", ""):
        return None
    charset = _CHARSET.search(content_type)
    body = decode_bytes(raw[end + 2 :], charset[1] if charset else None)
    return headers, body


def message_record(msg: Message) -> dict[str, Any] | None:
    """:func:`parse_message` for an already parsed message."""
    if not msg.keys() and not msg.get_payload():
        return None
    headers: dict[str, list[str]] = {}
    # raw_items() gives the values as written; get() would wrap any with 8-bit
    # bytes in a Header object that turns those bytes into replacement characters.
    for name, value in msg.raw_items():
        headers.setdefault(name.lower(), []).append(str(value))
    return _record(headers, body_text(msg))


def _record(headers: dict[str, list[str]], body: str) -> dict[str, Any]:
    """The ``messages`` record from header values (as written) and the body text."""
    own = message_ids(_first(headers, "message-id"))
    own_id = own[0] if own else None
    replying = message_ids(_first(headers, "in-reply-to"))
    references = message_ids(_first(headers, "references"))
    in_reply_to = replying[0] if replying else (references[-1] if references else None)
    thread_key = references[0] if references else in_reply_to or own_id
    author_name, author_address = None, None
    from_value = headers.get("from") or headers.get("sender") or []
    authors = addresses(from_value)
    if authors:
        author_name, author_address = authors[0]
    elif from_value:
        author_name = decode(from_value[0])
    recipients: list[str] = []
    for _name, address in addresses(headers.get("to", []) + headers.get("cc", [])):
        if address not in recipients:
            recipients.append(address)
    date_text = _first(headers, "date")
    sent_at: dt.datetime | None = header_date(date_text)
    return {
        "message_id": own_id,
        "channel": "email",
        "sent_at": sent_at,
        "author": author_name or None,
        "author_address": author_address,
        "recipients": recipients,
        "subject": decode(_first(headers, "subject")),
        "text": strip_reply(body),
        "body": body,
        "thread_key": thread_key,
        "in_reply_to": in_reply_to,
        "date_header": decode(date_text),
    }


def _first(headers: dict[str, list[str]], name: str) -> str | None:
    values = headers.get(name)
    return values[0] if values else None
