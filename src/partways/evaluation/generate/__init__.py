"""Realistic generated agencies for ``partways eval triage``.

:func:`generate_agencies` builds five businesses (three for tuning, two held out),
each with 16–17 clients into which one pattern of
:mod:`partways.evaluation.catalog` is planted, and a year or more of everything
their tools would export: hours, invoices and payments, e-mail and chat, meetings,
proposals, deliverables, incident reports and flags.

The same seed gives the same agencies: every draw comes from a ``random.Random``
seeded from it (one per agency), and every date derives from the agency's fixed
``as_of``, never from today's date.
"""

from __future__ import annotations

from partways.evaluation.generate.agencies import AGENCIES
from partways.evaluation.generate.clients import build_agency
from partways.evaluation.model import Agency

__all__ = ["generate_agencies"]


def generate_agencies(seed: int = 2026) -> list[Agency]:
    """The five agencies for ``seed``: tuning ones first, then the held-out ones.

    Raises ValueError when a spec asks for a pattern that needs a longer history than
    the client is given (a programming error in the specs).
    """
    return [build_agency(spec, seed) for spec in AGENCIES]
