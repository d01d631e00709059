"""The language the command line speaks: ``--lang``, else the environment's locale.

``partways --lang hr triage`` or ``LANG=hr_HR.UTF-8 partways triage`` words the output,
the findings and the errors in Croatian; a language partways has no catalog for falls
back to English. The choice is Django's active language for the process, so the CLI
and the web share one catalog (web/locale).

Django is started only when a command runs (``cli.main``): a help page, ``--version``
and a usage error are worded before that, from the same catalog read directly
(:func:`gettext`), so that they appear at once.
"""

from __future__ import annotations

import datetime as dt
import gettext as stdlib_gettext
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partways.core.phrase import Phrase

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


# The chosen language, for what is said before Django has started.
_chosen = "en"
# The web's catalogs, which Django reads too (settings.LOCALE_PATHS).
CATALOGS = Path(__file__).resolve().parent.parent / "web" / "locale"


def _django_ready() -> bool:
    from django.apps import apps

    return apps.ready


def choose(lang: str | None) -> str:
    """Activate ``lang`` (or the environment's) for the rest of the process."""
    global _chosen
    code = (lang or "").strip().lower().split("-")[0].split("_")[0] or from_environment()
    if code not in SUPPORTED:
        code = "en"
    _chosen = code
    if _django_ready():
        from django.utils import translation

        translation.activate(code)
    return code


def django_started() -> None:
    """Carry the language chosen before Django started over to Django's translation."""
    from django.utils import translation

    translation.activate(_chosen)


@cache
def _catalog(code: str) -> stdlib_gettext.NullTranslations:
    return stdlib_gettext.translation("django", CATALOGS, languages=[code], fallback=True)


def gettext(message: str) -> str:
    """``message`` in the chosen language: through Django once it has started, else
    straight from the catalog (the same file, without Django's start-up)."""
    if _django_ready():
        from django.utils import translation

        return translation.gettext(message)
    return message if _chosen == "en" else _catalog(_chosen).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """:func:`gettext` for a message with a plural."""
    if _django_ready():
        from django.utils import translation

        return translation.ngettext(singular, plural, n)
    if _chosen == "en":
        return singular if n == 1 else plural
    return _catalog(_chosen).ngettext(singular, plural, n)


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
    if not _django_ready():
        return _chosen
    from partways.i18n import active_language

    return active_language()


def words(phrase: Phrase) -> str:
    """A core finding in the command line's language (no isolates in left-to-right
    text: a terminal may show them as boxes). In English, the core's own wording, with
    ISO dates, as scripts reading the output have always seen it."""
    from partways.i18n import render

    lang = current()
    return phrase.english() if lang == "en" else render(phrase, lang, isolated=False)


def day(value: dt.date | None) -> str:
    """A date for the command line: ISO in English (as scripts have always read it), the
    reader's own way in another language."""
    if value is None:
        return ""
    from partways.i18n import format_day

    lang = current()
    return value.isoformat() if lang == "en" else format_day(value, lang)
