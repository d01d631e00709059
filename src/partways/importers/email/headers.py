"""Reading message headers: RFC 2047 words, raw 8-bit text, addresses, ids and dates.

The standard library's ``compat32`` policy hands header values over as they were
written (with undecodable bytes kept as surrogates). Decoding them here, only where
needed, is several times faster than ``policy=default``, which builds a rich header
object for every field of every message.
"""

from __future__ import annotations

import datetime as dt
import re
from email.errors import HeaderParseError
from email.header import decode_header
from email.utils import getaddresses, parsedate_tz
from zoneinfo import ZoneInfo

from .body import decode_bytes

_SURROGATE = re.compile(r"[\udc80-\udcff]")
_MSGID = re.compile(r"<([^<>\s]+)>")
# Mailing-list archives (pipermail, hyperkitty) hide addresses as "jgb at example.com".
_AT = re.compile(r"^\s*([^\s@<>()\",]+) at ([^\s@<>()\",]+\.[^\s@<>()\",]+)")
_FROM_LINE_DATE = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+"
    r"(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(?P<day>\d{1,2})\s+"
    r"(?P<time>\d{1,2}:\d{2}(?::\d{2})?)\s+(?:(?P<zone>[+-]\d{4}|UTC|GMT)\s+)?(?P<year>\d{4})\s*$"
)
_SIMPLE_ADDRESS = re.compile(r"\s*(?:([^<>@]*?)\s*<([^<>\s]+)>|([^<>\s]+))\s*$")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


def raw_text(value: str) -> str:
    """``value`` with raw 8-bit bytes (kept as surrogates by compat32) read as text.

    Headers should be ASCII, but many mailers write UTF-8 or Windows-1252 straight
    in; UTF-8 is tried first and Windows-1252 (Latin-1 for its five holes) otherwise.
    """
    if not _SURROGATE.search(value):
        return value
    data = value.encode("ascii", "surrogateescape")
    for charset in ("utf-8", "cp1252"):
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def decode(value: object) -> str | None:
    """A header's text with RFC 2047 words (``=?UTF-8?Q?...?=``) decoded; None if absent.

    An encoded word in an unknown charset or with broken encoding is kept as written
    rather than failing the message.
    """
    if value is None:
        return None
    text = raw_text(str(value))
    if "=?" in text:
        text = _decode_words(text)
    # Folded headers keep their line breaks; one line reads better.
    return " ".join(text.split())


def _decode_words(text: str) -> str:
    """RFC 2047 words decoded, each in its charset, else UTF-8, else Windows-1252."""
    try:
        parts = decode_header(text)
    except (ValueError, AssertionError, HeaderParseError):  # a broken base64 word
        return text
    out = []
    for chunk, charset in parts:
        if isinstance(chunk, str):
            out.append(chunk)
        elif charset is None:
            # Text between encoded words comes back escaped this way; a backslash the
            # sender wrote ("C:\users") is no escape, so that text is kept as written.
            try:
                out.append(chunk.decode("raw-unicode-escape"))
            except UnicodeDecodeError:
                out.append(chunk.decode("latin-1"))
        else:
            out.append(decode_bytes(chunk, None if charset == "unknown-8bit" else charset))
    return "".join(out)


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """(display name, lower-case address) for every address in ``values``.

    Entries without an address (a bare group name, an empty field) are left out.
    """
    found = []
    for value in values:
        text = raw_text(value)
        if "@" not in text:
            text = _AT.sub(r"\1@\2", text)
        simple = _simple_addresses(text)
        for name, address in simple if simple is not None else getaddresses([text]):
            address = address.strip().lower()
            if "@" in address:
                found.append((decode(name) or "", address))
    return found


def _simple_addresses(text: str) -> list[tuple[str, str]] | None:
    """``Name <a@b>, c@d`` split without the full RFC 5322 parser (it is slow).

    None when the text has quotes, comments or groups, which need the real parser.
    """
    if any(c in text for c in '"();:\\'):
        return None
    found = []
    for part in text.split(","):
        match = _SIMPLE_ADDRESS.match(part)
        if match is None:
            return None
        found.append((match[1] or "", match[2] or match[3]))
    return found


def message_ids(value: object) -> list[str]:
    """The ids in a Message-ID, In-Reply-To or References header, without brackets."""
    if value is None:
        return []
    text = raw_text(str(value))
    ids = _MSGID.findall(text)
    if not ids:
        # Some mailers drop the brackets; a single word is still an id.
        word = text.strip()
        if word and " " not in word:
            ids = [word]
    return ids


def header_date(value: object) -> dt.datetime | None:
    """A Date header as UTC; None when absent or not a date (the caller falls back).

    A date without a zone (against RFC 5322) is read as UTC, as ``-0000`` says.
    """
    if value is None:
        return None
    parsed = parsedate_tz(raw_text(str(value)))
    if parsed is None:
        return None
    try:
        local = dt.datetime(*parsed[:6])
    except (ValueError, TypeError, OverflowError):
        return None
    offset = parsed[9] or 0
    return (local - dt.timedelta(seconds=offset)).replace(tzinfo=dt.UTC)


def from_line_date(line: str, zone: str) -> dt.datetime | None:
    """The date at the end of an mbox ``From `` line, as UTC; None when it has none.

    ``From a@b Wed Sep 22 05:05:28 2004`` (asctime, read in ``zone``) and Google
    Takeout's ``From 1234@xxx Mon Jan 01 00:00:00 +0000 2024`` are both read.
    """
    match = _FROM_LINE_DATE.search(line)
    if not match:
        return None
    parts = [int(p) for p in match["time"].split(":")]
    try:
        local = dt.datetime(
            int(match["year"]),
            _MONTHS[match["month"]],
            int(match["day"]),
            parts[0],
            parts[1],
            parts[2] if len(parts) > 2 else 0,
        )
    except ValueError:
        return None
    zone_text = match["zone"]
    if zone_text and zone_text[0] in "+-":
        sign = -1 if zone_text[0] == "-" else 1
        offset = dt.timedelta(hours=int(zone_text[1:3]), minutes=int(zone_text[3:5]))
        return (local - sign * offset).replace(tzinfo=dt.UTC)
    if zone_text:
        return local.replace(tzinfo=dt.UTC)
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(dt.UTC)
