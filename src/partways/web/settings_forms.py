"""The business's settings as forms: what each value must be, and saving all or nothing.

The ``parse_*`` functions are plain: they take what a person typed and return the
value to store, or raise :class:`SettingError` with a sentence naming what was
expected. The rules are those of the command line (``partways rate``, ``partways
import --time-zone`` and ``--me``), so the two cannot drift apart; the CLI could call
these functions in turn.

Thresholds come from the settings registry (:mod:`partways.core.config`): a blank
field means the registry's default. Beyond "a number", a few rules follow from the
unit (a share lies between 0 and 1, days are whole) and from the ladders: a sign's
low, medium and high keep the order their defaults have.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.core.cache import cache
from django.db import transaction
from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways.core.config import SETTINGS, Setting
from partways.core.limits import limit
from partways.i18n.terms import unit_label
from partways.letters.context import postal_lines
from partways.store.business import (
    MAX_BY_UNIT,
    RATE_DECIMALS,
    RATE_INTEGER_DIGITS,
    rate_problem,
    set_rate,
    threshold_problem,
)
from partways.store.models import BusinessSettings
from partways.store.models.fields import MINOR_UNITS

# An address (ana@studio.hr) or a whole domain (@studio.hr), as `partways import --me`.
_OWN_ADDRESS = re.compile(r"^([^@\s]+)?@[^@\s]+\.[^@\s]+$")
# Units counted in whole steps (the engine reads them with Thresholds.int).
WHOLE_UNITS = frozenset({"months", "days", "rows", "rounds"})
# BigIntegerField: what a money amount in minor units may reach.
MAX_MINOR = 2**63 - 1


class SettingError(ValueError):
    """A value that cannot be stored; the message says what was expected."""


def parse_currency(text: str) -> str:
    """An ISO 4217 code, upper-cased (``usd`` → ``USD``)."""
    code = text.strip().upper()
    if len(code) != 3 or not (code.isascii() and code.isalpha()):
        raise SettingError(
            _("%(text)r is not a currency code; expected three letters, e.g. USD.") % {"text": text}
        )
    return code


def _decimal(text: str) -> Decimal | None:
    # A decimal comma is accepted too (0,92), as people write it in hr and id.
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_rate(text: str) -> Decimal:
    """An exchange rate: units of the base currency per unit, above zero, as stored."""
    value = _decimal(text)
    if value is None:
        raise SettingError(_("%(text)r is not a number; expected e.g. 0.92.") % {"text": text})
    problem = rate_problem(value)
    if problem == "not_positive":
        raise SettingError(_("the rate must be above zero, not %(text)s.") % {"text": text})
    if problem == "too_many_decimals":
        raise SettingError(
            _("%(text)s has too many decimals; at most %(n)d are kept.")
            % {"text": text, "n": RATE_DECIMALS}
        )
    if problem is not None:  # too_large (not_finite cannot pass _decimal)
        raise SettingError(
            _("%(text)s is too large for a rate; expected at most %(n)d digits before the point.")
            % {"text": text, "n": RATE_INTEGER_DIGITS}
        )
    return value


def parse_time_zone(text: str) -> str:
    """A time zone name from the tz database (``Europe/Zagreb``)."""
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingError(
            _(
                "%(text)r is not a time zone; expected a name such as Europe/Zagreb, "
                "Asia/Jakarta or UTC."
            )
            % {"text": text}
        ) from None
    return name


def parse_money(text: str, *, above_zero: bool = False) -> int:
    """An amount in major units (``80.50``) as minor units (``8050``)."""
    value = _decimal(text)
    expected = _("expected an amount such as 80 or 80.50")
    if value is None:
        raise SettingError(
            _("%(text)r is not an amount; %(expected)s.") % {"text": text, "expected": expected}
        )
    if above_zero and value <= 0:
        raise SettingError(
            _("the amount must be above zero; expected an amount such as 80 or 80.50.")
        )
    if value < 0:
        raise SettingError(
            _("the amount cannot be negative; expected an amount such as 80 or 80.50.")
        )
    # Checked before multiplying: 1e999999 is finite but overflows the arithmetic. The
    # limit is the one imports keep to (money.max_amount), far below 64 bits.
    if value > min(Decimal(MAX_MINOR) / MINOR_UNITS, Decimal(limit("money.max_amount"))):
        raise SettingError(
            _("%(text)s is too large; %(expected)s.") % {"text": text, "expected": expected}
        )
    minor = value * MINOR_UNITS
    if minor != minor.to_integral_value():
        raise SettingError(
            _("%(text)s has more than two decimals; %(expected)s.")
            % {"text": text, "expected": expected}
        )
    if minor > MAX_MINOR:
        raise SettingError(
            _("%(text)s is too large; %(expected)s.") % {"text": text, "expected": expected}
        )
    return int(minor)


def parse_own_address(text: str) -> str:
    """One of the business's own addresses (``ana@studio.hr``) or domains (``@studio.hr``)."""
    address = text.strip().lower()
    if not _OWN_ADDRESS.match(address):
        raise SettingError(
            _(
                "%(text)r is neither an address nor a domain; expected e.g. ana@studio.hr or "
                "@studio.hr."
            )
            % {"text": text}
        )
    return address


def parse_threshold(setting: Setting, text: str) -> float:
    """A value for ``setting`` of the registry; what its unit allows."""
    value = _decimal(text)
    unit = setting.unit
    if value is None:
        raise SettingError(
            _("%(text)r is not a number; expected a number of %(unit)s, e.g. %(default)s.")
            % {"text": text, "unit": unit_label(unit), "default": shown_number(setting.default)}
        )
    number = float(value)
    if not math.isfinite(number):
        raise SettingError(_("%(text)s is too large; expected a number.") % {"text": text})
    if threshold_problem(unit, number) is not None:
        if unit in MAX_BY_UNIT:
            raise SettingError(
                _("%(text)s is too large; expected at most %(most)s %(unit)s.")
                % {
                    "text": text,
                    # Grouped the reader's way: "36,500" is 36.5 in Indonesian and Croatian.
                    "most": number_format(MAX_BY_UNIT[unit], force_grouping=True),
                    "unit": unit_label(unit),
                }
            )
        raise SettingError(_("%(text)s is too large; expected a number.") % {"text": text})
    if unit == "share" and not 0 <= number <= 1:
        raise SettingError(_("expected a share between 0 and 1, e.g. 0.25."))
    if unit == "percent" and not 0 <= number <= 100:
        raise SettingError(_("expected a percentage between 0 and 100."))
    if unit in WHOLE_UNITS and (number < 0 or not number.is_integer()):
        raise SettingError(
            _("expected a whole number of %(unit)s, 0 or more.") % {"unit": unit_label(unit)}
        )
    return number


def ladder_problems(values: Mapping[str, float]) -> dict[str, str]:
    """Keys of ladders whose low, medium and high lost their defaults' order, and why.

    ``values`` holds the effective value of every key (override or default).
    """
    by_key = {s.key: s for s in SETTINGS}
    problems: dict[str, str] = {}
    for s in SETTINGS:
        if not s.key.endswith(".low"):
            continue
        sign = s.key[: -len(".low")]
        keys = [f"{sign}.low", f"{sign}.medium", f"{sign}.high"]
        if not all(k in by_key for k in keys):
            continue
        low, medium, high = (values[k] for k in keys)
        rising = by_key[keys[2]].default >= by_key[keys[0]].default
        if rising and not low <= medium <= high:
            problems[sign] = _("expected low ≤ medium ≤ high, as for the defaults.")
        elif not rising and not low >= medium >= high:
            problems[sign] = _(
                "expected low ≥ medium ≥ high (lower is worse here), as for the defaults."
            )
    return problems


def shown_number(value: float) -> str:
    """A threshold as a person would type it: ``6`` rather than ``6.0``."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def threshold_field_name(key: str) -> str:
    return "t__" + key.replace(".", "__")


def _clean_with(parse: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return parse(*args, **kwargs)
    except SettingError as exc:
        raise forms.ValidationError(str(exc)) from None


# The business settings a formal letter's letterhead and date line are made of.
LETTERHEAD = ("legal_name", "address", "registration", "place", "phone", "email")


class BusinessForm(forms.Form):
    """Every business setting and every threshold: valid all together, or nothing saved."""

    name = forms.CharField(label=gettext_lazy("Business name"), max_length=200)
    time_zone = forms.CharField(
        label=gettext_lazy("Time zone"),
        max_length=64,
        help_text=gettext_lazy("As in the tz database, e.g. Europe/Zagreb, Asia/Jakarta or UTC."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    work_start = forms.TimeField(
        label=gettext_lazy("Working day starts"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    work_end = forms.TimeField(
        label=gettext_lazy("Working day ends"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    work_days = forms.MultipleChoiceField(
        label=gettext_lazy("Working days"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(str(i), WEEKDAYS[i]) for i in range(7)],
        error_messages={"required": gettext_lazy("Choose at least one working day.")},
    )
    base_currency = forms.CharField(
        label=gettext_lazy("Base currency"),
        max_length=12,
        help_text=gettext_lazy(
            "ISO 4217, three letters (EUR, USD, IDR). Figures are summed in it; the "
            "exchange rates below convert to it."
        ),
    )
    target_hourly_rate = forms.CharField(
        label=gettext_lazy("Target hourly rate"),
        help_text=gettext_lazy("In the base currency, e.g. 80 or 80.50."),
    )
    default_cost_rate = forms.CharField(
        label=gettext_lazy("Default cost rate per hour"),
        help_text=gettext_lazy(
            "What an hour of work costs you when a person has no cost rate of their own."
        ),
    )
    own_addresses = forms.CharField(
        label=gettext_lazy("Your own e-mail addresses and domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "One per line, e.g. ana@studio.hr or @studio.hr: mail from these is yours "
            "(outbound). Team members' addresses count as well."
        ),
    )

    # The letterhead of formal letters: optional, and asked for when a letter lacks it.
    legal_name = forms.CharField(
        label=gettext_lazy("Registered name"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("As on your registration, e.g. Studio Ana j.d.o.o."),
    )
    address = forms.CharField(
        label=gettext_lazy("Postal address"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One line per line of the address, as letters print it."),
    )
    registration = forms.CharField(
        label=gettext_lazy("Company registration number"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("With its name where that helps, e.g. OIB 12345678903 or NIB …"),
    )
    place = forms.CharField(
        label=gettext_lazy("Town for the date line"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("Letters in Croatian and Indonesian date from it: “Zagreb, …”."),
    )
    phone = forms.CharField(label=gettext_lazy("Telephone"), max_length=50, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail address on letters"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.threshold_keys: dict[str, str] = {}
        for s in SETTINGS:
            name = threshold_field_name(s.key)
            self.threshold_keys[name] = s.key
            self.fields[name] = forms.CharField(
                label=s.key,
                required=False,
                widget=forms.TextInput(
                    attrs={
                        "inputmode": "decimal",
                        "placeholder": shown_number(s.default),
                        "aria-describedby": f"id_{name}-doc",
                    }
                ),
            )

    @classmethod
    def for_business(cls, business: BusinessSettings) -> BusinessForm:
        """The form filled in with what is stored now."""
        initial: dict[str, Any] = {
            "name": business.name,
            "time_zone": business.time_zone,
            "work_start": business.work_start,
            "work_end": business.work_end,
            "work_days": [d.strip() for d in business.work_days.split(",") if d.strip()],
            "base_currency": business.base_currency,
            "target_hourly_rate": _major(business.target_hourly_rate_minor),
            "default_cost_rate": _major(business.default_cost_rate_minor),
            "own_addresses": business.own_addresses,
            **{key: getattr(business, key) for key in LETTERHEAD},
        }
        for key, value in (business.thresholds or {}).items():
            if isinstance(value, int | float):
                initial[threshold_field_name(key)] = shown_number(value)
        return cls(initial=initial)

    def threshold_groups(
        self, overrides: Mapping[str, Any]
    ) -> list[tuple[str, list[dict[str, Any]]]]:
        """The thresholds' rows, grouped by the key's first part: the setting, its field,
        its default and the value in use now (``overrides``: the stored ones)."""
        groups: dict[str, list[dict[str, Any]]] = {}
        for s in SETTINGS:
            value = overrides.get(s.key, s.default)
            groups.setdefault(s.key.split(".")[0], []).append(
                {
                    "setting": s,
                    "field": self[threshold_field_name(s.key)],
                    "default": shown_number(s.default),
                    "in_use": shown_number(value) if isinstance(value, int | float) else value,
                    "overridden": s.key in overrides,
                }
            )
        return list(groups.items())

    def clean_time_zone(self) -> str:
        return str(_clean_with(parse_time_zone, self.cleaned_data["time_zone"]))

    def clean_base_currency(self) -> str:
        return str(_clean_with(parse_currency, self.cleaned_data["base_currency"]))

    def clean_target_hourly_rate(self) -> int:
        return int(
            _clean_with(parse_money, self.cleaned_data["target_hourly_rate"], above_zero=True)
        )

    def clean_default_cost_rate(self) -> int:
        return int(_clean_with(parse_money, self.cleaned_data["default_cost_rate"]))

    def clean_address(self) -> str:
        return "\n".join(postal_lines(str(self.cleaned_data.get("address") or "")))

    def clean_own_addresses(self) -> str:
        found: list[str] = []
        errors: list[str] = []
        for line in self.cleaned_data["own_addresses"].splitlines():
            if not line.strip():
                continue
            try:
                address = parse_own_address(line)
            except SettingError as exc:
                errors.append(str(exc))
            else:
                if address not in found:
                    found.append(address)
        if errors:
            raise forms.ValidationError(errors)
        return "\n".join(found)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("work_start"), data.get("work_end")
        if isinstance(start, dt.time) and isinstance(end, dt.time) and end <= start:
            self.add_error("work_end", _("The working day must end after it starts."))
        overrides: dict[str, float] = {}
        for name, key in self.threshold_keys.items():
            text = (data.get(name) or "").strip()
            if not text:
                continue
            setting = next(s for s in SETTINGS if s.key == key)
            try:
                overrides[key] = parse_threshold(setting, text)
            except SettingError as exc:
                self.add_error(name, str(exc))
        values = {s.key: overrides.get(s.key, s.default) for s in SETTINGS}
        for sign, problem in ladder_problems(values).items():
            for level in ("low", "medium", "high"):
                name = threshold_field_name(f"{sign}.{level}")
                if name not in self.errors:
                    self.add_error(name, problem)
        data["thresholds"] = overrides
        return data

    def save(self, business: BusinessSettings) -> list[str]:
        """Store every value; return the stored override keys the registry no longer knows
        (they are dropped: the engine refuses unknown keys)."""
        data = self.cleaned_data
        known = {s.key for s in SETTINGS}
        dropped = sorted(set(business.thresholds or {}) - known)
        business.name = data["name"]
        business.time_zone = data["time_zone"]
        business.work_start = data["work_start"]
        business.work_end = data["work_end"]
        business.work_days = ",".join(sorted(data["work_days"], key=int))
        business.base_currency = data["base_currency"]
        business.target_hourly_rate_minor = data["target_hourly_rate"]
        business.default_cost_rate_minor = data["default_cost_rate"]
        business.own_addresses = data["own_addresses"]
        business.thresholds = data["thresholds"]
        for key in LETTERHEAD:
            if key not in self.data:
                continue  # a page without the letterhead (the first run) keeps it
            value = data.get(key) or ""
            setattr(business, key, value if key == "address" else value.strip())
        # The owner saw the currency and kept it: imports no longer set it.
        business.currency_chosen = True
        with transaction.atomic():
            business.save()
        # The cached portfolio pages show the currency and the target rate.
        cache.clear()
        return dropped


def _major(minor: int) -> str:
    amount = Decimal(minor) / MINOR_UNITS
    return str(amount.quantize(Decimal(1))) if minor % MINOR_UNITS == 0 else f"{amount:.2f}"


class RateForm(forms.Form):
    """Add an exchange rate, or change the one a currency has."""

    currency = forms.CharField(
        label=gettext_lazy("Currency"),
        max_length=12,
        help_text=gettext_lazy("ISO 4217, e.g. USD."),
    )
    rate = forms.CharField(
        label=gettext_lazy("Rate"),
        help_text=gettext_lazy("Units of the base currency one unit is worth, e.g. 0.92."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def clean_currency(self) -> str:
        return str(_clean_with(parse_currency, self.cleaned_data["currency"]))

    def clean_rate(self) -> Decimal:
        value = _clean_with(parse_rate, self.cleaned_data["rate"])
        assert isinstance(value, Decimal)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        base = BusinessSettings.load().base_currency
        if data.get("currency") == base:
            self.add_error(
                "currency",
                _("%(currency)s is the base currency: 1 %(currency)s is always 1 %(currency)s.")
                % {"currency": base},
            )
        return data

    def save(self) -> tuple[str, Decimal, bool]:
        """Store the rate (an unusable stored one is replaced without being read);
        return the currency, the rate and whether the currency had none before."""
        currency, rate = self.cleaned_data["currency"], self.cleaned_data["rate"]
        return currency, rate, set_rate(currency, rate)
