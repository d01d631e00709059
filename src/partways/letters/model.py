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
    kind: str
    lang: str
    direction: Literal["ltr", "rtl"]
    subject_html: str
    blocks: tuple[Block, ...]

    @property
    def subject(self) -> str:
        return html.unescape(self.subject_html)
