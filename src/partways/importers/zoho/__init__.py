"""Zoho Invoice: the invoices and contacts exports (CSV)."""

from ..base import Importer
from .contacts import ZohoContactsImporter
from .invoices import ZohoInvoicesImporter

IMPORTERS: tuple[type[Importer], ...] = (ZohoInvoicesImporter, ZohoContactsImporter)

__all__ = ["IMPORTERS", "ZohoContactsImporter", "ZohoInvoicesImporter"]
