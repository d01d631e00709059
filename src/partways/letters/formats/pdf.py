"""A PDF of the letter (A4), laid out by WeasyPrint from :func:`.html.to_html`."""

from __future__ import annotations

import subprocess
from typing import Any

from ..compose import LetterError
from ..model import Letter
from .html import to_html

# Only fonts installed on the machine (Debian's fonts-noto-core, DejaVu as the last
# resort): nothing is fetched. Arabic in Naskh, the usual face for letters; the Latin
# fonts after it cover names and numbers written in Latin letters.
_FONTS = {
    "ltr": '"Noto Sans", "DejaVu Sans", sans-serif',
    "rtl": '"Noto Naskh Arabic", "Noto Sans Arabic", "Noto Sans", "DejaVu Sans", sans-serif',
}
# At least one of these must be installed for a letter in that direction. Without them
# fontconfig falls back to whatever it finds, and a PDF whose glyphs come from a font
# without the script reads back as the wrong text (or boxes): refuse instead.
_NEEDED = {
    "ltr": ("Noto Sans", "DejaVu Sans"),
    "rtl": ("Noto Naskh Arabic", "Noto Sans Arabic"),
}
_PACKAGE_HINT = "fonts-noto-core"
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


# The directions whose fonts were found: fonts are not uninstalled under a running
# server, but are installed after a refusal tells someone to.
_FONTS_FOUND: set[str] = set()


class MissingFonts(LetterError):
    """None of the fonts a letter's script needs is installed; says which and where from."""

    def __init__(self, direction: str) -> None:
        wanted = ", ".join(_NEEDED[direction])
        super().__init__(
            f"no font for this letter's script is installed (wanted one of: {wanted}); "
            f"install them (on Debian and Ubuntu: the package {_PACKAGE_HINT}) or choose "
            "another format"
        )
        self.direction = direction


def installed_families() -> frozenset[str]:
    """The font families fontconfig knows, through WeasyPrint's own binding of it (or
    its ``fc-list`` command, for a WeasyPrint whose binding lacks the calls)."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig

        fontconfig.FcConfigGetFonts  # noqa: B018  (not declared by every release)
    except (ImportError, AttributeError):
        return _listed_families()
    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        families = set()
        for i in range(fonts.nfont if fonts != ffi.NULL else 0):
            value = ffi.new("FcChar8 **")
            n = 0
            while fontconfig.FcPatternGetString(fonts.fonts[i], b"family", n, value) == 0:
                families.add(ffi.string(value[0]).decode("utf-8", "replace"))
                n += 1
        return frozenset(families)
    finally:
        fontconfig.FcConfigDestroy(config)


def _listed_families() -> frozenset[str]:
    try:
        listed = subprocess.run(
            ["fc-list", ":", "family"], capture_output=True, text=True, timeout=60, check=False
        ).stdout
    except OSError:  # no fontconfig tools: nothing can be shown to be there
        return frozenset()
    return frozenset(f.strip() for line in listed.splitlines() for f in line.split(","))


def to_pdf(letter: Letter) -> bytes:
    """The letter as a PDF file's bytes (A4, fonts embedded, title and language set from
    the letter). Raises ``OSError`` when WeasyPrint's libraries (Pango) are missing and
    :class:`MissingFonts` when no font for the letter's script is installed."""
    # Imported here: WeasyPrint takes about half a second to import, and most runs
    # write no PDF.
    from weasyprint import CSS, HTML

    if letter.direction not in _FONTS_FOUND:
        if not set(_NEEDED[letter.direction]) & installed_families():
            raise MissingFonts(letter.direction)
        # Asked again after a refusal: the fonts may have been installed meanwhile.
        _FONTS_FOUND.add(letter.direction)
    fetcher = _no_network()
    page = CSS(string=_PAGE_CSS.format(fonts=_FONTS[letter.direction]), url_fetcher=fetcher)
    pdf: bytes = HTML(string=to_html(letter), url_fetcher=fetcher).write_pdf(stylesheets=[page])
    return pdf
