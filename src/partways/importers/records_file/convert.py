"""Checking one value of a records file against its field and turning it into a record value.

YAML and TOML both type their scalars (``30`` is a number, ``2025-03-31`` a date,
``yes`` a boolean in YAML 1.1), so a value of the wrong type is an error here
rather than something silently converted: ``notice_days: "30 days"`` is caught,
and so is a country code ``NO`` that YAML read as ``false``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from partways.core.phrase import Phrase, say

from ..frames import has_surrogate
from .located import Node
from .schema import Field

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT_MAX = 32767  # the store keeps these in PositiveSmallIntegerField


class Invalid(ValueError):
    """A value that does not fit its field; ``phrase`` says what it is and what was
    wanted, and the exception's text is its English."""

    def __init__(self, phrase: Phrase) -> None:
        super().__init__(phrase.english())
        self.phrase = phrase


def not_fit(node: Node, field: Field) -> Invalid:
    """The error for a value that is not what ``field`` takes."""
    return Invalid(
        say(
            "import.value_not",
            "{value} is not {expected}",
            value=shown(node),
            expected=field.expected(),
        )
    )


def shown(node: Node) -> Phrase | str:
    """How an error names the value it rejects: the value itself, or what it is."""
    if node.is_mapping:
        return say("import.value_a_mapping", "a mapping")
    if node.is_list:
        return say("import.value_a_list", "a list")
    value = node.value
    if isinstance(value, bool):
        return say(
            "import.value_a_bool",
            "{value} (a yes/no value; put text in quotes)",
            value=str(value).lower(),
        )
    if isinstance(value, dt.date | dt.datetime):
        return repr(value.isoformat())
    return repr(value)


def convert(node: Node, field: Field, time_zone: str) -> Any:
    """The record value for ``node``; raises :class:`Invalid` when it does not fit ``field``.

    ``None`` (an empty value) comes back as ``None``: the caller decides whether
    the field may be empty.
    """
    value = node.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = field.kind
    if kind in ("texts", "contacts"):
        raise not_fit(node, field)  # handled by the caller
    if node.is_mapping or node.is_list:
        raise not_fit(node, field)
    converted = _CONVERTERS[kind](value, field, time_zone)
    if converted is None:
        raise not_fit(node, field)
    return converted


def _text(value: Any, field: Field, time_zone: str) -> str | None:
    if not isinstance(value, str):
        return None
    if has_surrogate(value):
        # "\ud800" in a YAML double-quoted string: half of a UTF-16 pair, no character.
        raise Invalid(
            say(
                "import.value_surrogate",
                "{value} holds half of a UTF-16 surrogate pair, which is not a character; "
                "expected text (write the character itself, or both halves of the pair)",
                value=repr(value),
            )
        )
    return value.strip() or None


def _email(value: Any, field: Field, time_zone: str) -> str | None:
    text = _text(value, field, time_zone)
    return text if text and _EMAIL.match(text) else None


def _country(value: Any, field: Field, time_zone: str) -> str | None:
    text = _text(value, field, time_zone)
    return text.upper() if text and re.fullmatch(r"[A-Za-z]{2}", text) else None


def _currency(value: Any, field: Field, time_zone: str) -> str | None:
    text = _text(value, field, time_zone)
    return text.upper() if text and re.fullmatch(r"[A-Za-z]{3}", text) else None


def _enum(value: Any, field: Field, time_zone: str) -> str | None:
    text = _text(value, field, time_zone)
    return text if text in field.choices else None


def _bool(value: Any, field: Field, time_zone: str) -> bool | None:
    return value if isinstance(value, bool) else None


def _int(value: Any, field: Field, time_zone: str) -> int | None:
    # bool is an int in Python; `true` is not a number of days.
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= INT_MAX else None


def _date(value: Any, field: Field, time_zone: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None  # a time of day where a day is wanted is a mistake worth showing
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_TEXT.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _instant(value: Any, field: Field, time_zone: str) -> dt.datetime | None:
    if isinstance(value, str):
        text = value.strip()
        try:
            value = (
                dt.date.fromisoformat(text)
                if _DATE_TEXT.match(text)
                else dt.datetime.fromisoformat(text)
            )
        except ValueError:
            return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime.combine(value, dt.time())  # a day alone: its local midnight
    else:
        return None
    if moment.tzinfo is None:
        naive = moment
        placed = local(naive, time_zone)
        if placed is None:
            raise Invalid(
                say(
                    "import.value_time_skipped",
                    "{value} does not exist in {zone} (the clocks went forward); "
                    "expected a time that happened, or an offset",
                    value=repr(naive.isoformat(" ")),
                    zone=time_zone,
                )
            )
        moment = placed
    return moment.astimezone(dt.UTC)


def local(naive: dt.datetime, time_zone: str) -> dt.datetime | None:
    """``naive`` read in ``time_zone``; None for a time the clocks skipped.

    An hour repeated in autumn takes its first occurrence (``fold=0``), as the CSV
    importers do.
    """
    zone = ZoneInfo(time_zone)
    aware = naive.replace(tzinfo=zone)
    back = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    return aware if back == naive else None


_CONVERTERS = {
    "text": _text,
    "email": _email,
    "country": _country,
    "currency": _currency,
    "enum": _enum,
    "bool": _bool,
    "int": _int,
    "date": _date,
    "instant": _instant,
}
