"""The language the command line speaks: ``--lang``, else the environment's locale.

``partways --lang hr triage`` or ``LANG=hr_HR.UTF-8 partways triage`` words the output,
the findings and the errors in Croatian; a language partways has no catalog for falls
back to English. The choice is Django's active language for the process, so the CLI
and the web share one catalog (web/locale).
"""

from __future__ import annotations

import datetime as dt
import os

from django.utils import translation

from partways.core.phrase import Phrase
from partways.i18n import active_language, format_day, render

SUPPORTED = ("en", "id", "hr", "ar")
# The environment variables a locale is read from, in the order gettext reads them.
LOCALE_VARIABLES = ("PARTWAYS_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def from_environment() -> str:
    """The first supported language the environment names; English otherwise."""
    for name in LOCALE_VARIABLES:
        value = os.environ.get(name, "")
        # LANGUAGE may list several (hr:en); the others hold one locale (hr_HR.UTF-8).
        for item in value.split(":"):
            code = item.split(".")[0].split("@")[0].split("_")[0].lower()
            if code in SUPPORTED:
                return code
            if code in ("c", "posix"):
                return "en"
    return "en"


def choose(lang: str | None) -> str:
    """Activate ``lang`` (or the environment's) for the rest of the process."""
    code = (lang or "").strip().lower().split("-")[0].split("_")[0] or from_environment()
    if code not in SUPPORTED:
        code = "en"
    translation.activate(code)
    return code


def given_language(args: list[str]) -> str | None:
    """What ``--lang`` says among the options before the command (``--lang hr``,
    ``--lang=hr``), read before the command line is parsed; None when it is not given."""
    for i, arg in enumerate(args):
        if arg == "--lang":
            return args[i + 1] if i + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if not arg.startswith("-"):
            return None  # the command: what follows is its own
    return None


def current() -> str:
    return active_language()


def words(phrase: Phrase) -> str:
    """A core finding in the command line's language (no isolates in left-to-right
    text: a terminal may show them as boxes). In English, the core's own wording, with
    ISO dates, as scripts reading the output have always seen it."""
    lang = current()
    return phrase.english() if lang == "en" else render(phrase, lang, isolated=False)


def day(value: dt.date | None) -> str:
    """A date for the command line: ISO in English (as scripts have always read it), the
    reader's own way in another language."""
    if value is None:
        return ""
    lang = current()
    return value.isoformat() if lang == "en" else format_day(value, lang)
