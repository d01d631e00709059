"""The business's settings as the engine sees them."""

from __future__ import annotations

from partways.core.config import Thresholds
from partways.core.dataset import Business

from .models import BusinessSettings, ExchangeRate


def load_business() -> tuple[Business, Thresholds]:
    """Return the engine's :class:`Business` and the thresholds with the overrides applied.

    Raises :class:`partways.core.config.UnknownSetting` for an override key the
    registry does not know.
    """
    s = BusinessSettings.load()
    business = Business(
        time_zone=s.time_zone,
        work_start=s.work_start,
        work_end=s.work_end,
        work_days=tuple(int(d) for d in s.work_days.split(",") if d.strip()),
        base_currency=s.base_currency,
        target_hourly_rate_minor=s.target_hourly_rate_minor,
        default_cost_rate_minor=s.default_cost_rate_minor,
        rates={r.currency: r.rate_to_base for r in ExchangeRate.objects.all()},
    )
    return business, Thresholds.with_overrides(s.thresholds or {})
