"""A PDF of the letter (A4), laid out by WeasyPrint from :func:`.html.to_html`."""

from __future__ import annotations

from typing import Any

from ..model import Letter
from .html import to_html

# Only fonts installed on the machine (Debian's fonts-noto-core, DejaVu as the last
# resort): nothing is fetched. Arabic in Naskh, the usual face for letters; the Latin
# fonts after it cover names and numbers written in Latin letters.
_FONTS = {
    "ltr": '"Noto Sans", "DejaVu Sans", sans-serif',
    "rtl": '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", sans-serif',
}
_PAGE_CSS = """\
@page {{ size: A4; margin: 2.5cm; }}
body {{ font-family: {fonts}; max-width: none; margin: 0; }}
"""


def _no_network() -> Any:
    """A URL fetcher that reads ``data:`` URLs and refuses every other one (http, file…):
    a template can't make the PDF reach the network or the disk. WeasyPrint leaves a
    refused resource out and logs a warning."""
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint ≥ 68
    except ImportError:  # older ones take a function
        from weasyprint import default_url_fetcher

        def fetch(url: str) -> Any:
            if not url.lower().startswith("data:"):
                raise ValueError(f"not fetched (only data: URLs are): {url}")
            return default_url_fetcher(url)

        return fetch
    return URLFetcher(allowed_protocols={"data"})


def to_pdf(letter: Letter) -> bytes:
    """The letter as a PDF file's bytes (A4, fonts embedded, title and language set from
    the letter). Raises ``OSError`` when WeasyPrint's libraries (Pango) are missing."""
    # Imported here: WeasyPrint takes about half a second to import, and most runs
    # write no PDF.
    from weasyprint import CSS, HTML

    fetcher = _no_network()
    page = CSS(string=_PAGE_CSS.format(fonts=_FONTS[letter.direction]), url_fetcher=fetcher)
    pdf: bytes = HTML(string=to_html(letter), url_fetcher=fetcher).write_pdf(stylesheets=[page])
    return pdf
