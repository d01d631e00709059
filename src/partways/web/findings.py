"""The core's findings on a page: a stored verdict's reasons, explanations and evidence
worded in the reader's language (partways.i18n), with the English kept as a fallback
for verdicts stored before findings were kept as data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partways.i18n import active_language, format_day, render_json
from partways.i18n.terms import record_label

from . import records


def worded(phrase: dict[str, Any] | None, english: str) -> str:
    """A finding in the reader's language; its stored English when it has no data."""
    return render_json(phrase, active_language()) if phrase else english


def worded_reasons(detail: dict[str, Any]) -> list[str]:
    phrases = detail.get("reason_phrases") or []
    english = detail.get("reasons", [])
    if len(phrases) != len(english):
        return list(english)
    return [worded(p, e) for p, e in zip(phrases, english, strict=True)]


def worded_evidence(client_id: int, e: dict[str, Any]) -> dict[str, Any]:
    """An evidence row for a page: its day, the record it cites (a link where the record
    has a page) and what it shows, each in the reader's language."""
    lang = active_language()
    day = e.get("date")
    return {
        **e,
        "day": format_day(dt.date.fromisoformat(day), lang) if isinstance(day, str) else day,
        "record_label": record_label(e["record"], lang),
        "url": records.link(client_id, e["record"]),
        "detail": worded(e.get("detail_phrase"), e.get("detail", "")),
    }
