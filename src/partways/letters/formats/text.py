"""Plain text: the subject, then the body as written, one line per line of the letter."""

from __future__ import annotations

from ..model import Letter


def body_text(letter: Letter) -> str:
    """The letter's body: paragraphs (their lines kept) and lists ("- item"), a blank line
    between blocks, ending with a newline.

    Lines are not wrapped: mail clients and editors wrap for the reader's window, and
    a hard-wrapped line breaks badly in any other width.
    """
    blocks = []
    for block in letter.blocks:
        lines = block.plain()
        if block.kind == "list":
            lines = tuple(f"- {line}" for line in lines)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def to_text(letter: Letter) -> str:
    """The letter as plain text: its subject line, a blank line, then :func:`body_text`."""
    return f"{letter.subject}\n\n{body_text(letter)}"
