"""A composed letter: what every output format is written from."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Block:
    """A paragraph (its lines kept as written: a sign-off keeps its line breaks) or a
    bulleted list (one item a line).

    ``lines`` hold HTML-safe text: whatever came from the data was escaped by the
    template engine; :meth:`plain` gives the text back for formats that are not HTML.
    """

    kind: Literal["paragraph", "list"]
    lines: tuple[str, ...]

    def plain(self) -> tuple[str, ...]:
        return tuple(html.unescape(line) for line in self.lines)


@dataclass(frozen=True)
class Letter:
    """A composed letter. Besides the subject and the body, a formal letter has its
    frame (each part HTML-safe lines, empty when the template has no frame): the
    letterhead (who writes), the recipient block, the date line and the subject line
    as printed ("Subject: …", in the letter's language)."""

    kind: str
    lang: str
    direction: Literal["ltr", "rtl"]
    subject_html: str
    blocks: tuple[Block, ...]
    letterhead: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    date_line: str = ""
    subject_line: str = ""

    @property
    def framed(self) -> bool:
        return bool(self.letterhead or self.recipient or self.date_line or self.subject_line)

    def frame_plain(self) -> dict[str, tuple[str, ...]]:
        """The frame's parts as plain text, in the order a letter prints them."""
        return {
            "letterhead": tuple(html.unescape(x) for x in self.letterhead),
            "recipient": tuple(html.unescape(x) for x in self.recipient),
            "date_line": (html.unescape(self.date_line),) if self.date_line else (),
            "subject_line": (html.unescape(self.subject_line or self.subject_html),),
        }

    @property
    def subject(self) -> str:
        return html.unescape(self.subject_html)
