"""Template filters: money and numbers in the reader's language, translated ids, spans."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency, format_decimal
from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from .. import labels

register = template.Library()


def _locale() -> str:
    return (get_language() or "en").replace("-", "_")


@register.filter
def money(minor: int | float | None, currency: str = "EUR") -> str:
    """Minor units (cents) as money in the reader's language: 1234567 → €12,345.67."""
    if minor is None:
        return "—"
    return format_currency(Decimal(round(minor)) / 100, currency, locale=_locale())


@register.filter
def number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * int(digits) if int(digits) else "")
    return format_decimal(value, format=pattern, locale=_locale())


@register.filter
def recommendation(key: str) -> str:
    return labels.label(labels.RECOMMENDATIONS, key)


@register.filter
def signal_title(key: str) -> str:
    return labels.label(labels.SIGNALS, key)


@register.filter
def severity(key: str) -> str:
    return labels.label(labels.SEVERITIES, key)


@register.filter
def pattern(key: str) -> str:
    return labels.label(labels.PATTERNS, key)


@register.filter
def strategy(key: str) -> str:
    return labels.label(labels.STRATEGIES, key)


@register.filter
def message_label(key: str) -> str:
    return labels.label(labels.MESSAGE_LABELS, key)


def highlight_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> SafeString:
    """``text`` escaped, with each labelled span wrapped in ``<mark>`` naming its label.

    Overlapping spans are merged into the first one's mark, so tags never interleave.
    """
    ordered = sorted((s, e, lb) for s, e, lb in spans if 0 <= s < e <= len(text))
    out: list[str] = []
    pos = 0
    for start, end, label_id in ordered:
        if start < pos:
            continue
        name = escape(labels.label(labels.MESSAGE_LABELS, label_id))
        out.append(escape(text[pos:start]))
        out.append(
            f'<mark class="span label-{escape(label_id)}" title="{name}">'
            f"{escape(text[start:end])}</mark>"
        )
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


@register.filter
def highlighted(message: Any) -> SafeString:
    """A :class:`partways.store.analysis.FlaggedMessage` with its spans marked."""
    return highlight_spans(message.text, message.spans)
