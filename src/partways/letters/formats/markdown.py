"""Markdown (CommonMark): the subject as a heading, the body's paragraphs and lists."""

from __future__ import annotations

import re

from ..model import Letter

# Characters that start emphasis, links, code, raw HTML or (GFM) tables and
# strike-through anywhere in a line; "#" too, since trailing ones close a heading.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
# "&" only where it would start an entity: "Smith & Co" stays readable.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What makes a line a list item, heading underline or ordered list where it starts it.
_LINE_START = re.compile(r"^([+=-])|^(\d+)([.)])")


def escape(text: str) -> str:
    """``text`` with every character Markdown would read as markup backslash-escaped,
    so that it renders as written (a client called ``*Acme*`` is not emphasised)."""
    text = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def to_markdown(letter: Letter) -> str:
    """The letter as Markdown, ending with a newline.

    Lines within a paragraph end in a backslash, CommonMark's hard break: unlike two
    trailing spaces, editors don't strip it and it can be seen. A right-to-left letter is
    wrapped in ``<div dir="rtl" lang="…">``; the blank lines inside it end the HTML
    block, so the Markdown between them is still rendered, and right to left.
    """
    frame = letter.frame_plain()
    parts = [
        "\\\n".join(escape(line) for line in frame[part])
        for part in ("letterhead", "recipient", "date_line")
        if frame[part]
    ]
    parts.append(f"# {escape(frame['subject_line'][0])}")
    for block in letter.blocks:
        lines = [escape(line) for line in block.plain()]
        if block.kind == "list":
            parts.append("\n".join(f"- {line}" for line in lines))
        else:
            parts.append("\\\n".join(lines))
    body = "\n\n".join(parts)
    if letter.direction == "rtl":
        body = f'<div dir="rtl" lang="{letter.lang}">\n\n{body}\n\n</div>'
    return body + "\n"
