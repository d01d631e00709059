"""E-mail: mbox files, maildirs and .eml files; and the message parsing they share.

For other importers (IMAP) that hold a message's raw bytes:

* :func:`parse_message` (``raw: bytes -> dict | None``) gives the ``messages``
  record of one message: ids, UTC date (None when missing or garbled: the caller
  decides), author, recipients, decoded subject, body and the stripped ``text``;
* :func:`strip_reply` (``body: str -> str``) removes quoted replies, pasted old
  mail, signatures and sign-offs in English, Indonesian, Croatian and Arabic.
"""

from ..base import Importer
from .folders import EmlImporter, MaildirImporter
from .mbox import MboxImporter
from .message import parse_message
from .reply import strip_reply

IMPORTERS: tuple[type[Importer], ...] = (MboxImporter, MaildirImporter, EmlImporter)

__all__ = [
    "IMPORTERS",
    "EmlImporter",
    "MaildirImporter",
    "MboxImporter",
    "parse_message",
    "strip_reply",
]
