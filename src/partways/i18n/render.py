"""A core finding, worded in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from partways.core.phrase import (
    Items,
    Money,
    Month,
    Num,
    Phrase,
    Ref,
    Sentences,
    Share,
    Term,
    fill,
)

from .formats import (
    format_day,
    format_list_of,
    format_moment,
    format_money,
    format_month,
    format_number,
    format_share,
)
from .terms import record_label, term_label

RTL = frozenset({"ar", "fa", "he", "ur"})
# Unicode isolates: a Latin name or a code inside right-to-left text keeps its own
# direction and does not reorder the sentence around it (".Kovač Gradnja d.o.o").
FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"
_TAG = re.compile(r"\[\d{3}(?: #\d+)?\]")
_DOUBLE_STOP = re.compile(r"(\d\.)\.(?=\s|$)")
_ONLY_A_FIELD = re.compile(r"\{\w+\}")


def active_language() -> str:
    """The active language's code without its region: "hr" for "hr-hr"; "en" when none."""
    return (translation.get_language() or "en").split("-")[0]


def render(phrase: Phrase, lang: str | None = None, *, isolated: bool = True) -> str:
    """``phrase`` in ``lang`` (the active language by default): translated through the
    catalog, every parameter formatted for that language.

    The user's own data in it (a title, a name, a note) is wrapped in Unicode isolates,
    so an Arabic name in an English sentence, or a Latin one in Arabic, keeps its own
    direction, and a page can tell it from the product's words. ``isolated=False``
    leaves them out in left-to-right text (a terminal may show them as boxes).
    """
    lang = lang.split("-")[0] if lang else active_language()
    with translation.override(lang):
        return _render(phrase, _Reader(lang, isolated or lang in RTL))


def render_json(
    data: Mapping[str, Any] | None, lang: str | None = None, *, isolated: bool = True
) -> str:
    """A finding kept as JSON (a stored verdict), worded like :func:`render`."""
    if not data:
        return ""
    return render(Phrase.from_json(data), lang, isolated=isolated)


def isolate(text: str, lang: str) -> str:
    """``text`` (a name, an address, a code) isolated when ``lang`` is right-to-left."""
    return f"{FSI}{text}{PDI}" if lang in RTL and text else text


@dataclass(frozen=True)
class _Reader:
    lang: str
    isolated: bool


def _render(phrase: Phrase, reader: _Reader) -> str:
    lang = reader.lang
    if phrase.plural is not None:
        template = translation.ngettext(phrase.text, phrase.plural, int(phrase.params["n"]))
    elif _ONLY_A_FIELD.fullmatch(phrase.text):
        template = phrase.text  # only a placeholder: nothing to translate
    else:
        template = translation.gettext(phrase.text)
    if lang in RTL:
        template = _TAG.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", template)
    text = fill(template, {k: _param(v, reader) for k, v in phrase.params.items()})
    if lang == "hr":
        # A Croatian date ends with a dot ("6. pro 2026."): it is also the full stop.
        text = _DOUBLE_STOP.sub(r"\1", text)
    return text


def _param(value: Any, reader: _Reader) -> str:
    lang = reader.lang
    if isinstance(value, Phrase):
        return _render(value, reader)
    if isinstance(value, Items):
        return format_list_of([_render(p, reader) for p in value.items], lang)
    if isinstance(value, Sentences):
        return " ".join(_render(p, reader) for p in value.items)
    if isinstance(value, Money):
        return isolate(format_money(value.minor, value.currency, lang), lang)
    if isinstance(value, Share):
        return format_share(value.value, lang)
    if isinstance(value, Num):
        return format_number(value.value, lang, value.digits)
    if isinstance(value, Month):
        return format_month(value.first, lang)
    if isinstance(value, dt.datetime):
        return format_moment(value, lang)
    if isinstance(value, dt.date):
        return format_day(value, lang)
    if isinstance(value, Term):
        return term_label(value)
    if isinstance(value, Ref):
        return record_label(value.record, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_number(value, lang)
    if isinstance(value, float):
        return format_number(value, lang, 0 if value.is_integer() else 1)
    # Anything else is the user's own data: a title, a name, a note.
    text = str(value)
    return f"{FSI}{text}{PDI}" if reader.isolated and text else text
