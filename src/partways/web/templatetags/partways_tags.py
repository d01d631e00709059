"""Template filters: money and numbers in the reader's language, translated ids, spans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partways.core.phrase import Phrase, stored
from partways.i18n import (
    active_language,
    format_day,
    format_moment,
    format_money,
    format_number,
    render,
)

from .. import labels

register = template.Library()


@register.filter
def money(minor: int | float | None, currency: str = "EUR") -> str:
    """Minor units (cents) as money in the reader's language: 1234567 → €12,345.67."""
    return format_money(minor, currency, active_language())


@register.filter
def day(value: Any) -> str:
    """A date (or an ISO date string) in the reader's language: 6 Dec 2026, 6. pro 2026."""
    if value in (None, ""):
        return "—"
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_day(value, active_language())


@register.filter
def moment(value: Any, zone: str = "") -> str:
    """A time with its date in the reader's language: in ``zone`` when given ("UTC"),
    else the business's. A text time (ISO) is shown at the offset it was written in."""
    if value in (None, ""):
        return "—"
    if isinstance(value, str):
        try:
            return format_moment(dt.datetime.fromisoformat(value), active_language())
        except ValueError:
            return str(value)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value, ZoneInfo(zone) if zone else _business_zone())
    return format_moment(value, active_language())


def _business_zone() -> Any:
    from partways.store.models import BusinessSettings

    return ZoneInfo(BusinessSettings.load().time_zone)


@register.filter
def number(value: float | None, digits: int = 0) -> str:
    return format_number(value, active_language(), int(digits))


@register.filter
def worded(value: Any) -> str:
    """A core finding (a Phrase) in the reader's language; anything else as it is."""
    if isinstance(value, Phrase):
        return render(value, active_language())
    return "" if value is None else str(value)


@register.filter
def worded_stored(text: str | None) -> str:
    """A finding kept in a text field (an audit entry, a step's note): worded if it was
    stored as data, else the person's own words as they wrote them."""
    return render(stored(text), active_language()) if text else ""


@register.filter
def setting_doc(setting: Any) -> str:
    from partways.i18n.terms import setting_doc as doc

    return doc(setting)


@register.filter
def unit(name: str) -> str:
    from partways.i18n.terms import unit_label

    return unit_label(name)


@register.filter
def role(key: str) -> str:
    """A team member's role in the reader's language."""
    from ..settings_team import ROLES

    return labels.label(ROLES, key)


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
