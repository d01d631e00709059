"""The letter written out: text, Markdown, HTML, e-mail, Word and PDF; key dates as iCalendar.

Every format is written from the same :class:`~partways.letters.model.Letter`, and
none reaches the network: fonts are named, never fetched, and the PDF refuses every URL
but ``data:``.
"""

from __future__ import annotations

import datetime as dt

from ..model import Letter
from .eml import to_eml
from .html import to_html
from .ics import KeyDate, to_ics
from .markdown import to_markdown
from .text import to_text

# Format name → the file extension its output is saved under.
FORMATS: dict[str, str] = {
    "text": ".txt",
    "md": ".md",
    "html": ".html",
    "eml": ".eml",
    "docx": ".docx",
    "pdf": ".pdf",
}


class UnknownFormat(ValueError):
    """A format partways can't write a letter in; the message lists the ones it can."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"no letter format {fmt!r}; expected one of {', '.join(FORMATS)}.")
        self.format = fmt


def render(
    letter: Letter,
    fmt: str,
    *,
    sender: tuple[str, str] = ("", ""),
    to: tuple[str, str] | None = None,
    date: dt.datetime | None = None,
    domain: str = "partways.invalid",
) -> bytes:
    """The letter in format ``fmt`` (a key of :data:`FORMATS`) as bytes, text in UTF-8.

    ``sender``, ``to``, ``date`` (default: now, in UTC) and ``domain`` are for ``eml``
    only (see :func:`.eml.to_eml`). Raises :class:`UnknownFormat` for any other ``fmt``,
    and :class:`ValueError` for an e-mail address that can't be written.
    """
    if fmt == "text":
        return to_text(letter).encode()
    if fmt == "md":
        return to_markdown(letter).encode()
    if fmt == "html":
        return to_html(letter).encode()
    if fmt == "eml":
        when = date if date is not None else dt.datetime.now(dt.UTC)
        return to_eml(letter, sender=sender, to=to, date=when, domain=domain)
    # Imported on use: python-docx and WeasyPrint are slow to import, and seldom needed.
    if fmt == "docx":
        from .docx import to_docx

        return to_docx(letter)
    if fmt == "pdf":
        from .pdf import to_pdf

        return to_pdf(letter)
    raise UnknownFormat(fmt)


__all__ = [
    "FORMATS",
    "KeyDate",
    "UnknownFormat",
    "render",
    "to_eml",
    "to_html",
    "to_ics",
    "to_markdown",
    "to_text",
]
