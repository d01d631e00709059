"""A small, self-contained HTML document: the e-mail's HTML part and the PDF's source."""

from __future__ import annotations

from ..model import Block, Letter

# Fonts by name only, never fetched: the PDF finds them installed (Debian's
# fonts-noto-core), a mail client falls back to the reader's own Arabic-capable fonts.
_FONTS = {
    "ltr": '"Noto Sans", "DejaVu Sans", Arial, Helvetica, sans-serif',
    "rtl": '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", '
    "Tahoma, Arial, sans-serif",
}

_CSS = """\
body {{ font-family: {fonts}; font-size: 11pt; line-height: 1.5; color: #111;
  max-width: 42em; margin: 0 auto; }}
h1 {{ font-size: 13pt; font-weight: bold; margin: 0 0 1.2em; }}
p, ul {{ margin: 0 0 1em; }}
.letterhead {{ font-size: 9.5pt; color: #333; border-bottom: 1px solid #999;
  padding-bottom: 0.5em; margin-bottom: 1.5em; }}
.letterhead strong {{ font-size: 11pt; color: #111; }}
.recipient {{ margin-bottom: 1.5em; }}
.date-line {{ text-align: end; margin-bottom: 1.5em; }}
"""


def _block(block: Block) -> str:
    # The lines are HTML-safe already (escaped by the template engine): no escaping here.
    if block.kind == "list":
        items = "".join(f"<li>{line}</li>" for line in block.lines)
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>\n".join(block.lines) + "</p>"


def _frame(letter: Letter) -> str:
    """The letterhead, the recipient block and the date line, each where a printed
    letter has them; "" for a letter without a frame."""
    out = []
    if letter.letterhead:
        first, *rest = letter.letterhead
        lines = [f"<strong>{first}</strong>", *rest]
        out.append('<p class="letterhead">' + "<br>\n".join(lines) + "</p>\n")
    if letter.recipient:
        out.append('<p class="recipient">' + "<br>\n".join(letter.recipient) + "</p>\n")
    if letter.date_line:
        out.append(f'<p class="date-line">{letter.date_line}</p>\n')
    return "".join(out)


def to_html(letter: Letter) -> str:
    """The letter as a complete HTML document (a ``str``), with its language and
    direction on ``<html>``, UTF-8 declared, inline CSS and no external resources."""
    body = "\n".join(_block(block) for block in letter.blocks)
    css = _CSS.format(fonts=_FONTS[letter.direction])
    frame = _frame(letter)
    heading = letter.subject_line or letter.subject_html
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{letter.lang}" dir="{letter.direction}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f"<title>{letter.subject_html}</title>\n"
        f"<style>\n{css}</style>\n"
        "</head>\n"
        "<body>\n"
        f"{frame}"
        f"<h1>{heading}</h1>\n"
        f"{body}\n"
        "</body>\n"
        "</html>\n"
    )
