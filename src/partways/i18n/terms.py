"""Translated names for the ids the core's findings cite: signs, severities, kinds of
incident, invoice states and the records given as evidence."""

from __future__ import annotations

import datetime as dt

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from partways.core.config import Setting
from partways.core.phrase import Term
from partways.letters import LANGUAGES
from partways.web import cases_labels, labels

from .formats import format_month

INVOICE_STATES: dict[str, Promise] = {
    "unpaid": gettext_lazy("unpaid"),
    "disputed": gettext_lazy("disputed"),
    "unpaid_and_disputed": gettext_lazy("unpaid and disputed"),
}

# What a term's context names, and where its translated names are.
TABLES: dict[str, dict[str, Promise]] = {
    "sign": labels.SIGNALS,
    "severity": labels.SEVERITIES,
    "incident": labels.INCIDENT_KINDS,
    "invoice": INVOICE_STATES,
    "recommendation": labels.RECOMMENDATIONS,
    "reason": cases_labels.REASONS,
}

# Records cited as evidence ("message 42"): each kind worded with its key.
RECORDS: dict[str, Promise] = {
    "message": gettext_lazy("message {key}"),
    "invoice": gettext_lazy("invoice {key}"),
    "proposal": gettext_lazy("proposal {key}"),
    "incident": gettext_lazy("incident {key}"),
    "deliverable": gettext_lazy("deliverable {key}"),
    "meeting": gettext_lazy("meeting"),
    "flag": gettext_lazy("flag"),
}


def term_label(term: Term) -> str:
    """The term's name in the active language; its English for an id no table knows."""
    if term.context == "language":
        # A language is named in itself (Hrvatski, العربية), as the language menus do.
        return LANGUAGES.get(term.key, term.key)
    found = TABLES.get(term.context, {}).get(term.key)
    return str(found) if found is not None else term.english()


def record_label(record: str, lang: str) -> str:
    """``"message 42"`` → "pesan 42"; ``"month 2026-03"`` → the month in words."""
    from .render import isolate

    kind, _sep, key = record.partition(" ")
    if kind == "month":
        try:
            return format_month(dt.date.fromisoformat(key + "-01"), lang)
        except ValueError:
            return record
    template = RECORDS.get(kind)
    if template is None:
        return isolate(record, lang)
    return str(template).replace("{key}", isolate(key, lang))


__all__ = ["INVOICE_STATES", "RECORDS", "TABLES", "record_label", "term_label"]


def setting_doc(setting: Setting) -> str:
    """What a setting of the registry does, in the active language (a ladder's sentence
    and its measure are translated apart and put together)."""
    from .render import active_language

    if active_language() == "en":
        return setting.english()  # as docs/settings.md says it
    if setting.what:
        # A weight names its sign by id: the reader sees the sign's name.
        what = labels.SIGNALS.get(setting.what) or gettext(setting.what)
        return gettext(setting.doc).replace("{what}", str(what))
    return gettext(setting.doc)


def unit_label(unit: str) -> str:
    """A setting's unit ("days", "share") in the active language."""
    return gettext(unit) if unit else unit
