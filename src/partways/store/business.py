"""The business's settings as the engine sees them, and its exchange rates."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.db.models import CharField
from django.db.models.functions import Cast

from partways.core.config import SETTINGS, Thresholds
from partways.core.dataset import Business

from .models import BusinessSettings, ExchangeRate


def business_zone() -> ZoneInfo:
    """The business's time zone (UTC when the one stored is not known here)."""
    try:
        return ZoneInfo(BusinessSettings.load().time_zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def business_now() -> dt.datetime:
    """Now, in the business's time zone."""
    return dt.datetime.now(business_zone())


def business_today() -> dt.date:
    """Today's date where the business is (a triage "as of today" means this day)."""
    return business_now().date()


# ExchangeRate.rate_to_base holds 20 digits, 10 of them after the point.
RATE_DECIMALS = 10
RATE_INTEGER_DIGITS = 10


def rate_problem(value: Decimal) -> str | None:
    """Why ``value`` cannot be an exchange rate, as a code; None when it can.

    Codes: ``not_finite`` (NaN, infinity), ``not_positive``, ``too_many_decimals``
    (more than :data:`RATE_DECIMALS`), ``too_large`` (:data:`RATE_INTEGER_DIGITS`
    digits or more before the point). The edges word them.
    """
    if not value.is_finite():
        return "not_finite"
    if value <= 0:
        return "not_positive"
    if value >= Decimal(10) ** RATE_INTEGER_DIGITS:
        return "too_large"
    if value != value.quantize(Decimal(1).scaleb(-RATE_DECIMALS)):
        return "too_many_decimals"
    return None


@dataclass(frozen=True)
class StoredRate:
    """One stored exchange rate as read back: ``value`` is None when it is unusable."""

    currency: str
    stored: str  # the stored value as text, as the database gives it back
    value: Decimal | None


def stored_rates() -> list[StoredRate]:
    """Every stored exchange rate by currency, unusable ones included (``value`` None).

    The rates are read as text, so that a value no rate can be (infinity, NaN, one
    too large for the column, left by an earlier release) reads as unusable instead
    of breaking every page and command that reads the rates.
    """
    rows = ExchangeRate.objects.order_by("currency").values_list(
        "currency", Cast("rate_to_base", output_field=CharField())
    )
    found = []
    for currency, text in rows:
        try:
            value: Decimal | None = Decimal(str(text).strip())
        except (InvalidOperation, ValueError):
            value = None
        if value is not None and rate_problem(value) is not None:
            value = None
        found.append(StoredRate(currency, str(text), value))
    return found


def set_rate(currency: str, value: Decimal) -> bool:
    """Store ``value`` as ``currency``'s rate; True when the currency had none.

    The old value is never read, so an unusable one is simply replaced. ``value``
    must be a usable rate (:func:`rate_problem`); raises ``ValueError`` otherwise.
    """
    problem = rate_problem(value)
    if problem is not None:
        raise ValueError(f"{value} cannot be an exchange rate ({problem})")
    with transaction.atomic():
        if ExchangeRate.objects.filter(currency=currency).update(rate_to_base=value):
            return False
        ExchangeRate.objects.create(currency=currency, rate_to_base=value)
        return True


def remove_rate(currency: str) -> bool:
    """Delete ``currency``'s rate without reading it; False when it had none."""
    deleted, _ = ExchangeRate.objects.filter(currency=currency).delete()
    return bool(deleted)


# The largest value a threshold counted in these units may take: the engine steps
# through months and days with them (a window of 10**300 months overflows the
# calendar and stops every triage) and reads that many evidence rows.
MAX_BY_UNIT = {"months": 1_200, "days": 36_500, "rows": 1_000, "rounds": 1_000}
# Any other threshold: far beyond every sensible value, still exact as a float.
MAX_THRESHOLD = 1e12


def threshold_problem(unit: str, value: float) -> str | None:
    """Why ``value`` cannot be a threshold in ``unit``, as a code; None when it can.

    Codes: ``not_finite``, ``too_large`` (past :data:`MAX_BY_UNIT` for its unit, or
    :data:`MAX_THRESHOLD` in size). The form checks the rest (shares, whole numbers).
    """
    if not math.isfinite(value):
        return "not_finite"
    if abs(value) > MAX_THRESHOLD or value > MAX_BY_UNIT.get(unit, MAX_THRESHOLD):
        return "too_large"
    return None


def usable_thresholds(stored: object) -> dict[str, float]:
    """The stored threshold overrides that are numbers the engine can use; the rest
    are left out.

    Every form checks what it stores, but a value written by an earlier release or
    by hand (text, infinity, a window of 10**300 months) must not stop the engine:
    the default applies instead. Keys the registry does not know are kept, so that
    :meth:`Thresholds.with_overrides` names them.
    """
    if not isinstance(stored, dict):
        return {}
    units = {s.key: s.unit for s in SETTINGS}
    usable = {}
    for key, value in stored.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        if threshold_problem(units.get(key, ""), float(value)) is None:
            usable[key] = float(value)
    return usable


def load_business() -> tuple[Business, Thresholds]:
    """Return the engine's :class:`Business` and the thresholds with the overrides applied.

    An unusable stored exchange rate is left out (a triage that needs it then says
    the currency has no rate, which is how it is repaired), and so is a stored rate
    for the base currency itself, which is always 1.

    Raises :class:`partways.core.config.UnknownSetting` for an override key the
    registry does not know.
    """
    s = BusinessSettings.load()
    rates = {
        r.currency: r.value
        for r in stored_rates()
        if r.value is not None and r.currency != s.base_currency
    }
    business = Business(
        time_zone=s.time_zone,
        work_start=s.work_start,
        work_end=s.work_end,
        work_days=tuple(int(d) for d in s.work_days.split(",") if d.strip()),
        base_currency=s.base_currency,
        target_hourly_rate_minor=s.target_hourly_rate_minor,
        default_cost_rate_minor=s.default_cost_rate_minor,
        rates=rates,
    )
    return business, Thresholds.with_overrides(usable_thresholds(s.thresholds or {}))
