"""Stripe: the payments export (Payments → Export → CSV)."""

from ..base import Importer
from .payments import StripePaymentsImporter

IMPORTERS: tuple[type[Importer], ...] = (StripePaymentsImporter,)

__all__ = ["IMPORTERS", "StripePaymentsImporter"]
