"""An e-mail message (RFC 5322, MIME): the letter ready to open in a mail client and send."""

from __future__ import annotations

import datetime as dt
import re
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from ..compose import without_isolates
from ..model import Letter
from .html import to_html
from .text import body_text, to_text

# CRLF line ends, and bodies in quoted-printable or base64 so that the file passes
# unchanged through any transport or mail store, 8-bit clean or not.
_POLICY = SMTP.clone(cte_type="7bit")
# Line breaks and other controls would end a header early and start another one.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def _one_line(value: str) -> str:
    return " ".join(_CONTROLS.sub(" ", value).split())


def _address(name: str, addr: str) -> Address:
    local, at, domain = _one_line(addr).rpartition("@")
    if at and not domain.isascii():
        # An internationalised domain goes into the header in its ASCII (IDNA) form.
        domain = domain.encode("idna").decode("ascii")
    return Address(display_name=_one_line(name), addr_spec=f"{local}{at}{domain}")


def to_eml(
    letter: Letter,
    *,
    sender: tuple[str, str],
    to: tuple[str, str] | None,
    date: dt.datetime,
    domain: str,
) -> bytes:
    """The letter as an ``.eml`` message (CRLF line ends), ``multipart/alternative`` with a
    UTF-8 plain-text part and an HTML part.

    ``sender`` and ``to`` are ``(display name, address)``; ``to=None`` writes a draft
    without a To header, and a sender without an address writes no From header (the
    mail client fills it in). ``date`` is written as is (a naive one as of unknown zone),
    ``domain`` ends the Message-ID. Raises :class:`ValueError` for an address that
    can't be written into a header (``a@b@c``, a non-ASCII local part).
    """
    msg = EmailMessage(policy=_POLICY)
    try:
        if sender[1]:
            msg["From"] = _address(*sender)
        if to is not None:
            msg["To"] = _address(*to)
    except (ValueError, HeaderParseError) as exc:
        raise ValueError(f"can't write the address into the e-mail: {exc}") from None
    # A header has no direction of its own: the isolates an Arabic letter puts around
    # values would only split it into encoded words and lose the spaces beside them.
    msg["Subject"] = _one_line(without_isolates(letter.subject))
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = make_msgid(domain=_one_line(domain))
    # Outlook opens a message marked unsent as a draft to edit and send, not as mail received.
    msg["X-Unsent"] = "1"
    # A formal letter goes out whole (letterhead, addresses, date and subject line): the
    # e-mail is the notice, and must read as one when printed or forwarded.
    msg.set_content(to_text(letter) if letter.framed else body_text(letter), charset="utf-8")
    msg.add_alternative(to_html(letter), subtype="html", charset="utf-8")
    # After the content: setting it clears every Content-* header. MIME-Version is set by it.
    msg["Content-Language"] = letter.lang
    # Written with headers folded only past RFC 5322's hard limit of 998 characters:
    # Python's folder can break a header between two encoded words at a space, and
    # decoders drop such a space ("الاتفاقية «Services…" came back as "الاتفاقية«Services…").
    # The bodies were encoded above, at the usual line length.
    return msg.as_bytes(policy=_POLICY.clone(max_line_length=998))
