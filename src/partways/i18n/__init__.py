"""Wording the core's findings for a reader: their language, their numbers and dates.

The core hands over :class:`partways.core.phrase.Phrase` values (a code, an English
template and parameters). This package, shared by the web and the CLI, translates the
template through the interface's gettext catalog (``web/locale``), formats every
parameter with Babel (CLDR) for the reader's language, and isolates Latin names and
codes inside right-to-left text.
"""

from .formats import (
    format_date_long,
    format_day,
    format_list_of,
    format_moment,
    format_money,
    format_month,
    format_number,
    format_share,
)
from .render import active_language, isolate, render, render_json

__all__ = [
    "format_date_long",
    "format_day",
    "format_list_of",
    "format_moment",
    "format_month",
    "format_money",
    "format_number",
    "format_share",
    "active_language",
    "isolate",
    "render",
    "render_json",
]
