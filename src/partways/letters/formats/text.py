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
    """The letter as plain text. A framed letter: the letterhead, the recipient block,
    the date line and the subject line, a blank line after each, then :func:`body_text`.
    Without a frame: the subject, a blank line, then the body (as :func:`editable_text`).
    """
    if not letter.framed:
        return editable_text(letter)
    parts = ["\n".join(lines) for lines in letter.frame_plain().values() if lines]
    return "\n\n".join(parts) + "\n\n" + body_text(letter)


def editable_text(letter: Letter) -> str:
    """The part of a letter a person edits: the subject on the first line, a blank line,
    then :func:`body_text`. The frame (letterhead, addresses, date) comes from the
    records, not from the edit."""
    return f"{letter.subject}\n\n{body_text(letter)}"
