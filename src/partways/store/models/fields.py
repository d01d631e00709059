"""Shared field helpers.

Money is stored as an integer count of minor units (cents) next to an ISO 4217
currency code: exact, fast to sum in SQL and Polars, and never mixed across
currencies without an explicit exchange rate.
"""

from decimal import Decimal
from typing import Any

from django.db import models

MINOR_UNITS = 100


def money_field(**kwargs: Any) -> Any:
    return models.BigIntegerField(**kwargs)


def currency_field(**kwargs: Any) -> Any:
    kwargs.setdefault("max_length", 3)
    return models.CharField(**kwargs)


def to_decimal(minor: int | None) -> Decimal | None:
    """Minor units as a Decimal amount (``12345`` -> ``Decimal('123.45')``)."""
    return None if minor is None else Decimal(minor) / MINOR_UNITS
