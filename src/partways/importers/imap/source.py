"""Where an IMAP import reads from (the account URL) and where it stopped (the cursor).

The URL is ``imaps://user@host[:port]/FOLDER`` (implicit TLS, port 993) or
``imap://user@host[:port]/FOLDER`` (port 143, upgraded with STARTTLS; a server on
this machine may also be reached without TLS, as local bridges such as
Proton Mail Bridge or DavMail serve it). The password never appears in the URL.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from partways.core.phrase import say

from ..base import ImportFailed

PASSWORD_ENV = "PARTWAYS_IMAP_PASSWORD"
DEFAULT_PORTS = {"imap": 143, "imaps": 993}


@dataclass(frozen=True)
class Account:
    """One IMAP folder of one account."""

    scheme: str
    user: str
    host: str
    port: int
    folder: str

    @property
    def tls(self) -> bool:
        return self.scheme == "imaps"

    @property
    def local(self) -> bool:
        """Is the server on this machine (where a connection without TLS is acceptable)?"""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def __str__(self) -> str:
        return f"{self.scheme}://{self.user}@{self.host}:{self.port}/{self.folder}"


def parse_url(url: str) -> Account:
    """The account ``url`` names; raises :class:`ImportFailed` saying what is wrong with it."""
    try:
        parts = urlsplit(url.strip())
        # hostname and username parse lazily and may raise too ("[::1" unclosed).
        hostname, username = parts.hostname, parts.username
    except ValueError as exc:
        raise ImportFailed(
            say(
                "import.imap_url_unreadable",
                "not a readable URL ({problem}); expected imaps://user@host[:port]/FOLDER, "
                "an IPv6 address in brackets ([::1]).",
                problem=str(exc),
            ),
            url,
        ) from exc
    if parts.scheme not in DEFAULT_PORTS:
        raise ImportFailed(
            say("import.imap_not_imap", "not an IMAP URL; expected imaps://user@host/FOLDER."),
            url,
        )
    if parts.password is not None:
        raise ImportFailed(
            say(
                "import.imap_password_in_url",
                "the URL holds a password; leave it out and set the environment variable "
                "{variable} instead, so that it stays out of shell history and import logs.",
                variable=PASSWORD_ENV,
            ),
            f"{parts.scheme}://{parts.hostname}",
        )
    if not username or not hostname:
        raise ImportFailed(
            say(
                "import.imap_no_user_or_host",
                "expected a user and a host, e.g. imaps://ana@mail.example.com/INBOX.",
            ),
            url,
        )
    if parts.query or parts.fragment:
        raise ImportFailed(
            say(
                "import.imap_query",
                "an IMAP URL takes no ?query or #fragment; expected "
                "imaps://user@host[:port]/FOLDER.",
            ),
            url,
        )
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError as exc:
        raise ImportFailed(
            say("import.imap_port", "the port is not a number from 1 to 65535."), url
        ) from exc
    folder = unquote(parts.path.lstrip("/")) or "INBOX"
    return Account(parts.scheme, unquote(username), hostname, port, folder)


@dataclass(frozen=True)
class Cursor:
    """Where the last import of a folder stopped: its UIDVALIDITY and the highest UID read.

    UIDs only grow within one UIDVALIDITY; when the server changes it (the folder
    was rebuilt) every UID may mean another message, so the folder is read again.
    """

    validity: int
    last_uid: int

    def __str__(self) -> str:
        return f"{self.validity}:{self.last_uid}"

    @classmethod
    def parse(cls, text: str | None) -> Cursor | None:
        """The cursor written by :meth:`__str__`; None for no cursor or one not written so."""
        if not text:
            return None
        validity, _, last = text.partition(":")
        if not (validity.isdigit() and last.isdigit()):
            return None
        return cls(int(validity), int(last))
