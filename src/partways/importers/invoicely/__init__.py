"""Invoicely: the invoices and clients exports (CSV). The clients importer also reads
Invoice2go's clients export, which is the same file."""

from ..base import Importer
from .clients import SimpleClientsImporter
from .invoices import InvoicelyInvoicesImporter

IMPORTERS: tuple[type[Importer], ...] = (InvoicelyInvoicesImporter, SimpleClientsImporter)

__all__ = ["IMPORTERS", "InvoicelyInvoicesImporter", "SimpleClientsImporter"]
