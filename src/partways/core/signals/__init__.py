"""Every warning sign of PLAYBOOK §1 as a signal, in the order PLAYBOOK lists them."""

from __future__ import annotations

from .base import SEVERITIES, Signal
from .collaboration import INDECISIVE, REJECTED_RECOMMENDATIONS
from .communication import AFTER_HOURS, LOW_RESPECT, MINIMAL_COMMUNICATION, PESSIMISM
from .conduct import ABUSE_OR_UNREASONABLE, MISTREATS_STAFF, UNETHICAL
from .fit import NOT_A_FIT
from .payments import PAYMENT_RISK
from .progress import ID as NOT_PROGRESSING
from .workload import LOSING_MONEY, TIME_VS_VALUE

# Signals computed from their own components; not_progressing is derived from these.
BASE_SIGNALS: tuple[Signal, ...] = (
    TIME_VS_VALUE,
    REJECTED_RECOMMENDATIONS,
    LOW_RESPECT,
    MINIMAL_COMMUNICATION,
    PESSIMISM,
    LOSING_MONEY,
    ABUSE_OR_UNREASONABLE,
    MISTREATS_STAFF,
    UNETHICAL,
    PAYMENT_RISK,
    AFTER_HOURS,
    INDECISIVE,
    NOT_A_FIT,
)

SIGNAL_IDS: tuple[str, ...] = (
    "time_vs_value",
    "rejected_recommendations",
    "low_respect",
    "minimal_communication",
    NOT_PROGRESSING,
    "pessimism",
    "losing_money",
    "abuse_or_unreasonable",
    "mistreats_staff",
    "unethical",
    "payment_risk",
    "after_hours",
    "indecisive",
    "not_a_fit",
)

__all__ = ["BASE_SIGNALS", "SEVERITIES", "SIGNAL_IDS", "Signal"]
