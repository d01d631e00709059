"""A message's text: its text/plain parts decoded, or its HTML turned into text.

Charsets lie: a part labelled ``us-ascii`` holds UTF-8, one labelled ``x-unknown``
holds Windows-1252. Each part is decoded with its own charset when Python knows it
and the bytes fit, else as UTF-8, else as Windows-1252, so a message never fails
for its encoding (a wrong guess shows as odd letters, not as a lost message).
"""

from __future__ import annotations

import re
from email.message import Message
from html.parser import HTMLParser

# Tags after which a line ends when HTML is read as text.
_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "pre",
    "hr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
}
_SKIP = {"script", "style", "head", "title"}
_BLANKS = re.compile(r"\n{3,}")


def decode_bytes(data: bytes, charset: str | None) -> str:
    """``data`` as text: its declared charset, else UTF-8, else Windows-1252/Latin-1."""
    for candidate in (charset, "utf-8", "cp1252"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    # "us-ascii" is compat32's default when nothing is said; 8-bit bytes then are
    # most likely UTF-8, which decode_bytes tries next.
    return decode_bytes(payload, charset)


def body_text(msg: Message) -> str:
    """The message's text: every inline text/plain part joined, else its HTML as text.

    Attachments (Content-Disposition: attachment) are left out. Returns '' for a
    message with no text at all (only an image, say).
    """
    if not msg.is_multipart():
        kind = msg.get_content_type()
        if kind == "text/html":
            return html_to_text(_part_text(msg))
        if kind.startswith("text/") or kind == "message/rfc822":
            return _normalise(_part_text(msg))
        return ""
    plain: list[str] = []
    html: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        if (part.get("Content-Disposition") or "").strip().lower().startswith("attachment"):
            continue
        kind = part.get_content_type()
        if kind == "text/plain":
            plain.append(_part_text(part))
        elif kind == "text/html":
            html.append(_part_text(part))
    if plain:
        return _normalise("\n".join(plain))
    if html:
        return "\n".join(html_to_text(h) for h in html)
    return ""


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _TextParser(HTMLParser):
    """Collects an HTML document's text; quoted parts (<blockquote>) get a "> " prefix.

    The prefix lets the quote stripper treat quoted HTML replies exactly like quoted
    plain-text ones.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self.current: list[str] = []
        self.depth = 0  # blockquote depth where the current line started
        self.quote = 0
        self.skipping = 0

    def _end_line(self) -> None:
        self.lines.append((self.depth, "".join(self.current)))
        self.current = []
        self.depth = self.quote

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            if self.current:
                self._end_line()
            if tag == "blockquote":
                self.quote += 1
                self.depth = self.quote

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            if self.current or tag == "p":
                self._end_line()
            if tag == "blockquote":
                self.quote = max(0, self.quote - 1)
                self.depth = self.quote

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        # HTML collapses whitespace; so does its text.
        text = re.sub(r"\s+", " ", data)
        if not self.current:
            text = text.lstrip()
        if text:
            self.current.append(text)


def html_to_text(html: str) -> str:
    """Readable text of an HTML mail body (standard library ``html.parser``)."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    if parser.current:
        parser._end_line()
    lines = [("> " * depth + line.rstrip()) if line.strip() else "" for depth, line in parser.lines]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")
