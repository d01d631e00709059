"""Reading and changing the business's settings from the command line.

Every change goes through the web's :class:`~partways.web.settings_forms.BusinessForm`,
filled with what is stored and the values given: the same rules, the same words, and
all of a command's changes saved together or none of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from partways.core.config import BUSINESS_KEYS

from .common import UserError, safe

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Field:
    """A business setting as the command line names it, and the form field behind it."""

    key: str
    form: str
    what: str
    example: str


# The form's own names where the command line's are shorter.
_FORM_NAMES = {"target_rate": "target_hourly_rate", "cost_rate": "default_cost_rate"}
FIELDS: tuple[Field, ...] = tuple(
    Field(key, _FORM_NAMES.get(key, key), what, example) for key, what, example in BUSINESS_KEYS
)
BY_KEY = {f.key: f for f in FIELDS}


def field_named(key: str) -> Field | None:
    """The business setting called ``key`` (``work-days`` and ``work_days`` alike)."""
    return BY_KEY.get(key.strip().lower().replace("-", "_"))


def parse_work_days(text: str) -> list[int]:
    """Weekdays, 0 = Monday: ``mon-fri``, ``sun-thu`` (a range may wrap past Sunday),
    ``mon,wed,fri`` or ``0,1,2,3,4``. Raises :class:`UserError`."""
    days: list[int] = []
    for part in re.split(r"[,\s]+", text.strip().lower()):
        if not part:
            continue
        ends = part.split("-")
        if len(ends) > 2:
            raise _bad_days(text)
        first, last = (_day(ends[0], text), _day(ends[-1], text))
        span = (last - first) % 7
        for step in range(span + 1):
            day = (first + step) % 7
            if day not in days:
                days.append(day)
    if not days:
        raise _bad_days(text)
    return sorted(days)


def _day(word: str, text: str) -> int:
    if word.isdigit() and int(word) < 7:
        return int(word)
    # A day's name or its start ("mon", "tues", "thursday"): two letters tell them apart.
    found = [i for i, name in enumerate(FULL_DAY_NAMES) if len(word) >= 2 and name.startswith(word)]
    if len(found) != 1:
        raise _bad_days(text)
    return found[0]


def _bad_days(text: str) -> UserError:
    return UserError(
        f"work_days: {safe(text)!r} is not a list of days; expected e.g. mon-fri, sun-thu, "
        "or mon,tue,thu (0 = Monday … 6 = Sunday also works)."
    )


def parse_address(text: str) -> str:
    """A postal address typed on one line, its lines separated by "|" or a typed "\\n",
    as stored: a line per line."""
    from partways.letters.context import postal_lines

    return "\n".join(postal_lines(text.replace("\\n", "\n").replace("|", "\n")))


def shown_days(days: Sequence[int]) -> str:
    """``[0, 1, 2, 3, 4]`` as ``mon-fri``; ``[6, 0, 1, 2, 3]`` as ``sun-thu``."""
    chosen = sorted(set(days))
    if not chosen:
        return ""
    if len(chosen) == 7:
        return "mon-sun"
    # Start the run after a day off, so a week that wraps past Sunday reads as one range.
    start = next(d for d in chosen if (d - 1) % 7 not in chosen)
    runs: list[list[int]] = []
    for step in range(7):
        day = (start + step) % 7
        if day not in chosen:
            continue
        if runs and (runs[-1][-1] + 1) % 7 == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAY_NAMES[r[0]] if len(r) == 1 else f"{DAY_NAMES[r[0]]}-{DAY_NAMES[r[-1]]}" for r in runs
    )


def parse_work_hours(text: str) -> tuple[str, str]:
    """``09:00-17:30`` as its start and end (``HH:MM`` each). Raises :class:`UserError`."""
    found = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*", text)
    if found:
        sh, sm, eh, em = found.groups()
        try:
            start = dt.time(int(sh), int(sm or 0))
            end = dt.time(int(eh), int(em or 0))
        except ValueError:
            pass
        else:
            return start.strftime("%H:%M"), end.strftime("%H:%M")
    raise UserError(
        f"work_hours: {safe(text)!r} is not a span of hours; expected e.g. 09:00-17:30."
    )


def split_addresses(values: Sequence[str]) -> list[str]:
    """Addresses given as several values or comma-separated in one."""
    return [a.strip() for v in values for a in v.split(",") if a.strip()]


def stored_values() -> dict[str, Any]:
    """The business's settings and threshold overrides as the form would show them."""
    from partways.store.models import BusinessSettings
    from partways.web.settings_forms import BusinessForm

    form = BusinessForm.for_business(BusinessSettings.load())
    values = dict(form.initial)
    for key in ("work_start", "work_end"):
        time = values[key]
        values[key] = time.strftime("%H:%M") if isinstance(time, dt.time) else str(time)
    return values


def shown_value(key: str, values: Mapping[str, Any]) -> str:
    """A business setting as a person would type it back."""
    if key == "work_days":
        return shown_days([int(d) for d in values["work_days"]])
    if key == "work_hours":
        return f"{values['work_start']}-{values['work_end']}"
    if key == "own_addresses":
        return ", ".join(str(values["own_addresses"]).split())
    if key == "address":
        return "|".join(str(values["address"]).splitlines())
    return str(values[BY_KEY[key].form])


def apply(
    changes: Mapping[str, str | Sequence[str]],
    thresholds: Mapping[str, str] | None = None,
    reset: Sequence[str] = (),
    *,
    currency_chosen: bool = False,
) -> list[str]:
    """Store the business settings in ``changes`` (keys of :data:`FIELDS`) and the
    thresholds (registry key → value; ``reset``: back to the default), all or nothing.
    ``currency_chosen``: the base currency in ``changes`` is the person's choice, so
    imports no longer set it.

    Returns the stored override keys the registry no longer knows (dropped). Raises
    :class:`UserError` listing every value that was refused, with what was expected.
    """
    from partways.store.models import BusinessSettings
    from partways.web.settings_forms import BusinessForm, threshold_field_name

    data = stored_values()
    data["work_days"] = list(data["work_days"])
    for key, value in changes.items():
        field = BY_KEY[key]
        if key == "work_days":
            data["work_days"] = [str(d) for d in parse_work_days(str(value))]
        elif key == "work_hours":
            data["work_start"], data["work_end"] = parse_work_hours(str(value))
        elif key == "own_addresses":
            given = [value] if isinstance(value, str) else list(value)
            data["own_addresses"] = "\n".join(split_addresses(given))
        elif key == "address":
            data["address"] = parse_address(str(value))
        else:
            data[field.form] = str(value)
    for key, value in (thresholds or {}).items():
        data[threshold_field_name(key)] = value
    for key in reset:
        data.pop(threshold_field_name(key), None)
    business = BusinessSettings.load()
    chosen = business.currency_chosen or currency_chosen
    form = BusinessForm(data=data)
    if not form.is_valid():
        raise UserError("nothing was saved:\n" + "\n".join(_problems(form)))
    dropped = form.save(business)
    if business.currency_chosen != chosen:
        # The form counts any save as the currency seen and kept; here only a currency
        # the person gave (or answered) is.
        business.currency_chosen = chosen
        business.save(update_fields=["currency_chosen"])
    return dropped


def _problems(form: Any) -> list[str]:
    names = {f.form: f.key for f in FIELDS} | {"work_start": "work_hours", "work_end": "work_hours"}
    names.update(form.threshold_keys)
    lines = []
    for name, errors in form.errors.items():
        for error in errors:
            lines.append(f"  {names.get(name, name)}: {safe(error)}")
    return lines
